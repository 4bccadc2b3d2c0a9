using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PublishingCluster.Simulation.Results;

/// <summary>summary.json: camelCase, indented, "\n" line ends whatever the platform, so equal summaries are equal files.</summary>
public static class SummaryJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Write(RunSummary summary) => JsonSerializer.Serialize(summary, Options) + "\n";
}
