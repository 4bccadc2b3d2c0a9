using PublishingCluster.Simulation.Running;
using PublishingCluster.Simulation.Scenarios;

namespace PublishingCluster.Operations.Simulations;

/// <summary>Start <paramref name="Scenario"/> as run <paramref name="RunId"/>; answered <see cref="SimulationStatus"/> or <see cref="SimulationRefused"/>.</summary>
/// <param name="Source">The scenario file it came from.</param>
public sealed record StartSimulation(string RunId, Scenario Scenario, RunOptions Run, string Source);

/// <summary>Stop the running simulation; answered, once it has stopped, with its <see cref="SimulationStatus"/>, or <see cref="SimulationRefused"/> when none runs.</summary>
public sealed record StopSimulation
{
    public static StopSimulation Instance { get; } = new();
}

/// <summary>Answered with the <see cref="SimulationStatus"/> of the running run, or of the last one.</summary>
public sealed record GetSimulationStatus
{
    public static GetSimulationStatus Instance { get; } = new();
}

/// <summary>What the simulator will not do, and why, in one line.</summary>
public sealed record SimulationRefused(string Reason);

/// <summary>The states a node's simulator is in.</summary>
public static class SimulationStates
{
    public const string Disabled = "disabled";
    public const string Idle = "idle";
    public const string Running = "running";
    public const string Stopping = "stopping";
    public const string Finished = "finished";
    public const string Stopped = "stopped";
    public const string Failed = "failed";
}

/// <summary>
/// The simulator on this node: its state, and for a run (running or the last one) what it plays, where it stands and
/// where it writes. A finished run carries its summary's headline lines.
/// </summary>
public sealed record SimulationStatus(bool Enabled, string State, string? Folder)
{
    public string? RunId { get; init; }

    public string? Scenario { get; init; }

    public string? Source { get; init; }

    public int? Seed { get; init; }

    public int? Accounts { get; init; }

    public int? Days { get; init; }

    public DateTimeOffset? Start { get; init; }

    public DateTimeOffset? End { get; init; }

    /// <summary>Where the run stands (or stood when it ended): stage, simulated instant, day, posts, events, wall time.</summary>
    public SimulationProgress? Progress { get; init; }

    public string? Output { get; init; }

    /// <summary>A finished run's summary as the simulate command prints it, a line each.</summary>
    public IReadOnlyList<string>? Summary { get; init; }

    /// <summary>The scenario names the node finds (the palette adds them).</summary>
    public IReadOnlyList<string>? Scenarios { get; init; }

    /// <summary>Why a run failed.</summary>
    public string? Reason { get; init; }
}

/// <summary>A run's progress, as the run reports it from its own thread.</summary>
internal sealed record SimulationProgressed(string RunId, SimulationProgress Progress);

/// <summary>A run ended: finished with its outputs written, stopped, or failed with a reason.</summary>
internal sealed record SimulationEnded(string RunId, string State, IReadOnlyList<string>? Summary, string? Reason);
