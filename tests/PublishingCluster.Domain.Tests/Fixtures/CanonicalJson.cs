using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace PublishingCluster.Domain.Tests.Fixtures;

/// <summary>
/// A structural, order-independent rendering of a state for comparison. Record equality is not enough:
/// the state holds immutable collections, which compare by reference, so two equal states built along
/// different paths (incrementally, or by replay) would look different.
/// </summary>
public static class CanonicalJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        Converters = { new JsonStringEnumConverter() },
        TypeInfoResolver = new DefaultJsonTypeInfoResolver
        {
            // Only stored values count; derived properties are computed from them, and some (an unopened
            // account's contract) throw by design.
            Modifiers = { info => RemoveDerivedProperties(info) },
        },
    };

    public static string Of<T>(T value)
    {
        var node = JsonSerializer.SerializeToNode(value, Options);
        return Sorted(node)?.ToJsonString() ?? "null";
    }

    private static void RemoveDerivedProperties(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        for (var i = info.Properties.Count - 1; i >= 0; i--)
        {
            if (info.Properties[i].Set is null)
            {
                info.Properties.RemoveAt(i);
            }
        }
    }

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray array => new JsonArray([.. array.Select(Sorted)]),
        JsonValue value => value.DeepClone(),
        _ => null,
    };
}
