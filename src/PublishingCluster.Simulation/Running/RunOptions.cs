namespace PublishingCluster.Simulation.Running;

/// <summary>How to run a scenario: the journal, the pace (null: as fast as possible; else virtual seconds per real second), where to write, where to report progress.</summary>
public sealed record RunOptions(JournalKind Journal, double? Speed, string OutputFolder, TextWriter? Progress)
{
    public static RunOptions InMemory(string outputFolder) => new(JournalKind.Memory, null, outputFolder, null);

    /// <summary>
    /// Told where the run stands after every step (and after opening, and before collecting), on the run's own
    /// thread: it must be quick and must not throw. <see cref="Progress"/> prints a line a simulated day; this is for
    /// a host that shows the run's state whenever asked.
    /// </summary>
    public Action<SimulationProgress>? Observer { get; init; }
}
