using Akka.Hosting;
using PublishingCluster.Actors.Hosting;

namespace PublishingCluster.Simulation.Running;

/// <summary>The simulator's journal: in memory, or a SQLite file tuned as a server's (hocon/persistence.sqlite.hocon).</summary>
public static class SimulationJournal
{
    public const string SqliteProvider = "sqlite";

    public static AkkaConfigurationBuilder AddJournal(this AkkaConfigurationBuilder akka, JournalKind journal, string hoconFolder, string outputFolder)
    {
        if (journal == JournalKind.Memory)
        {
            return akka.AddNodeHocon(hoconFolder, provider: null).AddInMemoryJournal();
        }

        return akka.AddNodeHocon(hoconFolder, SqliteProvider)
            .AddSqlJournal(FreshDatabase(outputFolder), NodeJournal.SqliteProviderName, healthChecks: false);
    }

    /// <summary>
    /// A fresh file per run, prepared as the server prepares its own (WAL): a run starts from nothing, and the same
    /// seed must find the same nothing.
    /// </summary>
    private static string FreshDatabase(string outputFolder)
    {
        Directory.CreateDirectory(outputFolder);
        var path = Path.GetFullPath(Path.Combine(outputFolder, "journal.db"));
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }

        return SqliteDatabase.Prepare(path);
    }
}
