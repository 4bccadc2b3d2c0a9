using System.Collections;
using System.Reflection;

namespace PublishingCluster.Actors.Tests.Support;

/// <summary>
/// Compares two object graphs by content: records holding immutable collections are equal only by reference under
/// their own Equals, which says nothing about a deserialized copy. Collections compare item by item, in order
/// (an ordinal-sorted dictionary read back in culture order is a difference); objects compare property by property.
/// </summary>
public static class StructuralAssert
{
    public static void Equal(object? expected, object? actual, string path = "$")
    {
        if (expected is null || actual is null)
        {
            Assert.True(expected is null && actual is null, $"{path}: expected {expected ?? "null"}, got {actual ?? "null"}");
            return;
        }

        var type = expected.GetType();
        Assert.True(type == actual.GetType(), $"{path}: expected a {type.Name}, got a {actual.GetType().Name}");
        if (type.IsPrimitive || type.IsEnum || expected is string or decimal or DateTimeOffset or DateTime or DateOnly or TimeOnly or TimeSpan)
        {
            Assert.True(expected.Equals(actual), $"{path}: expected {expected}, got {actual}");
            if (expected is DateTimeOffset at)
            {
                Assert.True(at.Offset == ((DateTimeOffset)actual).Offset, $"{path}: offset {at.Offset} became {((DateTimeOffset)actual).Offset}");
            }

            return;
        }

        if (expected is IEnumerable items)
        {
            var left = items.Cast<object?>().ToList();
            var right = ((IEnumerable)actual).Cast<object?>().ToList();
            Assert.True(left.Count == right.Count, $"{path}: expected {left.Count} items, got {right.Count}");
            for (var i = 0; i < left.Count; i++)
            {
                Equal(left[i], right[i], $"{path}[{i}]");
            }

            return;
        }

        if (expected is DictionaryEntry entry)
        {
            Equal(entry.Key, ((DictionaryEntry)actual).Key, $"{path}.Key");
            Equal(entry.Value, ((DictionaryEntry)actual).Value, $"{path}.Value");
            return;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.GetIndexParameters().Length == 0))
        {
            if (property.Name == "EqualityContract")
            {
                continue;
            }

            Equal(property.GetValue(expected), property.GetValue(actual), $"{path}.{property.Name}");
        }
    }
}
