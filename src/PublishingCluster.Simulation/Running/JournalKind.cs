namespace PublishingCluster.Simulation.Running;

/// <summary>Where the accounts' events go: memory (fastest; gone with the run) or a SQLite file in the output folder.</summary>
public enum JournalKind
{
    Memory,
    Sqlite,
}
