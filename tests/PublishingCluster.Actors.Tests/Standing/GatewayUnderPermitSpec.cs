using Akka.Actor;
using Akka.TestKit.Xunit2;
using Microsoft.Extensions.Time.Testing;
using PublishingCluster.Actors.Accounts;
using PublishingCluster.Actors.Gateways;
using PublishingCluster.Actors.Posting;
using PublishingCluster.Actors.Standing;
using PublishingCluster.Actors.Tests.Support;
using PublishingCluster.Channels;
using PublishingCluster.Domain.Channels;

namespace PublishingCluster.Actors.Tests.Standing;

/// <summary>
/// The gateway asks the node's permit right before each call: while the permit is closed its requests wait; once the
/// permit is revoked (the node was downed) they are dropped unsent.
/// </summary>
public sealed class GatewayUnderPermitSpec : TestKit
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);
    private static readonly DateTimeOffset At = new(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Sends_wait_while_the_lease_is_stale_and_go_out_once_it_is_renewed()
    {
        var monotonic = new FakeTimeProvider();
        var permit = SendPermit.OnLease(TimeSpan.FromSeconds(4), monotonic);
        var network = new FakeNetwork(Network.LinkedIn);
        var accounts = CreateTestProbe();
        var gateway = Sys.ActorOf(ChannelGatewayActor.PropsFor(network, accounts.Ref, new FakeTimeProvider(At), maxInFlight: 4, permit: permit));

        gateway.Tell(Send("post-1"));
        gateway.Tell(Send("post-2"));
        accounts.ExpectNoMsg(TimeSpan.FromMilliseconds(400));
        Assert.Equal(0, network.Sends);
        var held = await gateway.Ask<GatewayStatus>(new GetGatewayStatus(Network.LinkedIn), Generous);
        Assert.Equal(2, held.Waiting);

        permit.Confirm(permit.Now(), null);

        var answers = new[] { accounts.ExpectMsg<PublishAnswered>(Generous), accounts.ExpectMsg<PublishAnswered>(Generous) };
        Assert.Equal(["post-1", "post-2"], answers.Select(a => a.PostId).Order(StringComparer.Ordinal));
        Assert.Equal(2, network.Sends);

        // A pause longer than the lease: the next request waits again.
        monotonic.Advance(TimeSpan.FromSeconds(35));
        gateway.Tell(Send("post-3"));
        accounts.ExpectNoMsg(TimeSpan.FromMilliseconds(400));
        Assert.Equal(2, network.Sends);
    }

    [Fact]
    public async Task Once_the_node_is_downed_what_waits_is_dropped_and_nothing_more_is_sent()
    {
        var permit = SendPermit.OnLease(TimeSpan.FromSeconds(4), new FakeTimeProvider());
        var network = new FakeNetwork(Network.LinkedIn);
        var accounts = CreateTestProbe();
        var gateway = Sys.ActorOf(ChannelGatewayActor.PropsFor(network, accounts.Ref, new FakeTimeProvider(At), maxInFlight: 4, permit: permit));
        gateway.Tell(Send("post-1"));
        gateway.Tell(new LookupOnNetwork("acc-1", "post-0", "ch-1", "acc-1/post-0/ch-1", Network.LinkedIn));
        await AwaitAssertAsync(async () => Assert.Equal(2, (await gateway.Ask<GatewayStatus>(new GetGatewayStatus(Network.LinkedIn), Generous)).Waiting));

        permit.Revoke("this node was downed by the cluster");

        await AwaitAssertAsync(async () => Assert.Equal(0, (await gateway.Ask<GatewayStatus>(new GetGatewayStatus(Network.LinkedIn), Generous)).Waiting), Generous);
        gateway.Tell(Send("post-2"));
        permit.Confirm(permit.Now(), null);
        accounts.ExpectNoMsg(TimeSpan.FromMilliseconds(400));
        Assert.Equal(0, network.Sends);
    }

    [Fact]
    public void A_gateway_without_a_permit_sends_as_before()
    {
        var network = new FakeNetwork(Network.LinkedIn);
        var accounts = CreateTestProbe();
        var gateway = Sys.ActorOf(ChannelGatewayActor.PropsFor(network, accounts.Ref, new FakeTimeProvider(At), maxInFlight: 4));

        gateway.Tell(Send("post-1"));

        Assert.IsType<PublishOutcome.Published>(accounts.ExpectMsg<PublishAnswered>(Generous).Outcome);
    }

    private static SendToNetwork Send(string postId) =>
        new("acc-1", postId, "ch-1", $"acc-1/{postId}/ch-1", Network.LinkedIn, "client", $"Text of {postId}", []);
}
