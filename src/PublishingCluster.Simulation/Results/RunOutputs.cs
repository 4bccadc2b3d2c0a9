using System.Diagnostics;
using System.Globalization;
using PublishingCluster.Simulation.Running;
using PublishingCluster.Simulation.Scenarios;

namespace PublishingCluster.Simulation.Results;

/// <summary>
/// What a finished run leaves in its output folder: summary.json (the same bytes for the same seed and scenario),
/// report.html, and run.txt with what the run cost (which is not the same twice).
/// </summary>
public static class RunOutputs
{
    public const string SummaryFile = "summary.json";

    public const string ReportFile = "report.html";

    /// <summary>Writes the three files and returns the cost line written to run.txt.</summary>
    public static async Task<string> WriteAsync(Scenario scenario, RunOptions run, SimulationOutcome outcome, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(run.OutputFolder);
        await File.WriteAllTextAsync(Path.Combine(run.OutputFolder, SummaryFile), SummaryJson.Write(outcome.Summary), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(run.OutputFolder, ReportFile), HtmlReport.Write(outcome.Summary), cancellationToken);
        var peak = Process.GetCurrentProcess().PeakWorkingSet64;
        var simulatedSeconds = scenario.Days * 86400.0;
        var cost = string.Create(CultureInfo.InvariantCulture,
            $"wall {outcome.Wall.TotalSeconds:0.0} s, {outcome.Steps} steps, {outcome.Events} events ({outcome.Events / Math.Max(outcome.Wall.TotalSeconds, 1e-3):0} events/s), {simulatedSeconds / Math.Max(outcome.Wall.TotalSeconds, 1e-3):0} simulated s per wall s, peak working set {peak / 1048576.0:0} MiB; opening {outcome.Phases.Opening.TotalSeconds:0.0} s, acting {outcome.Phases.Acting.TotalSeconds:0.0} s, publishing {outcome.Phases.Publishing.TotalSeconds:0.0} s, engagements {outcome.Phases.Engagements.TotalSeconds:0.0} s, collecting {outcome.Phases.Collecting.TotalSeconds:0.0} s");
        await File.WriteAllTextAsync(Path.Combine(run.OutputFolder, "run.txt"), cost + "\n", cancellationToken);
        return cost;
    }
}
