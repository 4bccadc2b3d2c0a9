using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;
using Akka.TestKit.Xunit2;
using PublishingCluster.Actors.Standing;

namespace PublishingCluster.Actors.Tests.Standing;

/// <summary>
/// The node's standing on a one-node cluster with leases in memory: renewals open the permit, a revoked lease closes it
/// for good, and a node that leaves the cluster gives its lease up and sends nothing more.
/// </summary>
public sealed class NodeStandingSpec() : TestKit(ConfigurationFactory.ParseString("""
    akka.loglevel = WARNING
    akka.actor.provider = cluster
    akka.remote.dot-netty.tcp { hostname = 127.0.0.1, port = 0 }
    akka.cluster.min-nr-of-members = 1
    akka.coordinated-shutdown.terminate-actor-system = off
    akka.coordinated-shutdown.run-by-actor-system-terminate = off
    akka.cluster.run-coordinated-shutdown-when-down = off
    """))
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan RenewEvery = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task Renewals_open_the_permit_and_a_live_lease_of_a_revoked_node_holds_every_send()
    {
        var leases = new LeasesInMemory();
        var permit = SendPermit.OnLease(TimeSpan.FromSeconds(4));
        await JoinSelfAsync();
        Sys.ActorOf(NodeStandingActor.PropsFor(permit, leases, RenewEvery));

        await AwaitAssertAsync(() => Assert.True(permit.Allows(out _)), Generous);
        Assert.Contains(NodeStandingActor.LeaseHolder(Cluster.Get(Sys).SelfUniqueAddress), leases.Renewals.Keys);

        // Another node's lease, revoked by the cluster that downed it, still live: nothing goes out until it runs out.
        leases.Others["akka.tcp://PublishingCluster@127.0.0.1:1#7"] = new LiveLease("akka.tcp://PublishingCluster@127.0.0.1:1#7", Revoked: true, TimeSpan.FromSeconds(2));
        await AwaitAssertAsync(() =>
        {
            Assert.False(permit.Allows(out var because));
            Assert.Contains("a downed node may still send", because, StringComparison.Ordinal);
        }, Generous);

        leases.Others.Clear();
        await AwaitAssertAsync(() => Assert.True(permit.Allows(out _)), Generous);
    }

    [Fact]
    public async Task A_node_whose_lease_was_revoked_never_sends_again()
    {
        var leases = new LeasesInMemory();
        var permit = SendPermit.OnLease(TimeSpan.FromSeconds(4));
        await JoinSelfAsync();
        Sys.ActorOf(NodeStandingActor.PropsFor(permit, leases, RenewEvery));
        await AwaitAssertAsync(() => Assert.True(permit.Allows(out _)), Generous);

        leases.RevokeOwn = true;

        await AwaitAssertAsync(() => Assert.True(permit.IsRevoked), Generous);
        leases.RevokeOwn = false;
        await Task.Delay(RenewEvery * 5);
        Assert.False(permit.Allows(out var because));
        Assert.Contains("lease was revoked", because, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_node_that_leaves_the_cluster_gives_its_lease_up_and_sends_nothing_more()
    {
        var leases = new LeasesInMemory();
        var permit = SendPermit.OnLease(TimeSpan.FromSeconds(4));
        await JoinSelfAsync();
        Sys.ActorOf(NodeStandingActor.PropsFor(permit, leases, RenewEvery));
        await AwaitAssertAsync(() => Assert.True(permit.Allows(out _)), Generous);

        var cluster = Cluster.Get(Sys);
        await cluster.LeaveAsync();

        await AwaitAssertAsync(() => Assert.True(permit.IsRevoked), Generous);
        Assert.False(permit.Allows(out var because));
        Assert.Contains("left the cluster", because, StringComparison.Ordinal);
        await AwaitAssertAsync(() => Assert.Contains(NodeStandingActor.LeaseHolder(cluster.SelfUniqueAddress), leases.Released), Generous);
    }

    private async Task JoinSelfAsync()
    {
        var cluster = Cluster.Get(Sys);
        var up = new TaskCompletionSource();
        cluster.RegisterOnMemberUp(() => up.TrySetResult());
        await cluster.JoinAsync(cluster.SelfAddress);
        await up.Task.WaitAsync(Generous);
    }

    /// <summary>Leases as the database keeps them, for one node: its renewals, and the other nodes' leases it is shown.</summary>
    private sealed class LeasesInMemory : INodeLeases
    {
        public ConcurrentDictionary<string, int> Renewals { get; } = new();

        public ConcurrentDictionary<string, LiveLease> Others { get; } = new();

        public ConcurrentBag<string> Released { get; } = [];

        public volatile bool RevokeOwn;

        public Task<LeaseRound> RenewAsync(string node, TimeSpan ttl, CancellationToken cancellationToken)
        {
            Renewals.AddOrUpdate(node, 1, (_, n) => n + 1);
            return Task.FromResult(new LeaseRound(!RevokeOwn, [.. Others.Values]));
        }

        public Task RevokeAsync(string node, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task ReleaseAsync(string node, CancellationToken cancellationToken)
        {
            Released.Add(node);
            return Task.CompletedTask;
        }
    }
}
