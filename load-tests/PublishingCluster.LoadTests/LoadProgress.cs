using System.Diagnostics;
using Spectre.Console;

namespace PublishingCluster.LoadTests;

/// <summary>
/// A live bar for a load simulation while it runs, when the runner writes to a terminal: time through the
/// simulation and the requests so far. Redirected output (CI logs, the smoke run) keeps only the plain lines the
/// runner prints before and after each simulation.
/// </summary>
public static class LoadProgress
{
    public static bool Shown => !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    public static async Task WhileAsync(Task running, string label, TimeSpan during, Stopwatch clock, LatencyRecorder recorder)
    {
        if (!Shown)
        {
            await running;
            return;
        }

        await AnsiConsole.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(label), maxValue: during.TotalSeconds);
                while (!running.IsCompleted)
                {
                    var (ok, failed) = recorder.Counts;
                    task.Value = Math.Min(clock.Elapsed.TotalSeconds, during.TotalSeconds);
                    task.Description = Markup.Escape($"{label}: ok {ok}, failed {failed}");
                    await Task.WhenAny(running, Task.Delay(250));
                }

                task.Value = during.TotalSeconds;
            });
        await running;
    }
}
