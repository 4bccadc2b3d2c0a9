using System.CommandLine;
using System.CommandLine.Help;
using System.Globalization;
using PublishingCluster.Simulation.Rehearsal;
using PublishingCluster.Simulation.Results;
using PublishingCluster.Simulation.Running;
using PublishingCluster.Simulation.Scenarios;

namespace PublishingCluster.Simulation.Cli;

/// <summary>
/// <c>simulate</c>: runs a scenario, prints progress and a summary, and writes summary.json and report.html to the
/// output folder. Exit codes: 0 done, 2 a bad scenario or flag. With <c>--server</c> it rehearses against a running
/// server over HTTP instead (<see cref="RehearseCommand"/>).
/// </summary>
public static class SimulateCommand
{
    private const string Description = """
        Runs a scenario on the server's actors on a virtual clock, prints progress and a summary, and writes
        summary.json and report.html to --output. With --server it rehearses the scenario against a running server over
        HTTP instead and writes rehearsal.json and rehearsal.md: the scenario then starts at the server's clock, and
        --start, --speed and --journal do not apply. Exit codes: 0 done, 1 the server unreachable, refusing the keys or
        lost, 2 a bad flag or scenario.
        """;

    /// <summary>The command with its flags; its action is not set, <see cref="RunAsync"/> runs it.</summary>
    public static (Command Command, ScenarioOptions Scenario, RehearsalFlagOptions Rehearsal) Define()
    {
        var command = new Command("simulate", Description) { new HelpOption() };
        var scenario = new ScenarioOptions();
        var rehearsal = new RehearsalFlagOptions();
        scenario.AddTo(command);
        rehearsal.AddTo(command);
        return (command, scenario, rehearsal);
    }

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var (command, scenarioOptions, rehearsalOptions) = Define();
        var parsed = command.Parse(args);
        if (parsed.Action is HelpAction)
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
        }

        ScenarioFlags flags;
        try
        {
            if (Flag.Refusal(parsed) is { } refusal)
            {
                throw refusal;
            }

            if (rehearsalOptions.Wanted(parsed))
            {
                return await RehearseCommand.RunAsync(rehearsalOptions.Read(parsed, scenarioOptions), output, error, cancellationToken);
            }

            rehearsalOptions.RefuseWithoutServer(parsed);
            flags = scenarioOptions.Read(parsed);
        }
        catch (ScenarioException e)
        {
            await error.WriteLineAsync($"simulate: {e.Message}");
            return 2;
        }

        var s = flags.Scenario;
        var run = flags.Run with { Progress = output };
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Simulating '{s.Name}': {s.Accounts} accounts x {s.ChannelsPerAccount} channels, {s.Days} days from {s.Start:yyyy-MM-dd}, seed {s.Seed}, journal {run.Journal.ToString().ToLowerInvariant()}, speed {(run.Speed is { } f ? f.ToString(CultureInfo.InvariantCulture) : "max")}."));
        var outcome = LiveProgress.Shows(output)
            ? await LiveProgress.RunAsync(s, run, cancellationToken)
            : await new SimulationRun(s, run).RunAsync(cancellationToken);
        var cost = await RunOutputs.WriteAsync(s, run, outcome, cancellationToken);
        await output.WriteLineAsync(Text(outcome.Summary));
        await output.WriteLineAsync($"Run: {cost}");
        await output.WriteLineAsync($"Wrote {Path.Combine(run.OutputFolder, RunOutputs.SummaryFile)} and {Path.Combine(run.OutputFolder, RunOutputs.ReportFile)}.");
        return 0;
    }

    /// <summary>The end-of-run summary as lines for the console.</summary>
    public static string Text(RunSummary r)
    {
        var lines = new List<string>
        {
            $"Posts (variants): planned {r.Posts.Planned}, published {r.Posts.Published}, late {r.Posts.Late} (p90 {r.Posts.LatenessP90Minutes} min), failed {r.Posts.Failed}, expired {r.Posts.Expired}, still open {r.Posts.StillOpen}, retries {r.Posts.Retries}",
        };
        lines.AddRange(r.Posts.FailedByReason.Select(f => $"  failed: {f.Key}: {f.Value}"));
        lines.Add($"Networks: {r.Network.Publications} posts, duplicate sends {r.Network.DuplicateSends}, recorded but missing {r.Network.RecordedButMissing}, unrecorded {r.Network.OnNetworkButNotRecorded}");
        lines.Add($"Engagements: {r.Engagements.Received} received ({r.Engagements.Negative} negative), {r.Engagements.Answered} answered, {r.Engagements.AnsweredWithinSla} within SLA ({r.Engagements.WithinSlaShare:P1})");
        lines.Add($"Escalations: {r.Escalations.Raised} raised; by cause {Pairs(r.Escalations.ByCause)}; by level {Pairs(r.Escalations.ByLevel)}");
        lines.Add($"Reports: {r.Reports.Delivered} delivered, {r.Reports.Acknowledged} acknowledged");
        lines.AddRange(r.Behaviours.Select(b => $"  {b.Key}: {b.Value.Accounts} accounts, goals met {b.Value.GoalsMet} ({b.Value.GoalsMetShare:P0}), {b.Value.EscalationsPerAccount} escalations per account, reports read {b.Value.ReportsAcknowledged}/{b.Value.ReportsDelivered}, contacts {b.Value.Contacts} ({b.Value.ContactsAbovePolicy} above policy)"));
        lines.Add($"Partnership health: {Pairs(r.PartnershipHealth.Bands)}; mean score {string.Join(", ", r.PartnershipHealth.MeanByBehaviour.Select(m => $"{m.Key} {m.Value}"))}");
        lines.Add($"Content requests {r.PartnershipHealth.ContentRequests} ({r.PartnershipHealth.ContentDelivered} delivered), recommendations {r.PartnershipHealth.Recommendations} ({r.PartnershipHealth.RecommendationsAccepted} accepted), client contacts {r.PartnershipHealth.Contacts}");

        return string.Join(Environment.NewLine, lines.Select(l => l.ToString(CultureInfo.InvariantCulture)));
    }

    private static string Pairs(SortedDictionary<string, int> counts) => string.Join(", ", counts.Select(c => $"{c.Key} {c.Value}"));
}
