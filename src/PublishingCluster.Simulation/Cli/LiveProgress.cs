using PublishingCluster.Simulation.Running;
using PublishingCluster.Simulation.Scenarios;
using Spectre.Console;

namespace PublishingCluster.Simulation.Cli;

/// <summary>
/// A live bar for a simulation while it runs, when its output is a terminal: the simulated days done, posts
/// published, events and events a second. Redirected output (CI logs, tests, a file) keeps the plain line a
/// simulated day.
/// </summary>
public static class LiveProgress
{
    /// <summary>Whether <paramref name="output"/> is the console's, writing to an interactive terminal.</summary>
    public static bool Shows(TextWriter output) =>
        ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    /// <summary>Runs the scenario with a live bar in place of the daily lines.</summary>
    public static Task<SimulationOutcome> RunAsync(Scenario scenario, RunOptions run, CancellationToken cancellationToken) =>
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(context =>
            {
                var days = context.AddTask("opening the accounts", maxValue: scenario.Days);
                var observed = run with
                {
                    Progress = null,
                    Observer = p =>
                    {
                        // Called after every step on the run's thread: only fields are set here, the bar redraws on its own.
                        days.Value = Math.Min((p.Simulated - scenario.Start).TotalDays, scenario.Days);
                        days.Description = p.Stage switch
                        {
                            SimulationStage.Opening => "opening the accounts",
                            SimulationStage.Collecting => "reading the accounts",
                            _ => $"day {p.Day}/{p.Days}  published {p.Published}  events {p.Events} ({p.EventsPerSecond:0}/s)",
                        };
                    },
                };
                return new SimulationRun(scenario, observed).RunAsync(cancellationToken);
            });
}
