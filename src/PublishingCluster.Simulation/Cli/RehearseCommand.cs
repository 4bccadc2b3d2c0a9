using System.Globalization;
using PublishingCluster.Simulation.Rehearsal;

namespace PublishingCluster.Simulation.Cli;

/// <summary>
/// <c>simulate --server</c>: rehearses a scenario against a running server over HTTP, prints progress and a
/// summary, and writes rehearsal.json and rehearsal.md to the output folder. Ctrl+C stops it and still writes what
/// was measured. Exit codes: 0 done (or stopped by Ctrl+C or --for), 1 the server unreachable, refusing the keys or
/// lost, 2 a bad flag.
/// </summary>
public static class RehearseCommand
{
    public static async Task<int> RunAsync(RehearsalFlags flags, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var options = flags.Options with { Progress = output };
        var s = flags.Scenario.Scenario;
        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ConsoleCancelEventHandler onCtrlC = (_, e) =>
        {
            // The first Ctrl+C stops the rehearsal cleanly and the summary of what was done is still written; a second one ends the process.
            e.Cancel = !interrupt.IsCancellationRequested;
            interrupt.Cancel();
        };
        Console.CancelKeyPress += onCtrlC;
        using var http = new HttpClient { BaseAddress = options.Server, Timeout = TimeSpan.FromSeconds(60) };
        var api = new ApiConnection(http, new LoadMeter());
        try
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Rehearsing '{s.Name}' against {options.Server}: {s.Accounts} accounts x {s.ChannelsPerAccount} channels, {s.Days} days, seed {s.Seed}, concurrency {options.Concurrency}{(options.For is { } f ? $", at most {RehearsalRun.Duration(f)}" : string.Empty)}."));
            var outcome = await new RehearsalRun(s, options, api).RunAsync(interrupt.Token);
            var summary = RehearsalSummary.Of(outcome, options.Server, options.Concurrency);
            Directory.CreateDirectory(options.OutputFolder);
            var json = Path.Combine(options.OutputFolder, "rehearsal.json");
            var markdown = Path.Combine(options.OutputFolder, "rehearsal.md");
            await File.WriteAllTextAsync(json, summary.ToJson(), CancellationToken.None);
            await File.WriteAllTextAsync(markdown, RehearsalMarkdown.Write(summary), CancellationToken.None);
            await output.WriteLineAsync(Text(summary));
            await output.WriteLineAsync($"Wrote {json} and {markdown}.");
            if (outcome.Problem is { } problem)
            {
                await error.WriteLineAsync($"simulate: {problem}");
                return 1;
            }

            return 0;
        }
        catch (RehearsalException e)
        {
            await error.WriteLineAsync($"simulate: {e.Message}");
            return e.ExitCode;
        }
        finally
        {
            Console.CancelKeyPress -= onCtrlC;
        }
    }

    /// <summary>The summary as console lines: how it ran, the load per kind of request, the outcome.</summary>
    public static string Text(RehearsalSummary s)
    {
        var t = s.Load.Total;
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"Stopped by {s.Run.StoppedBy} after {s.Run.WallSeconds:0.0} s wall, {s.Server.ServerHours?.ToString("0.#", CultureInfo.InvariantCulture) ?? "?"} server hours."),
            string.Create(CultureInfo.InvariantCulture, $"Load: {t.Requests} requests, {t.PerSecond:0.0}/s, {t.Failed} failed ({(t.FailedByStatus.Count == 0 ? "none" : string.Join(", ", t.FailedByStatus.Select(f => $"{f.Key} {f.Value}")))}), p50 {t.P50Ms:0.0} ms, p95 {t.P95Ms:0.0} ms, p99 {t.P99Ms:0.0} ms"),
        };
        lines.AddRange(s.Load.Routes.Select(r => string.Create(CultureInfo.InvariantCulture,
            $"  {r.Key}: {r.Value.Requests} ({r.Value.PerSecond:0.0}/s), failed {r.Value.Failed}, p50 {r.Value.P50Ms:0.0} ms, p95 {r.Value.P95Ms:0.0} ms, p99 {r.Value.P99Ms:0.0} ms")));
        lines.AddRange(RehearsalMarkdown.Outcome(s));
        return string.Join(Environment.NewLine, lines);
    }
}
