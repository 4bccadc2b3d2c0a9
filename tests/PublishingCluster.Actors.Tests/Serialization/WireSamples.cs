using System.Collections;
using System.Collections.Immutable;
using System.Reflection;
using PublishingCluster.Actors.Serialization;

namespace PublishingCluster.Actors.Tests.Serialization;

/// <summary>One message to send, under the name of its golden file.</summary>
public sealed record WireCase(string Name, string Manifest, object Message)
{
    public override string ToString() => Name;
}

/// <summary>
/// A sample of every message between nodes, built from its constructor so that a message added to
/// <see cref="WireTypes"/> gets one without anyone writing it: every field filled (optional ones too), strings named
/// after their field, dates with a non-UTC offset, fractional decimals, the last value of each enum, one item in each
/// collection. A message with a field declared as an interface or an abstract record (the command an Execute carries,
/// a network's answer) gets one sample per variant, named <c>{manifest}.{variant}</c>. The values are fixed, so a
/// sample's bytes change only when the wire form does.
/// </summary>
public static class WireSamples
{
    private static readonly DateTimeOffset At = new(2027, 3, 1, 9, 30, 15, 123, TimeSpan.FromHours(1));

    public static IReadOnlyList<WireCase> All { get; } = [.. WireTypes.Types.SelectMany(CasesOf).OrderBy(c => c.Name, StringComparer.Ordinal)];

    public static WireCase Named(string name) => All.Single(c => c.Name == name);

    private static IEnumerable<WireCase> CasesOf(Type type)
    {
        var manifest = WireTypes.ManifestOf(type);
        var variantField = LargestConstructor(type).GetParameters().Select(p => p.ParameterType).FirstOrDefault(WireTypes.Variants.ContainsKey);
        if (variantField is null)
        {
            yield return new WireCase(manifest, manifest, Build(type, type.Name, null));
            yield break;
        }

        var variants = WireTypes.Variants[variantField];
        foreach (var variant in variants.Types.OrderBy(variants.ManifestOf, StringComparer.Ordinal))
        {
            yield return new WireCase($"{manifest}.{variants.ManifestOf(variant)}", manifest, Build(type, type.Name, variant));
        }
    }

    private static object Build(Type type, string name, Type? variant)
    {
        var nullable = Nullable.GetUnderlyingType(type);
        if (nullable is not null)
        {
            return Build(nullable, name, variant);
        }

        if (type == typeof(string)) return $"B-{name}";
        if (type == typeof(bool)) return true;
        if (type == typeof(int)) return 7;
        if (type == typeof(long)) return 42L;
        if (type == typeof(decimal)) return 1234.56m;
        if (type == typeof(double)) return 0.25;
        if (type == typeof(DateTimeOffset)) return At;
        if (type == typeof(TimeSpan)) return TimeSpan.FromMinutes(90);
        if (type == typeof(DateOnly)) return new DateOnly(2027, 6, 30);
        if (type == typeof(TimeOnly)) return new TimeOnly(17, 30);
        if (type.IsEnum) return Enum.GetValues(type).Cast<object>().Last();

        if (type.IsGenericType)
        {
            var definition = type.GetGenericTypeDefinition();
            var arguments = type.GetGenericArguments();
            if (definition == typeof(ValueTuple<,>))
            {
                return Activator.CreateInstance(type, Build(arguments[0], name, variant), Build(arguments[1], name, variant))!;
            }

            if (definition == typeof(ImmutableList<>))
            {
                var empty = type.GetField(nameof(ImmutableList<object>.Empty))!.GetValue(null)!;
                return type.GetMethod(nameof(ImmutableList<object>.Add), [arguments[0]])!.Invoke(empty, [Build(arguments[0], name, variant)])!;
            }

            if (definition == typeof(IReadOnlyList<>) || definition == typeof(IReadOnlyCollection<>) || definition == typeof(IEnumerable<>))
            {
                // What JSON reads such a field back as.
                var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(arguments[0]))!;
                list.Add(Build(arguments[0], name, variant));
                return list;
            }

            if (definition == typeof(ImmutableSortedDictionary<,>))
            {
                var builder = typeof(ImmutableSortedDictionary).GetMethods()
                    .Single(m => m.Name == nameof(ImmutableSortedDictionary.CreateBuilder) && m.GetParameters().Length == (arguments[0] == typeof(string) ? 1 : 0))
                    .MakeGenericMethod(arguments)
                    .Invoke(null, arguments[0] == typeof(string) ? [StringComparer.Ordinal] : [])!;
                ((IDictionary)builder).Add(Build(arguments[0], name, variant), Build(arguments[1], name, variant));
                return builder.GetType().GetMethod("ToImmutable")!.Invoke(builder, [])!;
            }
        }

        if (type.IsInterface || type.IsAbstract)
        {
            if (WireTypes.Variants.TryGetValue(type, out var variants))
            {
                return Build(variant is not null && type.IsAssignableFrom(variant) ? variant : variants.Types.OrderBy(variants.ManifestOf, StringComparer.Ordinal).First(), name, variant);
            }

            throw new InvalidOperationException($"{name} is a {type.Name}, which names no concrete type: give it variants in {nameof(WireTypes)}.{nameof(WireTypes.Variants)}.");
        }

        var constructor = LargestConstructor(type);
        return constructor.Invoke([.. constructor.GetParameters().Select(p => Build(p.ParameterType, p.Name!, variant))]);
    }

    private static ConstructorInfo LargestConstructor(Type type) =>
        type.GetConstructors().Where(c => !c.GetParameters().Any(p => p.ParameterType == type)).MaxBy(c => c.GetParameters().Length)
        ?? throw new InvalidOperationException($"{type.Name} has no public constructor to build a sample with.");
}
