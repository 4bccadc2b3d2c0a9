using Akka.Actor;
using Akka.TestKit.Xunit2;
using PublishingCluster.Actors.Accounts;
using PublishingCluster.Actors.Gateways;
using PublishingCluster.Actors.Posting;
using PublishingCluster.Actors.Tests.Support;
using PublishingCluster.Channels;
using PublishingCluster.Domain.Channels;
using PublishingCluster.Domain.Posts;
using PublishingCluster.Domain.Publishing;

namespace PublishingCluster.Actors.Tests;

/// <summary>
/// The account dies after a variant was handed to the network and before the answer was recorded. Its next
/// incarnation asks the network by idempotency key: what the network has is recorded, not resent; what it never
/// got is sent once.
/// </summary>
public sealed class CrashBetweenSentAndRecordedSpec() : TestKit(ActorSpecConfig.InMemory())
{
    private static readonly DateTimeOffset Start = new(2027, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_variant_in_flight_at_a_crash_is_looked_up_before_anything_is_resent(bool networkGotIt)
    {
        var network = new FakeNetwork(Network.X);
        var swallowing = CreateTestProbe();
        var useRealGateway = false;
        var partitions = new PostingPartitions(1);
        IActorRef gateway = ActorRefs.Nobody;
        var with = new AccountCollaborators(ActorRefs.Nobody, partitions, _ => useRealGateway ? gateway : swallowing.Ref, PublishingPolicy.Default);
        var accounts = Sys.ActorOf(EntityRouter.PropsFor(m => (m as IWithAccountId)?.AccountId, id => ClientAccountActor.PropsFor(id, ClientAccountSettings.Default, with)));
        gateway = Sys.ActorOf(ChannelGatewayActor.PropsFor(network, accounts, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Start)));
        var accountId = await AccountSetup.OpenAsync(accounts, 1, Start, posts: 1, unapprovedEvery: 0);
        var post = (await AccountSetup.PostsOfAsync(accounts, accountId, 1))[0];
        var due = post.Variants["ch-0"].ScheduledAt!.Value;

        accounts.Tell(new WakeUp(accountId, due));
        var sent = swallowing.FishForMessage<SendToNetwork>(m => m is SendToNetwork { Network: Network.X }, TimeSpan.FromSeconds(5));
        if (networkGotIt)
        {
            await network.PublishAsync(new PublishRequest(sent.IdempotencyKey, sent.Network, sent.Handle, sent.Text, sent.Media, due), CancellationToken.None);
        }

        // The crash: the account stops before any answer; it comes back with what the journal holds.
        var account = await Sys.ActorSelection(accounts.Path / accountId).ResolveOne(TimeSpan.FromSeconds(5));
        Watch(account);
        account.Tell(PoisonPill.Instance);
        ExpectTerminated(account);
        useRealGateway = true;
        var sendsBefore = network.SendsOf(sent.IdempotencyKey);

        var inFlight = ((PostFound)await accounts.Ask<IAccountReply>(new GetPost(accountId, post.PostId), TimeSpan.FromSeconds(5))).Post.Variants["ch-0"];
        Assert.True(VariantDelivery.Publishing == inFlight.Delivery, $"{inFlight}");

        await AwaitAssertAsync(async () =>
        {
            var variant = ((PostFound)await accounts.Ask<IAccountReply>(new GetPost(accountId, post.PostId), TimeSpan.FromSeconds(5))).Post.Variants["ch-0"];
            if (!networkGotIt && variant.Delivery == VariantDelivery.Pending)
            {
                accounts.Tell(new WakeUp(accountId, due.AddSeconds(5)));
            }

            Assert.Equal(VariantDelivery.Published, variant.Delivery);
        }, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(100));

        Assert.Single(network.Published, p => p.Key == sent.IdempotencyKey);
        Assert.Equal(networkGotIt ? 0 : 1, network.SendsOf(sent.IdempotencyKey) - sendsBefore);
        Assert.Equal(0, network.DuplicatesRefused);
        Assert.Equal(networkGotIt ? 1 : 2, ((PostFound)await accounts.Ask<IAccountReply>(new GetPost(accountId, post.PostId), TimeSpan.FromSeconds(5))).Post.Variants["ch-0"].Attempts);
    }
}
