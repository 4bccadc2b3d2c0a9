using Akka.Actor;
using Akka.Configuration;
using Akka.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PublishingCluster.Actors.Accounts;
using PublishingCluster.Actors.Audience;
using PublishingCluster.Actors.Clocks;
using PublishingCluster.Actors.Gateways;
using PublishingCluster.Actors.Hosting;
using PublishingCluster.Actors.Posting;
using PublishingCluster.Actors.Serialization;
using PublishingCluster.Actors.Sharding;
using PublishingCluster.Channels.Simulated;
using PublishingCluster.Domain.Agencies;
using PublishingCluster.Simulation.Scenarios;

namespace PublishingCluster.Simulation.Running;

/// <summary>
/// The server's actors in one process, wired by the same family registrations as a server node, on a virtual clock
/// that stands still until the simulator moves it: client accounts, posting partitions, channel gateways to simulated
/// networks that share a publication log and an audience, and the audience's feed. The configuration is the server's
/// (hocon/akka.hocon, and hocon/persistence.sqlite.hocon for a SQLite journal); the regions are local
/// (<see cref="Regions.Local"/>), not a cluster's, and nothing ticks on its own: the simulator sends the partitions
/// their ticks and asks the feed for the audience's engagements.
/// </summary>
public sealed class SimulationNode : IAsyncDisposable
{
    public const string SystemName = "PublishingClusterSimulation";
    private const int PartitionCount = 16;
    private const int GatewayConcurrency = 64;

    private readonly IHost _host;

    private SimulationNode(IHost host, VirtualClock clock, InMemoryPublicationLog log, SimulatedAudience audience, PostingPartitions partitions)
    {
        _host = host;
        var registry = host.Services.GetRequiredService<ActorRegistry>();
        System = host.Services.GetRequiredService<ActorSystem>();
        Clock = clock;
        Log = log;
        Audience = audience;
        Accounts = registry.Get<AccountRegion>();
        Posting = registry.Get<PostingRegion>();
        Gateways = registry.Get<ChannelGateways>();
        Feed = registry.Get<AudienceFeed>();
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

    /// <param name="hoconFolder">The hocon/ folder; null: the one beside the executable (<see cref="NodeHocon.DefaultFolder"/>).</param>
    public static SimulationNode Start(Scenario scenario, JournalKind journal, string outputFolder, string? hoconFolder = null)
    {
        var clock = new VirtualClock(scenario.Start);
        var log = new InMemoryPublicationLog();
        var audience = new SimulatedAudience(scenario.Audience.ToSettings(scenario.Seed), keepPosts: true);
        var partitions = new PostingPartitions(PartitionCount);
        var folder = hoconFolder ?? NodeHocon.DefaultFolder;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddAkka(SystemName, akka =>
        {
            akka.AddJournal(journal, folder, outputFolder)
                .AddHocon(Quiet, HoconAddMode.Prepend)
                .AddPublishingSerialization(WireFormat.Protocol)
                .AddAccounts(Regions.Local, ClientAccountSettings.Default, partitions)
                .AddPostingPartitions(Regions.Local, _ => NoPostingHistory.Instance)
                .AddChannelGateways(
                    _ => SimulatedNetworks.All(log, network => scenario.NetworkFaults.For(network, scenario.Seed, scenario.Start), audience),
                    clock, GatewayConcurrency)
                .AddAudienceFeed(audience, clock, interval: null);
        });
        var host = builder.Build();
        host.Start();
        return new SimulationNode(host, clock, log, audience, partitions);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        SqliteConnection.ClearAllPools();
    }

    /// <summary>
    /// In front of hocon/: one process, so no cluster (the regions are local); warnings only, and no dead letters,
    /// which a run that stops mid-flight leaves many of.
    /// </summary>
    private static Config Quiet { get; } = ConfigurationFactory.ParseString("""
        akka.actor.provider = local
        akka.loglevel = WARNING
        akka.stdout-loglevel = WARNING
        akka.log-dead-letters = off
        akka.log-dead-letters-during-shutdown = off
        """);
}
