using Akka.Cluster;
using Akka.Cluster.Hosting;
using Akka.Cluster.Sharding;
using Akka.Configuration;
using Akka.Hosting;
using Akka.Persistence.Sql.Hosting;
using Akka.Remote.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using PublishingCluster.Actors.Accounts;
using PublishingCluster.Actors.Agencies;
using PublishingCluster.Actors.Audience;
using PublishingCluster.Actors.Gateways;
using PublishingCluster.Actors.Notifications;
using PublishingCluster.Actors.Posting;
using PublishingCluster.Channels.Simulated;
using PublishingCluster.Actors.Serialization;
using PublishingCluster.Actors.Sharding;
using PublishingCluster.Actors.Standing;
using PublishingCluster.Actors.Telemetry;
using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Agencies;
using PublishingCluster.Domain.Posts;
using PublishingCluster.Server.Api;
using PublishingCluster.Server.Notifications;

namespace PublishingCluster.Server.Hosting;

/// <summary>Registry key of the posting coordinator's shard region.</summary>
public sealed class PostingRegion;

/// <summary>Registry key of the cluster's escalation notification dispatcher (a singleton).</summary>
public sealed class NotificationDispatcher;

/// <summary>Registry key of the node's channel gateways (<see cref="ChannelGatewaysActor"/>).</summary>
public sealed class ChannelGateways;

/// <summary>Registry key of the node's standing (<see cref="NodeStandingActor"/>): whether it may send to the networks.</summary>
public sealed class NodeStanding;

/// <summary>
/// The actor system of a node: HOCON from hocon/, remoting, a self-joined cluster, the journal, the account and
/// agency shards, the posting coordinator's partitions (sharded too), the channel gateways and the clock's beat.
/// </summary>
public static class AkkaSetup
{
    public const string SystemName = "PublishingCluster";

    /// <summary>
    /// Registers the actor system. Node options are read when the system starts, not here, so that every
    /// configuration source (flags, environment, a test host's overrides) has been added by then.
    /// </summary>
    public static IServiceCollection AddPublishingClusterActors(this IServiceCollection services)
    {
        // A host that serves no metrics (the load runner's in-process node) records none; AddNodeMetrics, before or
        // after this, replaces the stand-in with the node's meter.
        services.TryAddSingleton(PublishingMetrics.None);
        services.AddSingleton(provider => new JournalDatabase(provider.GetRequiredService<IOptions<NodeOptions>>().Value));
        services.AddSingleton(provider => TaggedJournalReader.For(provider.GetRequiredService<JournalDatabase>(), () => provider.GetRequiredService<Akka.Actor.ActorSystem>()));
        services.AddSingleton<SqliteCheckpointer>();
        services.AddHostedService(provider => provider.GetRequiredService<SqliteCheckpointer>());
        services.AddSingleton<INotifier>(provider => provider.GetRequiredService<IOptions<NotificationOptions>>().Value.WebhookUri() is { } webhook
            ? new WebhookNotifier(new HttpClient { Timeout = TimeSpan.FromSeconds(10) }, webhook, provider.GetRequiredService<PublishingMetrics>())
            : new LogNotifier(provider.GetRequiredService<ILogger<LogNotifier>>()));
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<NetworkOptions>>().Value.OpenLog(provider.GetRequiredService<JournalDatabase>()));
        // On a shared database a node sends only under a live lease (docs/architecture.md, "Sending safely across
        // pauses and partitions"); a node on its own SQLite file is a cluster of one, which no other node can replace.
        services.AddSingleton(provider => provider.GetRequiredService<JournalDatabase>().IsPostgres
            ? SendPermit.OnLease(NodeLease.TimeToLive)
            : SendPermit.WithoutLease());
        services.AddSingleton<INodeLeases>(provider => new PostgresNodeLeases(provider.GetRequiredService<JournalDatabase>().ConnectionString));
        services.AddHealthChecks().Add(new HealthCheckRegistration(
            JournalConnectivityCheck.Name,
            provider => provider.GetRequiredService<JournalDatabase>().ConnectivityCheck(),
            failureStatus: null,
            tags: ["ready", "persistence"]));

