namespace PublishingCluster.LoadTests;

/// <summary>What one step invocation came to: ok or failed, and for a failure a short reason (an HTTP status, an exception type).</summary>
/// <remarks>
/// <paramref name="Latency"/>: a step that must clean up after itself (stop an actor) times the part that counts
/// and reports it here; otherwise the runner's own timing of the whole step is used.
/// </remarks>
public readonly record struct StepOutcome(bool Ok, string? FailureReason, TimeSpan? Latency = null)
{
    public static StepOutcome Success { get; } = new(true, null);

    public static StepOutcome Fail(string reason) => new(false, reason);
}

/// <summary>
/// A named load scenario, shaped after NBomber's: a step that the runner calls over and over under each load
/// simulation, an optional set-up and tear-down around the whole run, and a warm-up whose figures are discarded.
/// </summary>
public sealed class Scenario
{
    public Scenario(string name, string stepName, Func<CancellationToken, Task<StepOutcome>> step)
    {
        Name = name;
        StepName = stepName;
        Step = step;
    }

    public string Name { get; }

    /// <summary>What one invocation does (e.g. "create post"); reported next to the load it ran under.</summary>
    public string StepName { get; }

    /// <summary>One request. It must honour the token: the runner cancels it when the simulation's time is up.</summary>
    public Func<CancellationToken, Task<StepOutcome>> Step { get; }

    public Func<CancellationToken, Task>? Init { get; init; }

    public Func<Task>? Clean { get; init; }

    /// <summary>Load run before the measured simulations, to JIT, fill pools and wake actors; its figures are dropped.</summary>
    public LoadSimulation? WarmUp { get; init; }

    public IReadOnlyList<LoadSimulation> Simulations { get; init; } = [];

    /// <summary>
    /// CPU time spent so far by a process outside the runner (the server under test), so the report can say how
    /// much of the machine each side used. Null when the system under test runs inside the runner.
    /// </summary>
    public Func<TimeSpan>? ServerCpuTime { get; init; }

    /// <summary>Figures the scenario found in set-up (history length, start-up times) for the report's notes.</summary>
    public Func<IReadOnlyDictionary<string, string>>? Notes { get; init; }

    /// <summary>Named steps inside <see cref="Step"/>, each reported on its own row per measured simulation.</summary>
    public InnerSteps? InnerSteps { get; init; }

    /// <summary>
    /// Measured once, after the load simulations and before the tear-down: what the load left to finish (posts falling
    /// due, notifications still on their way) or a one-shot event (the top of the hour, a month end), as rows of their own.
    /// </summary>
    public Func<CancellationToken, Task<IReadOnlyList<StepStats>>>? After { get; init; }

    /// <summary>The scenario's pass conditions; the runner exits non-zero when any fails.</summary>
    public IReadOnlyList<Threshold> Thresholds { get; init; } = [];
}
