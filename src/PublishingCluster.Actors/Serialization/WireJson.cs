using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace PublishingCluster.Actors.Serialization;

/// <summary>
/// The JSON of the messages between nodes: the domain's shape (<see cref="DomainJson"/>: camelCase, enums by name,
/// ordinal-sorted dictionaries), plus a "$type" name from <see cref="WireTypes.Variants"/> on fields declared as an
/// interface or an abstract record, and pairs (value tuples) as two-element arrays.
/// </summary>
public static class WireJson
{
    public static JsonSerializerOptions Options { get; } = DomainJson.Create(options =>
    {
        options.TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { NameVariants } };
        options.Converters.Add(new PairConverterFactory());
    });

    private static void NameVariants(JsonTypeInfo info)
    {
        if (!WireTypes.Variants.TryGetValue(info.Type, out var variants))
        {
            return;
        }

        var polymorphism = new JsonPolymorphismOptions
        {
            TypeDiscriminatorPropertyName = "$type",
            UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization,
        };
        foreach (var type in variants.Types)
        {
            polymorphism.DerivedTypes.Add(new JsonDerivedType(type, variants.ManifestOf(type)));
        }

        info.PolymorphismOptions = polymorphism;
    }
}

/// <summary>Writes a <see cref="ValueTuple{T1,T2}"/> as <c>[item1, item2]</c>; its items are fields, which JSON would otherwise leave out.</summary>
internal sealed class PairConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(ValueTuple<,>);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Converter<,>).MakeGenericType(typeToConvert.GetGenericArguments()))!;

    private sealed class Converter<T1, T2> : JsonConverter<ValueTuple<T1, T2>>
    {
        public override (T1, T2) Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw new JsonException("Expected a pair as a two-element array.");
            }

            reader.Read();
            var first = JsonSerializer.Deserialize<T1>(ref reader, options)!;
            reader.Read();
            var second = JsonSerializer.Deserialize<T2>(ref reader, options)!;
            if (!reader.Read() || reader.TokenType != JsonTokenType.EndArray)
            {
                throw new JsonException("Expected a pair as a two-element array.");
            }

            return (first, second);
        }

        public override void Write(Utf8JsonWriter writer, (T1, T2) value, JsonSerializerOptions options)
        {
            writer.WriteStartArray();
            JsonSerializer.Serialize(writer, value.Item1, options);
            JsonSerializer.Serialize(writer, value.Item2, options);
            writer.WriteEndArray();
        }
    }
}
