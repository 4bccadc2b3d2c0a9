using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace PublishingCluster.LoadTests.Reports;

/// <summary>A readable report: where and when it ran, one table row per measured simulation, then failures and notes.</summary>
public static class MarkdownReport
{
    public const string FileName = "report.md";

    public static string Write(string folder, IReadOnlyList<StepStats> results, IReadOnlyList<ThresholdResult> checks, IReadOnlyList<string> crashed, IEnumerable<string> arguments)
    {
        var md = new StringBuilder();
        md.AppendLine("# Load test report");
        md.AppendLine();
        md.AppendLine(Line($"- Run at {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC: `{string.Join(' ', arguments)}`"));
        md.AppendLine(Line($"- Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}"));
        md.AppendLine("- Latencies of ok requests, in milliseconds; rps counts ok requests only; cores = CPU seconds used per second of the run " +
            "(machine: every process, so machine - client - server is what other work on the machine took).");
        md.AppendLine();
        md.AppendLine("| scenario | step | requests | ok | failed | ok/s | min | mean | p50 | p75 | p95 | p99 | max | std dev | client cores | server cores | machine cores | client CPU ms/ok | server CPU ms/ok |");
        md.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in results)
        {
            md.AppendLine(Line(
                $"| {r.Scenario} | {r.Step} | {r.RequestCount} | {r.Ok} | {r.Failed} | {r.OkPerSecond:0} | {r.MinMs:0.00} | {r.MeanMs:0.00} | {r.P50Ms:0.00} | {r.P75Ms:0.00} | {r.P95Ms:0.00} | {r.P99Ms:0.00} | {r.MaxMs:0.00} | {r.StdDevMs:0.00} | {Cores(r.ClientCores)} | {Cores(r.ServerCores)} | {Cores(r.MachineCores)} | {Cores(r.ClientCpuMsPerOk)} | {Cores(r.ServerCpuMsPerOk)} |"));
        }

        md.AppendLine();
        md.AppendLine("## Thresholds");
        md.AppendLine();
        md.AppendLine("| | scenario | step | threshold | measured |");
        md.AppendLine("| --- | --- | --- | --- | --- |");
        foreach (var check in checks)
        {
            md.AppendLine(Line($"| {(check.Passed ? "pass" : "**FAIL**")} | {check.Scenario} | {check.Row?.Step ?? check.Threshold.Step} | {check.Threshold} | {Measured(check)} |"));
        }

        foreach (var crash in crashed)
        {
            md.AppendLine();
            md.AppendLine(Line($"**Could not run:** {crash}"));
        }

        foreach (var r in results.Where(r => r.Failures.Count > 0 || r.Notes.Count > 0))
        {
            md.AppendLine();
            md.AppendLine(Line($"## {r.Scenario}: {r.Step}"));
            md.AppendLine();
            foreach (var (reason, count) in r.Failures.OrderByDescending(f => f.Value))
            {
                md.AppendLine(Line($"- failed with {reason}: {count}"));
            }

            foreach (var (name, value) in r.Notes)
            {
                md.AppendLine(Line($"- {name}: {value}"));
            }
        }

        var path = Path.Combine(folder, FileName);
        File.WriteAllText(path, md.ToString());
        return path;
    }

    /// <summary>The measured figure in the threshold's unit, or why there is none.</summary>
    public static string Measured(ThresholdResult check) =>
        check.Row is null ? "nothing measured"
        : check.Threshold.Metric == ThresholdMetric.ErrorRatePercent ? Line($"{check.Measured:0.##} % ({check.Row.Failed} of {check.Row.RequestCount})")
        : Line($"{check.Measured:0.#} ms");

    private static string Cores(double? value) => value is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "-";

    private static string Line(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