        services.AddAkka(SystemName, (akka, provider) =>
        {
            var node = provider.GetRequiredService<IOptions<NodeOptions>>().Value;
            var journal = provider.GetRequiredService<JournalDatabase>();
            var networks = provider.GetRequiredService<IOptions<NetworkOptions>>().Value;
            networks.Validate();
            var clock = provider.GetRequiredService<TimeProvider>();
            var partitions = new PostingPartitions(networks.PostingPartitions);
            var settings = new ClientAccountSettings(SnapshotEvery: node.SnapshotEvery);
            var metrics = provider.GetRequiredService<PublishingMetrics>();
            var permit = provider.GetRequiredService<SendPermit>();
            akka.AddHocon(LoadHocon(node, journal), HoconAddMode.Prepend)
                .ConfigureLoggers(loggers => loggers.AddLoggerFactory())
                .WithRemoting(new RemoteOptions { HostName = node.Host, PublicHostName = node.Host, Port = node.Port })
                .WithClustering(new ClusterOptions { SeedNodes = node.SeedNodeList() })
                .WithSqlPersistence(
                    connectionString: journal.ConnectionString,
                    providerName: journal.ProviderName,
                    autoInitialize: true,
                    journalBuilder: journal => journal.WithHealthCheck(),
                    snapshotBuilder: snapshot => snapshot.WithHealthCheck())
                .WithCustomSerializer("account-events", [.. StoredTypes.Types, typeof(IAccountEvent), typeof(IAgencyEvent)], system => new AccountEventSerializer(system))
                .WithActors((system, _) => JournalStartup.WaitUntilReady(system))
                .WithShardRegion<AccountRegion>(
                    AccountMessageExtractor.RegionName,
                    // Collaborators are looked up when an account starts, by which time every region and the
                    // gateways below are registered.
                    (_, registry) => accountId => ClientAccountActor.PropsFor(accountId, settings, new AccountCollaborators(
                        registry.Get<PostingRegion>(), partitions, _ => registry.Get<ChannelGateways>(), PublishingPolicy.Default, metrics, permit)),
                    new AccountMessageExtractor(node.Shards),
                    new ShardOptions { StateStoreMode = StateStoreMode.DData, RememberEntities = false })
                .WithShardRegion<PostingRegion>(
                    PostingMessageExtractor.RegionName,
                    (system, registry) =>
                    {
                        var history = new SqlPostingHistory(provider.GetRequiredService<TaggedJournalReader>());
                        return partitionId => PostingPartitionActor.PropsFor(partitionId, registry.Get<AccountRegion>(), history);
                    },
                    new PostingMessageExtractor(node.Shards),
                    new ShardOptions { StateStoreMode = StateStoreMode.DData, RememberEntities = false })
                .WithShardRegion<AgencyRegion>(
                    AgencyMessageExtractor.RegionName,
                    AgencyActor.PropsFor,
                    new AgencyMessageExtractor(node.Shards),
                    new ShardOptions { StateStoreMode = StateStoreMode.DData, RememberEntities = false })
                .WithActors((system, registry) =>
                {
                    var audience = networks.Audience ? new SimulatedAudience(AudienceSettings.Default with { Seed = networks.Seed }) : null;
                    var adapters = SimulatedNetworks.All(provider.GetRequiredService<IPublicationLog>(), _ => networks.Simulation(), audience);
                    registry.Register<NodeStanding>(system.ActorOf(
                        NodeStandingActor.PropsFor(permit, permit.NeedsLease ? provider.GetRequiredService<INodeLeases>() : null, NodeLease.RenewEvery), "node-standing"));
                    registry.Register<ChannelGateways>(system.ActorOf(
                        ChannelGatewaysActor.PropsFor(adapters, registry.Get<AccountRegion>(), clock, networks.Concurrency, metrics, permit), "channel-gateways"));
                    if (audience is not null)
                    {
                        // The audience's engagements reach the accounts on the clock's beat, as an HTTP engagement would.
                        system.ActorOf(AudienceFeedActor.PropsFor(registry.Get<AccountRegion>(), audience, clock, TimeSpan.FromMilliseconds(networks.TickMilliseconds)), "audience-feed");
                    }
                    // The node's beat: the posting partitions learn the time from it (real or virtual, per the clock).
                    system.ActorOf(CoordinatorTicker.PropsFor(registry.Get<PostingRegion>(), partitions, clock, TimeSpan.FromMilliseconds(networks.TickMilliseconds)), "posting-ticker");
                })
                // One dispatcher in the cluster, so a notification goes out once however many nodes run.
                .WithSingleton<NotificationDispatcher>(
                    "notification-dispatcher",
                    (system, _, _) =>
                    {
                        var notifications = provider.GetRequiredService<IOptions<NotificationOptions>>().Value;
                        var settings = DispatchSettings.Default with
                        {
                            PollInterval = TimeSpan.FromMilliseconds(notifications.PollMilliseconds),
                            FirstRetry = TimeSpan.FromMilliseconds(notifications.FirstRetryMilliseconds),
                        };
                        return NotificationDispatcherActor.PropsFor(
                            EscalationTags.All,
                            new JournalNotificationSource(provider.GetRequiredService<TaggedJournalReader>(), EscalationTags.All),
                            provider.GetRequiredService<INotifier>(),
                            EscalationNotifications.From,
                            settings);
                    },
                    new ClusterSingletonOptions())
                .WithActorSystemLivenessCheck()
                .WithAkkaClusterReadinessCheck()
                .AddStartup((system, _) =>
                {
                    if (node.SeedNodeList().Length == 0)
                    {
                        // A single node is its own seed: join our own address once remoting is up.
                        var cluster = Cluster.Get(system);
                        cluster.Join(cluster.SelfAddress);
                    }
                });
        });
        return services;
    }

    private static Config LoadHocon(NodeOptions node, JournalDatabase journal)
    {
        var files = new[] { "akka.hocon", $"persistence.{journal.Provider}.hocon" };
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

        // The protocol's families are bound in akka.hocon; --wire-format json binds them to Akka's default JSON.
        config = WireFormats.Bindings(WireFormats.Parse(node.WireFormat)).WithFallback(config);

        if (node.StableAfterSeconds is { } stableAfter)
        {
            if (stableAfter is <= 0 or > 3600)
            {
                throw new InvalidOperationException($"--stable-after must be more than 0 and at most 3600 seconds; it is {stableAfter}.");
            }

            // A flag or the environment overrides the split-brain resolver's documented default (hocon/akka.hocon).
            config = ConfigurationFactory.ParseString(
                $"akka.cluster.split-brain-resolver.stable-after = {(int)Math.Ceiling(stableAfter * 1000)}ms").WithFallback(config);
        }

        return config;
    }
}
