using Akka.Cluster;
using Akka.Cluster.Hosting;
using Akka.Cluster.Sharding;
using Akka.Configuration;
using Akka.Hosting;
using Akka.Persistence.Sql.Hosting;
using Akka.Remote.Hosting;
using LinqToDB;
using PublishingCluster.Actors.Accounts;
using PublishingCluster.Actors.Serialization;
using PublishingCluster.Actors.Sharding;
using PublishingCluster.Domain.Accounts;
using PublishingCluster.Server.Api;

namespace PublishingCluster.Server.Hosting;

/// <summary>The actor system of a node: HOCON from hocon/, remoting, a self-joined cluster, account sharding and the journal.</summary>
public static class AkkaSetup
{
    public const string SystemName = "PublishingCluster";

    public static IServiceCollection AddPublishingClusterActors(this IServiceCollection services, NodeOptions node)
    {
        var hocon = LoadHocon(node);
        var connectionString = SqliteDatabase.Prepare(node.Database);
        services.AddHealthChecks().AddCheck(JournalConnectivityCheck.Name, JournalConnectivityCheck.ForSqlite(connectionString), tags: ["ready", "persistence"]);

        services.AddAkka(SystemName, (akka, provider) =>
        {
            akka.AddHocon(hocon, HoconAddMode.Prepend)
                .ConfigureLoggers(loggers => loggers.AddLoggerFactory())
                .WithRemoting(new RemoteOptions { HostName = node.Host, PublicHostName = node.Host, Port = node.Port })
                .WithClustering(new ClusterOptions())
                .WithSqlPersistence(
                    connectionString: connectionString,
                    providerName: ProviderName.SQLiteMS,
                    autoInitialize: true,
                    journalBuilder: journal => journal.WithHealthCheck(),
                    snapshotBuilder: snapshot => snapshot.WithHealthCheck())
                .WithCustomSerializer("account-events", [.. StoredTypes.Types, typeof(IAccountEvent)], system => new AccountEventSerializer(system))
                .WithShardRegion<AccountRegion>(
                    AccountMessageExtractor.RegionName,
                    accountId => ClientAccountActor.PropsFor(accountId, new ClientAccountSettings(SnapshotEvery: node.SnapshotEvery)),
                    new AccountMessageExtractor(node.Shards),
                    new ShardOptions { StateStoreMode = StateStoreMode.DData, RememberEntities = false })
                .WithActorSystemLivenessCheck()
                .WithAkkaClusterReadinessCheck()
                .AddStartup((system, _) =>
                {
                    // A single node is its own seed: join our own address once remoting is up.
                    var cluster = Cluster.Get(system);
                    cluster.Join(cluster.SelfAddress);
                });
        });
        return services;
    }

    private static Config LoadHocon(NodeOptions node)
    {
        var files = new[] { "akka.hocon", $"persistence.{node.Provider}.hocon" };
        var config = Config.Empty;
        foreach (var file in files)
        {
            var path = Path.Combine(node.HoconFolder, file);
            if (!File.Exists(path))
            {
                throw new InvalidOperationException($"HOCON file {path} is missing; the provider '{node.Provider}' needs it (set --hocon to the hocon/ folder).");
            }

            // Files later in the list refine the ones before them.
            config = ConfigurationFactory.ParseString(File.ReadAllText(path)).WithFallback(config);
        }

        return config;
    }
}
