using System.Globalization;
using System.Text;

namespace PublishingCluster.LoadTests.Reports;

/// <summary>One row per measured simulation, for spreadsheets and for comparing runs; latencies in milliseconds.</summary>
public static class CsvReport
{
    public const string FileName = "report.csv";

    private static readonly string[] Columns =
        ["scenario", "step", "request count", "ok", "failed", "rps", "min", "mean", "max", "p50", "p75", "p95", "p99", "std dev"];

    public static string Write(string folder, IEnumerable<StepStats> results)
    {
        var csv = new StringBuilder();
        csv.AppendLine(string.Join(',', Columns));
        foreach (var r in results)
        {
            string[] row =
            [
                Quote(r.Scenario), Quote(r.Step), Number(r.RequestCount), Number(r.Ok), Number(r.Failed),
                Number(r.OkPerSecond), Number(r.MinMs), Number(r.MeanMs), Number(r.MaxMs),
                Number(r.P50Ms), Number(r.P75Ms), Number(r.P95Ms), Number(r.P99Ms), Number(r.StdDevMs),
            ];
            csv.AppendLine(string.Join(',', row));
        }

        var path = Path.Combine(folder, FileName);
        File.WriteAllText(path, csv.ToString());
        return path;
    }

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    // Steps name their load ("keep 64 concurrent for 20 s"), which may hold commas.
    private static string Quote(string text) => $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
