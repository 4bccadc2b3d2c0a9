using System.Collections.Immutable;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using Microsoft.Extensions.Time.Testing;
using PublishingCluster.Actors.Accounts;
using PublishingCluster.Actors.Gateways;
using PublishingCluster.Actors.Tests.Support;
using PublishingCluster.Channels;
using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Channels;
using PublishingCluster.Domain.Posts;

namespace PublishingCluster.Actors.Tests;

/// <summary>
/// An operator pauses a network during its outage: the node's gateway for it holds every send (and every look-up)
/// in order, other networks keep publishing, and on resume what waited goes out, each variant once.
/// </summary>
public sealed class PausedNetworkSpec() : TestKit(ActorSpecConfig.InMemory())
{
    private static readonly DateTimeOffset Opened = new(2027, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Due = Opened.AddHours(1);
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Sends_to_a_paused_network_wait_while_other_networks_publish_and_go_out_once_each_on_resume()
    {
        var networks = Enum.GetValues<Network>().ToDictionary(n => n, n => new FakeNetwork(n));
        var accounts = CreateTestProbe();
        var gateways = Sys.ActorOf(ChannelGatewaysActor.PropsFor(networks.ToDictionary(n => n.Key, n => (IChannelAdapter)n.Value), accounts.Ref, new FakeTimeProvider(Due), maxInFlight: 2));

        gateways.Tell(new PauseNetwork(Network.LinkedIn));
        for (var i = 0; i < 5; i++)
        {
            gateways.Tell(Send(Network.LinkedIn, $"post-{i}"));
        }

        gateways.Tell(Send(Network.X, "post-x"));

        // X is not paused: its post goes out at once.
        var fromX = accounts.ExpectMsg<PublishAnswered>(Generous);
        Assert.Equal("post-x", fromX.PostId);
        Assert.IsType<PublishOutcome.Published>(fromX.Outcome);
        var held = await gateways.Ask<GatewayStatus>(new GetGatewayStatus(Network.LinkedIn), Generous);
        Assert.Equal(new GatewayStatus(Network.LinkedIn, Paused: true, InFlight: 0, Waiting: 5, Sent: 0), held);
        accounts.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        Assert.Equal(0, networks[Network.LinkedIn].Sends);
        var backlog = await gateways.Ask<WaitingSends>(new GetWaitingSends(Network.LinkedIn, Limit: 3), Generous);
        Assert.Equal(5, backlog.Total);
        Assert.Equal(["post-0", "post-1", "post-2"], backlog.Sends.Select(s => s.PostId));

        gateways.Tell(new ResumeNetwork(Network.LinkedIn));

        var answers = Enumerable.Range(0, 5).Select(_ => accounts.ExpectMsg<PublishAnswered>(Generous)).ToList();
        Assert.All(answers, a => Assert.IsType<PublishOutcome.Published>(a.Outcome));
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"post-{i}"), answers.Select(a => a.PostId).Order(StringComparer.Ordinal));
        Assert.Equal(5, networks[Network.LinkedIn].Published.Count);
        Assert.All(Enumerable.Range(0, 5), i => Assert.Equal(1, networks[Network.LinkedIn].SendsOf($"acc-1/post-{i}/ch-1")));
        Assert.Equal(0, networks[Network.LinkedIn].DuplicatesRefused);
        var after = await gateways.Ask<GatewayStatus>(new GetGatewayStatus(Network.LinkedIn), Generous);
        Assert.Equal(new GatewayStatus(Network.LinkedIn, Paused: false, InFlight: 0, Waiting: 0, Sent: 5), after);
    }

    [Fact]
    public async Task A_post_due_during_the_pause_is_published_once_on_resume_even_after_its_answer_fell_overdue()
    {
        var rig = new PublishingRig(Sys, Opened, network => new FakeNetwork(network));
        var account = rig.Accounts;
        await ScheduledPostOnXAndLinkedInAsync(account);
        rig.GatewayFor(Network.LinkedIn).Tell(new PauseNetwork(Network.LinkedIn));

        account.Tell(new WakeUp("acc-1", Due));
        await AwaitAssertAsync(() => Assert.True(rig.Networks[Network.X].Published.ContainsKey("acc-1/post-1/ch-0")), Generous);
        await AwaitAssertAsync(async () => Assert.Equal(1, (await rig.GatewayFor(Network.LinkedIn).Ask<GatewayStatus>(new GetGatewayStatus(Network.LinkedIn), Generous)).Waiting), Generous);

        // The outage lasts: the LinkedIn answer is overdue, and the account's look-up waits behind the send.
        account.Tell(new WakeUp("acc-1", Due + ClientAccountSettings.Default.AnswerOverdueAfterOrDefault));
        await AwaitAssertAsync(async () => Assert.Equal(2, (await rig.GatewayFor(Network.LinkedIn).Ask<GatewayStatus>(new GetGatewayStatus(Network.LinkedIn), Generous)).Waiting), Generous);
        var during = (await account.Ask<PostFound>(new GetPost("acc-1", "post-1"), Generous)).Post;
        Assert.Equal(VariantDelivery.Publishing, during.Variants["ch-1"].Delivery);
        Assert.Equal(0, rig.Networks[Network.LinkedIn].Sends);

        rig.GatewayFor(Network.LinkedIn).Tell(new ResumeNetwork(Network.LinkedIn));

        await AwaitAssertAsync(async () =>
        {
            var post = (await account.Ask<PostFound>(new GetPost("acc-1", "post-1"), Generous)).Post;
            Assert.Equal(PostStatus.Published, post.Status);
        }, Generous);
        var published = (await account.Ask<PostFound>(new GetPost("acc-1", "post-1"), Generous)).Post;
        Assert.Equal(VariantDelivery.Published, published.Variants["ch-1"].Delivery);
        Assert.Equal(1, published.Variants["ch-1"].Attempts);
        Assert.Equal(1, rig.Networks[Network.LinkedIn].SendsOf("acc-1/post-1/ch-1"));
        Assert.Equal(0, rig.Networks[Network.LinkedIn].DuplicatesRefused);
        Assert.Single(rig.Networks[Network.LinkedIn].Published);
        Assert.Equal(1, rig.Networks[Network.X].SendsOf("acc-1/post-1/ch-0"));
    }

    private static SendToNetwork Send(Network network, string postId) =>
        new("acc-1", postId, network == Network.X ? "ch-0" : "ch-1", $"acc-1/{postId}/{(network == Network.X ? "ch-0" : "ch-1")}", network, "client", $"Text of {postId}", []);

    private static async Task ScheduledPostOnXAndLinkedInAsync(IActorRef account)
    {
        await AccountSetup.ExecuteAsync(account, new OpenAccount("acc-1", "agency", "Client", AccountSetup.Contract()), Opened);
        await AccountSetup.ExecuteAsync(account, new ConnectChannel("acc-1", "ch-0", Network.X, "client", "Europe/London", [], []), Opened);
        await AccountSetup.ExecuteAsync(account, new ConnectChannel("acc-1", "ch-1", Network.LinkedIn, "client", "Europe/London", [], []), Opened);
        await AccountSetup.ExecuteAsync(account, new CreatePost("acc-1", "post-1", "Spring", ImmutableList.Create(
            new VariantContent("ch-0", "Spring is here", []), new VariantContent("ch-1", "Spring is here, on LinkedIn", []))), Opened);
        foreach (IAccountCommand step in new IAccountCommand[] { new SubmitPostForReview("acc-1", "post-1"), new ApprovePost("acc-1", "post-1"), new ClientApprovePost("acc-1", "post-1") })
        {
            await AccountSetup.ExecuteAsync(account, step, Opened);
        }

        await AccountSetup.ExecuteAsync(account, new SchedulePost("acc-1", "post-1", ScheduleTarget.Exactly(Due)), Opened);
    }
}
