using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using PublishingCluster.Actors.Serialization;

namespace PublishingCluster.Server.Api;

/// <summary>
/// The API's JSON rules, strict on the way in: unknown properties, duplicate properties, missing properties, nulls
/// where a value is required, enum values given as numbers or not spelt exactly, and times without an offset are all
/// refused, so that a typo never silently becomes a default. (Nulls inside lists and overlong strings are refused
/// before binding, by <see cref="JsonShape"/>.)
/// </summary>
public static class ApiJson
{
    public const int MaxDepth = 32;

    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.PropertyNameCaseInsensitive = false;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.RespectNullableAnnotations = true;
        options.RespectRequiredConstructorParameters = true;
        options.MaxDepth = MaxDepth;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.AllowDuplicateProperties = false;
        options.Converters.Add(new ExactEnumConverter());
        options.Converters.Add(new OffsetRequiredConverter());
        options.Converters.Add(new NullableOffsetRequiredConverter());
        foreach (var converter in DomainJson.Options.Converters.Where(c => c is not JsonStringEnumConverter))
        {
            options.Converters.Add(converter);
        }
    }

    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>Parses an ISO 8601 instant that states its offset ("Z" or "+01:00"); a bare local time is ambiguous.</summary>
    public static bool TryParseInstant(string? text, out DateTimeOffset instant)
    {
        instant = default;
        if (string.IsNullOrWhiteSpace(text) || text.Length < 11)
        {
            return false;
        }

        var tail = text[^6..];
        var hasOffset = text.EndsWith('Z') || text.EndsWith('z') || ((tail[0] == '+' || tail[0] == '-') && tail[3] == ':');
        return hasOffset && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out instant);
    }

    /// <summary>A refusal whose message is written for the API's callers, and so is shown to them as it is.</summary>
    public sealed class InputException(string message) : JsonException(message);

    /// <summary>
    /// Enum values by their exact names only: <see cref="JsonStringEnumConverter"/> also takes "monthly", " Monthly"
    /// and "Weekly, Monthly", which the API does not. Written by name, as before.
    /// </summary>
    private sealed class ExactEnumConverter : JsonConverterFactory
    {
        public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

        public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
            (JsonConverter)Activator.CreateInstance(typeof(Exact<>).MakeGenericType(typeToConvert))!;

        private sealed class Exact<TEnum> : JsonConverter<TEnum>
            where TEnum : struct, Enum
        {
            private static readonly Dictionary<string, TEnum> ByName = Enum.GetValues<TEnum>().ToDictionary(v => v.ToString(), StringComparer.Ordinal);

            private static readonly string Names = string.Join(", ", Enum.GetNames<TEnum>());

            public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
                reader.TokenType == JsonTokenType.String && ByName.TryGetValue(reader.GetString()!, out var value)
                    ? value
                    : throw new InputException($"Give one of {Names}, spelt exactly.");

            public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());

            public override TEnum ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
                ByName.TryGetValue(reader.GetString()!, out var value) ? value : throw new InputException($"Give one of {Names}, spelt exactly.");

            public override void WriteAsPropertyName(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) => writer.WritePropertyName(value.ToString());
        }
    }

    private sealed class OffsetRequiredConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String && TryParseInstant(reader.GetString(), out var instant)
                ? instant
                : throw new InputException("Expected an ISO 8601 time with an offset, such as 2027-03-01T09:00:00Z or 2027-03-01T09:00:00+01:00.");

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture));
    }

    private sealed class NullableOffsetRequiredConverter : JsonConverter<DateTimeOffset?>
    {
        private static readonly OffsetRequiredConverter Inner = new();

        public override bool HandleNull => true;

        public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Null ? null : Inner.Read(ref reader, typeof(DateTimeOffset), options);

        public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
        {
            if (value is { } instant)
            {
                Inner.Write(writer, instant, options);
            }
            else
            {
                writer.WriteNullValue();
            }
        }
    }
}
