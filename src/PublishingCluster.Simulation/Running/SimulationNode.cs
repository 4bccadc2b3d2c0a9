using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence.Sql;
using Microsoft.Data.Sqlite;
using PublishingCluster.Actors.Accounts;
using PublishingCluster.Actors.Audience;
using PublishingCluster.Actors.Clocks;
using PublishingCluster.Actors.Gateways;
using PublishingCluster.Actors.Posting;
using PublishingCluster.Actors.Serialization;
using PublishingCluster.Channels.Simulated;
using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Agencies;
using PublishingCluster.Domain.Channels;
using PublishingCluster.Domain.Publishing;
using PublishingCluster.Simulation.Scenarios;

namespace PublishingCluster.Simulation.Running;

/// <summary>
/// The server's actors in one process, on a virtual clock that stands still until the simulator moves it: client
/// accounts, posting partitions, channel gateways to simulated networks that share a publication log and an
/// audience, and the audience's feed. Regions are local (<see cref="LocalRegion"/>); the journal is in memory or
/// in a SQLite file.
/// </summary>
public sealed class SimulationNode : IAsyncDisposable
{
    private const int PartitionCount = 16;

    private SimulationNode(ActorSystem system, VirtualClock clock, InMemoryPublicationLog log, SimulatedAudience audience,
        IActorRef accounts, IActorRef posting, IActorRef gateways, IActorRef feed, PostingPartitions partitions)
    {
        System = system;
        Clock = clock;
        Log = log;
        Audience = audience;
        Accounts = accounts;
        Posting = posting;
        Gateways = gateways;
        Feed = feed;
        Partitions = partitions;
    }

    public ActorSystem System { get; }

    public VirtualClock Clock { get; }

    public InMemoryPublicationLog Log { get; }

    public SimulatedAudience Audience { get; }

    public IActorRef Accounts { get; }

    public IActorRef Posting { get; }

    public IActorRef Gateways { get; }

    public IActorRef Feed { get; }

    public PostingPartitions Partitions { get; }

    public static SimulationNode Start(Scenario scenario, JournalKind journal, string outputFolder)
    {
        var config = ConfigurationFactory.ParseString("""
            akka.loglevel = WARNING
            akka.stdout-loglevel = WARNING
            akka.log-dead-letters = off
            akka.log-dead-letters-during-shutdown = off
            """).WithFallback(JournalConfig(journal, outputFolder));
        var system = ActorSystem.Create("PublishingClusterSimulation", config);
        var clock = new VirtualClock(scenario.Start);
        var log = new InMemoryPublicationLog();
        var audience = new SimulatedAudience(scenario.Audience.ToSettings(scenario.Seed), keepPosts: true);
        var partitions = new PostingPartitions(PartitionCount);
        var postingHolder = new IActorRef[1];
        var gatewaysHolder = new IActorRef[1];
        // The account actors learn their collaborators when they start, by which time both exist.
        var collaborators = new Lazy<AccountCollaborators>(() => new AccountCollaborators(postingHolder[0], partitions, _ => gatewaysHolder[0], PublishingPolicy.Default));
        var accounts = system.ActorOf(LocalRegion.PropsFor(m => (m as IWithAccountId)?.AccountId, id => ClientAccountActor.PropsFor(id, ClientAccountSettings.Default, collaborators.Value)), "accounts");
        var posting = system.ActorOf(LocalRegion.PropsFor(m => (m as IWithPartitionId)?.PartitionId, id => PostingPartitionActor.PropsFor(id, accounts, NoPostingHistory.Instance)), "posting");
        postingHolder[0] = posting;
        var adapters = SimulatedNetworks.All(log, network => scenario.NetworkFaults.For(network, scenario.Seed, scenario.Start), audience);
        var gateways = system.ActorOf(ChannelGatewaysActor.PropsFor(adapters, accounts, clock, maxInFlight: 64), "channel-gateways");
        gatewaysHolder[0] = gateways;
        var feed = system.ActorOf(AudienceFeedActor.PropsFor(accounts, audience, clock, interval: null), "audience-feed");
        return new SimulationNode(system, clock, log, audience, accounts, posting, gateways, feed, partitions);
    }

    public async ValueTask DisposeAsync()
    {
        await System.Terminate();
        SqliteConnection.ClearAllPools();
    }

    private static Config JournalConfig(JournalKind journal, string outputFolder)
    {
        if (journal == JournalKind.Memory)
        {
            return ConfigurationFactory.ParseString("""
                akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
                akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
                """);
        }

        // A fresh file per run: a run starts from nothing, and the same seed must find the same nothing.
        Directory.CreateDirectory(outputFolder);
        var path = Path.GetFullPath(Path.Combine(outputFolder, "journal.db"));
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }

        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 60 }.ToString();
        using (var connection = new SqliteConnection(connectionString))
        {
            connection.Open();
            using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;";
            pragma.ExecuteNonQuery();
        }

        var bindings = string.Join("\n", StoredTypes.Types.Concat([typeof(IAccountEvent), typeof(IAgencyEvent)])
            .Select(t => $"\"{t.FullName}, {t.Assembly.GetName().Name}\" = account-events"));
        return ConfigurationFactory.ParseString($$"""
            akka.actor {
              serializers.account-events = "{{typeof(AccountEventSerializer).FullName}}, {{typeof(AccountEventSerializer).Assembly.GetName().Name}}"
              serialization-bindings {
                {{bindings}}
              }
            }
            akka.persistence {
              journal {
                plugin = "akka.persistence.journal.sql"
                sql {
                  connection-string = "{{connectionString}}"
                  provider-name = "SQLite.MS"
                  auto-initialize = on
                  tag-write-mode = TagTable
                  batch-size = 500
                  db-round-trip-max-batch-size = 1000
                  parallelism = 1
                  buffer-size = 10000
                  circuit-breaker { max-failures = 10, call-timeout = 120s, reset-timeout = 30s }
                }
              }
              snapshot-store {
                plugin = "akka.persistence.snapshot-store.sql"
                sql {
                  connection-string = "{{connectionString}}"
                  provider-name = "SQLite.MS"
                  auto-initialize = on
                  circuit-breaker { max-failures = 10, call-timeout = 120s, reset-timeout = 30s }
                }
              }
            }
            """).WithFallback(SqlPersistence.DefaultConfiguration);
    }
}
