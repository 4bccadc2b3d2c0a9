using System.Globalization;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using Akka.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PublishingCluster.Actors.Accounts;
using PublishingCluster.Server.Api;
using PublishingCluster.Server.Hosting;
using PublishingCluster.Server.Notifications;

namespace PublishingCluster.LoadTests.Scenarios;

/// <summary>
/// A server node's actor system hosted inside the runner, without the web host: the server's own
/// <see cref="AkkaSetup.AddPublishingClusterActors"/> (HOCON from hocon/, a self-joined cluster, the SQLite journal, the
/// account, posting and agency shards, the gateways, the clock's beat and the notification dispatcher), on the SQLite
/// journal or, given the runner's <c>--provider postgres --connection-string</c>, on PostgreSQL. What it costs
/// in memory per account is what a server node pays per account; the HTTP front adds a constant, not a per-account
/// cost. Accounts are reached through the account shard region, as the HTTP routes reach them.
/// </summary>
public sealed class InProcessNode : IAsyncDisposable
{
    private readonly IHost _host;

    private InProcessNode(IHost host)
    {
        _host = host;
        // Looked up once: every account request of a run goes through it.
        Accounts = host.Services.GetRequiredService<ActorRegistry>().Get<AccountRegion>();
    }

    public ActorSystem System => _host.Services.GetRequiredService<ActorSystem>();

    /// <summary>The account shard region: send it any <see cref="IAccountRequest"/>.</summary>
    public IActorRef Accounts { get; }

    /// <param name="folder">Where the journal and the networks' log are written.</param>
    /// <param name="hoconFolder">The hocon/ folder the node reads (akka.hocon and the provider's persistence file).</param>
    /// <param name="options">The runner's options: the provider and its connection string are the node's.</param>
    public static async Task<InProcessNode> StartAsync(string folder, string hoconFolder, RunOptions options, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Node:Database"] = Path.Combine(folder, "journal.db"),
            ["Node:Port"] = ServerUnderTest.FreeLoopbackPort().ToString(CultureInfo.InvariantCulture),
            ["Node:HoconFolder"] = hoconFolder,
            ["Networks:Database"] = Path.Combine(folder, "networks.db"),
            ["Node:Provider"] = options.Provider,
            ["Node:ConnectionString"] = options.ConnectionString,
        });
        builder.Services.AddOptions<NodeOptions>().BindConfiguration(NodeOptions.Section);
        builder.Services.AddOptions<NetworkOptions>().BindConfiguration(NetworkOptions.Section);
        builder.Services.AddOptions<NotificationOptions>().BindConfiguration(NotificationOptions.Section);
        builder.Services.AddSingleton(provider => NodeClock.From(provider.GetRequiredService<IOptions<NodeOptions>>().Value));
        builder.Services.AddPublishingClusterActors();
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        var node = new InProcessNode(host);
        await node.WaitUntilUpAsync(cancellationToken);
        return node;
    }

    /// <summary>How many account actors are alive on this node now (passivated ones are not).</summary>
    public async Task<int> LiveAccountsAsync(CancellationToken cancellationToken)
    {
        var state = await Accounts.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, TimeSpan.FromSeconds(60), cancellationToken);
        return state.Shards.Sum(shard => shard.EntityIds.Count);
    }

    private async Task WaitUntilUpAsync(CancellationToken cancellationToken)
    {
        var cluster = Cluster.Get(System);
        for (var waited = 0; cluster.SelfMember.Status != MemberStatus.Up; waited++)
        {
            if (waited >= 600)
            {
                throw new InvalidOperationException("The in-process node did not become an Up cluster member within 60 s.");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
