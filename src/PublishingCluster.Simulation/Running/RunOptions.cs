namespace PublishingCluster.Simulation.Running;

/// <summary>How to run a scenario: the journal, the pace (null: as fast as possible; else virtual seconds per real second), where to write, where to report progress.</summary>
public sealed record RunOptions(JournalKind Journal, double? Speed, string OutputFolder, TextWriter? Progress)
{
    public static RunOptions InMemory(string outputFolder) => new(JournalKind.Memory, null, outputFolder, null);
}
