using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Akka.Configuration;
using Akka.Configuration.Hocon;

namespace PublishingCluster.Simulation.Scenarios;

/// <summary>
/// Reads a scenario from a file: JSON (<c>.json</c>) or HOCON (anything else, e.g. <c>.hocon</c>, <c>.conf</c>).
/// Both are read into the same JSON tree and bound strictly: a field the scenario does not have, or a value of the
/// wrong type, is refused with a message naming the field; then <see cref="ScenarioRules"/> checks the ranges.
/// </summary>
public static class ScenarioFile
{
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter() },
        WriteIndented = true,
    };

    public static Scenario Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new ScenarioException("scenario", $"The scenario file {path} does not exist.");
        }

        var text = File.ReadAllText(path);
        return path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? FromJson(text) : FromHocon(text);
    }

    public static Scenario FromJson(string json)
    {
        JsonNode? tree;
        try
        {
            tree = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw new ScenarioException("scenario", $"Not valid JSON: {e.Message}");
        }

        return Bind(tree);
    }

    public static Scenario FromHocon(string hocon)
    {
        Config config;
        try
        {
            config = ConfigurationFactory.ParseString(hocon);
        }
        catch (Exception e) when (e is ConfigurationException or FormatException or InvalidOperationException)
        {
            throw new ScenarioException("scenario", $"Not valid HOCON: {e.Message}");
        }

        return Bind(config.Root is { } root ? ToJson(root) : new JsonObject());
    }

    private static Scenario Bind(JsonNode? tree)
    {
        if (tree is not JsonObject)
        {
            throw new ScenarioException("scenario", "A scenario is an object of fields.");
        }

        Scenario scenario;
        try
        {
            scenario = tree.Deserialize<Scenario>(Json) ?? new Scenario();
        }
        catch (JsonException e)
        {
            throw new ScenarioException(FieldOf(e), e.Message);
        }

        ScenarioRules.Validate(scenario);
        return scenario;
    }

    /// <summary>The field a binding error is about: its path, which for an unknown field ends with the unknown name.</summary>
    private static string FieldOf(JsonException e)
    {
        var path = (e.Path ?? "$").TrimStart('$').TrimStart('.');
        return path.Length == 0 ? "scenario" : path;
    }

    /// <summary>HOCON keeps no types: true/false are booleans, numbers are numbers, the rest strings.</summary>
    private static JsonNode? ToJson(HoconValue value)
    {
        if (value.IsObject())
        {
            var obj = new JsonObject();
            foreach (var (key, child) in value.GetObject().Items)
            {
                obj[key] = ToJson(child);
            }

            return obj;
        }

        if (value.IsArray())
        {
            return new JsonArray([.. value.GetArray().Select(ToJson)]);
        }

        var text = value.GetString();
        if (text is null)
        {
            return null;
        }

        if (text is "true" or "false")
        {
            return JsonValue.Create(text == "true");
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? (text.Contains('.', StringComparison.Ordinal) || text.Contains('e', StringComparison.OrdinalIgnoreCase) ? JsonValue.Create(number) : JsonValue.Create(long.Parse(text, CultureInfo.InvariantCulture)))
            : JsonValue.Create(text);
    }
}
