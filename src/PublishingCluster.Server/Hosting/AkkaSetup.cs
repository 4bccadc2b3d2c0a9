using Akka.Cluster;
using Akka.Cluster.Hosting;
using Akka.Configuration;
using Akka.Hosting;
using Akka.Remote.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using PublishingCluster.Actors.Accounts;
using PublishingCluster.Actors.Agencies;
using PublishingCluster.Actors.Audience;
using PublishingCluster.Actors.Gateways;
using PublishingCluster.Actors.Hosting;
using PublishingCluster.Actors.Notifications;
using PublishingCluster.Actors.Posting;
using PublishingCluster.Actors.Serialization;
using PublishingCluster.Actors.Sharding;
using PublishingCluster.Actors.Standing;
using PublishingCluster.Actors.Telemetry;
using PublishingCluster.Channels.Simulated;
using PublishingCluster.Domain.Agencies;
using PublishingCluster.Server.Api;
using PublishingCluster.Server.Notifications;

namespace PublishingCluster.Server.Hosting;

/// <summary>
/// The actor system of a node: HOCON from hocon/, remoting, a self-joined cluster, the journal, the account and
/// agency shards, the posting coordinator's partitions (sharded too), the channel gateways and the clock's beat,
/// and the notification dispatcher. Each family wires itself (the <c>Add…</c> calls, beside its actors in
/// PublishingCluster.Actors); this node adds what only a server has: its options, the SQL reads of the journal,
/// the notifier and the health checks.
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
            var beat = TimeSpan.FromMilliseconds(networks.TickMilliseconds);
            var regions = Regions.Cluster(node.Shards);
            var partitions = new PostingPartitions(networks.PostingPartitions);
            var metrics = provider.GetRequiredService<PublishingMetrics>();
            var permit = provider.GetRequiredService<SendPermit>();
            var audience = networks.Audience ? new SimulatedAudience(AudienceSettings.Default with { Seed = networks.Seed }) : null;
            var reader = new Lazy<TaggedJournalReader>(provider.GetRequiredService<TaggedJournalReader>);

            akka.AddNodeHocon(node.HoconFolder, journal.Provider)
                .AddHocon(NodeOverrides(node), HoconAddMode.Prepend)
                .ConfigureLoggers(loggers => loggers.AddLoggerFactory())
                .WithRemoting(new RemoteOptions { HostName = node.Host, PublicHostName = node.Host, Port = node.Port })
                .WithClustering(new ClusterOptions { SeedNodes = node.SeedNodeList() })
                .AddSqlJournal(journal.ConnectionString, journal.ProviderName, healthChecks: true)
                .AddPublishingSerialization(WireFormats.Parse(node.WireFormat))
                .WithActors((system, _) => JournalStartup.WaitUntilReady(system))
                .AddAccounts(regions, new ClientAccountSettings(SnapshotEvery: node.SnapshotEvery), partitions, metrics, permit)
                .AddPostingPartitions(regions, _ => new SqlPostingHistory(reader.Value))
                .AddAgencies(regions)
                .AddNodeStanding(permit, permit.NeedsLease ? provider.GetRequiredService<INodeLeases>() : null, NodeLease.RenewEvery)
                .AddChannelGateways(
                    _ => SimulatedNetworks.All(provider.GetRequiredService<IPublicationLog>(), _ => networks.Simulation(), audience),
                    clock, networks.Concurrency, metrics, permit)
                .AddAudienceFeedIf(audience, clock, beat)
                .AddPostingBeat(partitions, clock, beat)
                .AddNotificationDispatcher(
                    EscalationTags.All,
                    () => new JournalNotificationSource(reader.Value, EscalationTags.All),
                    provider.GetRequiredService<INotifier>,
                    EscalationNotifications.From,
                    DispatchSettingsFrom(provider.GetRequiredService<IOptions<NotificationOptions>>().Value))
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

    /// <summary>The node's audience, when it has one, reaches the accounts on the clock's beat.</summary>
    private static AkkaConfigurationBuilder AddAudienceFeedIf(this AkkaConfigurationBuilder akka, SimulatedAudience? audience, TimeProvider clock, TimeSpan beat) =>
        audience is null ? akka : akka.AddAudienceFeed(audience, clock, beat);

    private static DispatchSettings DispatchSettingsFrom(NotificationOptions notifications) => DispatchSettings.Default with
    {
        PollInterval = TimeSpan.FromMilliseconds(notifications.PollMilliseconds),
        FirstRetry = TimeSpan.FromMilliseconds(notifications.FirstRetryMilliseconds),
    };

    /// <summary>What a flag or the environment changes in front of hocon/ for this node alone.</summary>
    private static Config NodeOverrides(NodeOptions node)
    {
        if (node.StableAfterSeconds is not { } stableAfter)
        {
            return Config.Empty;
        }

        if (stableAfter is <= 0 or > 3600)
        {
            throw new InvalidOperationException($"--stable-after must be more than 0 and at most 3600 seconds; it is {stableAfter}.");
        }

        // A flag or the environment overrides the split-brain resolver's documented default (hocon/akka.hocon).
        return ConfigurationFactory.ParseString(
            $"akka.cluster.split-brain-resolver.stable-after = {(int)Math.Ceiling(stableAfter * 1000)}ms");
    }
}
