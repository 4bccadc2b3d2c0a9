using System.Globalization;
using Akka.Actor;
using PublishingCluster.Operations.Simulations;
using PublishingCluster.Simulation.Results;

namespace PublishingCluster.Operations.Palettes;

/// <summary>
/// The simulator on a node started with <c>--simulator true</c> or <c>--simulations &lt;folder&gt;</c>: <c>status</c>,
/// <c>start &lt;scenario&gt;</c> and <c>stop</c>. One run at a time, in the node's process, apart from its cluster.
/// </summary>
public sealed class SimulationPalette(Simulator simulator) : ICommandPalette
{
    private static readonly string[] Overrides = ["--days", "--accounts", "--seed", "--speed"];

    public string Name => "sim";

    public string Description => "The simulator on a node that runs it: a scenario's progress, starting one, stopping it.";

    public IReadOnlyList<CommandDefinition> Commands =>
    [
        new("status", "Idle, or the run under way (simulated date, day, posts, events, wall time), or how the last one ended.", [], [], StatusAsync),
        new("start", "Run a scenario: a file, or a name from the simulations folder or hocon/scenarios; the overrides are simulate's flags.", ["<scenario>"],
        [
            new("--days", "-d", "n", "Simulated days instead of the scenario's."),
            new("--accounts", "-a", "n", "Client accounts instead of the scenario's."),
            new("--seed", "-s", "n", "The seed instead of the scenario's."),
            new("--speed", null, "max|factor", "As fast as possible (default), or virtual seconds per real second."),
        ], StartAsync),
        new("stop", "Stop the run under way, at the end of its current step; it writes no summary.", [], [], StopAsync),
    ];

    private async Task StatusAsync(CommandContext context)
    {
        if (!simulator.Enabled)
        {
            await context.WriteAsync(new SimulationStatus(false, SimulationStates.Disabled, null), $"simulator: off. {Simulator.NotEnabled}");
            return;
        }

        var status = await AskAsync<SimulationStatus>(context, GetSimulationStatus.Instance) with { Scenarios = simulator.Catalog!.Names() };
        await context.WriteAsync(status, Lines(status));
    }

    private async Task StartAsync(CommandContext context)
    {
        if (!simulator.Enabled)
        {
            throw CommandException.Failed(Simulator.NotEnabled);
        }

        var overrides = Overrides.Where(context.Args.Has).SelectMany(o => new[] { o, context.Args.Value(o)! });
        var start = simulator.Prepare(context.Args.Required(0), overrides);
        var status = await AskAsync<SimulationStatus>(context, start);
        var s = start.Scenario;
        await context.WriteAsync(status,
        [
            $"Started run {status.RunId}: scenario {s.Name} from {start.Source}",
            Invariant($"{s.Accounts} accounts x {s.ChannelsPerAccount} channels, {s.Days} days from {CommandText.Instant(s.Start)}, seed {s.Seed}, speed {(start.Run.Speed is { } f ? f.ToString(CultureInfo.InvariantCulture) : "max")}"),
            $"output: {status.Output}",
        ]);
    }

    private async Task StopAsync(CommandContext context)
    {
        if (!simulator.Enabled)
        {
            throw CommandException.Failed(Simulator.NotEnabled);
        }

        var status = await AskAsync<SimulationStatus>(context, StopSimulation.Instance);
        var where = status.Progress is { } p ? Invariant($" at {CommandText.Instant(p.Simulated)}, day {p.Day} of {p.Days}") : string.Empty;
        var headline = status.State switch
        {
            SimulationStates.Stopped => $"Stopped run {status.RunId}{where}; it wrote no summary.",
            SimulationStates.Finished => $"Run {status.RunId} finished before it could stop; its summary is in {status.Output}.",
            _ => $"Run {status.RunId} ended {status.State}{where}: {status.Reason}",
        };
        await context.WriteAsync(status, headline);
    }

    private async Task<T> AskAsync<T>(CommandContext context, object message) =>
        await simulator.Actor.Ask<object>(message, Simulator.AskTimeout, context.Cancellation) switch
        {
            T answer => answer,
            SimulationRefused refused => throw CommandException.Failed(refused.Reason),
            var other => throw new InvalidOperationException($"The simulator answered {other.GetType().Name}."),
        };

    private static IEnumerable<string> Lines(SimulationStatus status)
    {
        yield return $"simulator: {status.State}";
        if (status.RunId is null)
        {
            yield return $"folder: {status.Folder}";
            yield return $"scenarios: {(status.Scenarios is { Count: > 0 } names ? string.Join(", ", names) : "none")}";
            yield break;
        }

        yield return $"run: {status.RunId}";
        yield return Invariant($"scenario: {status.Scenario} from {status.Source}: seed {status.Seed}, {status.Accounts} accounts, {status.Days} days from {CommandText.Instant(status.Start)}");
        if (status.Progress is { } p)
        {
            var at = status.State == SimulationStates.Stopped ? "stopped at" : "simulated";
            // The stage matters while the run is under way: opening thousands of accounts takes a while.
            var stage = status.State is SimulationStates.Running or SimulationStates.Stopping ? $" ({p.Stage.ToString().ToLowerInvariant()})" : string.Empty;
            yield return Invariant($"{at}: {CommandText.Instant(p.Simulated)}, day {p.Day} of {p.Days}{stage}");
            yield return Invariant($"published: {p.Published} posts");
            yield return Invariant($"events: {p.Events} ({p.EventsPerSecond:0} events/s)");
            yield return Invariant($"wall: {p.Wall.TotalSeconds:0.0}s");
        }

        if (status.Reason is { } reason)
        {
            yield return $"reason: {reason}";
        }

        foreach (var line in status.Summary ?? [])
        {
            yield return line;
        }

        yield return status.State == SimulationStates.Finished
            ? $"output: {status.Output} ({RunOutputs.SummaryFile}, {RunOutputs.ReportFile})"
            : $"output: {status.Output}";
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
