using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PublishingCluster.Actors.Serialization;

/// <summary>
/// The one JSON shape of domain records, for the journal and for snapshots: camelCase names, enums by name
/// (so reordering an enum never changes stored data) and ordinal-sorted dictionaries.
/// </summary>
public static class DomainJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>Options of this shape; <paramref name="refine"/> adds to them (the messages between nodes do, see <see cref="WireJson"/>).</summary>
    internal static JsonSerializerOptions Create(Action<JsonSerializerOptions>? refine = null)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            WriteIndented = false,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.Converters.Add(new OrdinalSortedDictionaryConverterFactory());
        refine?.Invoke(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}

/// <summary>
/// Reads <see cref="ImmutableSortedDictionary{TKey,TValue}"/> with string keys back with the ordinal comparer the
/// domain builds them with; the default reader would use the culture-sensitive comparer and reorder them.
/// </summary>
internal sealed class OrdinalSortedDictionaryConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType
        && typeToConvert.GetGenericTypeDefinition() == typeof(ImmutableSortedDictionary<,>)
        && typeToConvert.GetGenericArguments()[0] == typeof(string);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert.GetGenericArguments()[1]))!;

    private sealed class Converter<TValue> : JsonConverter<ImmutableSortedDictionary<string, TValue>>
    {
        public override ImmutableSortedDictionary<string, TValue> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var items = JsonSerializer.Deserialize<Dictionary<string, TValue>>(ref reader, options)
                ?? throw new JsonException("Expected an object.");
            return items.ToImmutableSortedDictionary(StringComparer.Ordinal);
        }

        public override void Write(Utf8JsonWriter writer, ImmutableSortedDictionary<string, TValue> value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            foreach (var (key, item) in value)
            {
                writer.WritePropertyName(key);
                JsonSerializer.Serialize(writer, item, options);
            }

            writer.WriteEndObject();
        }
    }
}
