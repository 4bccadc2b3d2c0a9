using Akka.Configuration;
using Akka.Hosting;
using Akka.Persistence.Sql.Hosting;

namespace PublishingCluster.Actors.Hosting;

/// <summary>
/// Where a node keeps its events and snapshots. The tuning (batches, timeouts, isolation) comes from the provider's
/// file in hocon/ (<see cref="NodeHocon"/>); this says only which database and how to reach it.
/// </summary>
public static class NodeJournal
{
    /// <summary>The linq2db provider name of the embedded SQLite journal.</summary>
    public const string SqliteProviderName = LinqToDB.ProviderName.SQLiteMS;

    /// <summary>
    /// Events and snapshots in memory, gone with the actor system: for runs that need no record (the simulator's
    /// default) and the actor specs.
    /// </summary>
    public static Config InMemory { get; } = ConfigurationFactory.ParseString("""
        akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
        akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
        """);

    /// <summary>The SQL journal and snapshot store (Akka.Persistence.Sql), creating their tables on first start.</summary>
    /// <param name="healthChecks">Register their connectivity with the host's health checks (a server does).</param>
    public static AkkaConfigurationBuilder AddSqlJournal(this AkkaConfigurationBuilder builder, string connectionString, string providerName, bool healthChecks) =>
        builder.WithSqlPersistence(
            connectionString: connectionString,
            providerName: providerName,
            autoInitialize: true,
            journalBuilder: journal =>
            {
                if (healthChecks)
                {
                    journal.WithHealthCheck();
                }
            },
            snapshotBuilder: snapshot =>
            {
                if (healthChecks)
                {
                    snapshot.WithHealthCheck();
                }
            });

    /// <summary>The in-memory journal and snapshot store (<see cref="InMemory"/>), in front of hocon/'s plugins.</summary>
    public static AkkaConfigurationBuilder AddInMemoryJournal(this AkkaConfigurationBuilder builder) =>
        builder.AddHocon(InMemory, HoconAddMode.Prepend);
}
