using System.Collections.Immutable;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using PublishingCluster.Actors.Accounts;
using PublishingCluster.Actors.Gateways;
using PublishingCluster.Actors.Posting;
using PublishingCluster.Actors.Tests.Support;
using PublishingCluster.Channels;
using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Channels;
using PublishingCluster.Domain.Posts;
using PublishingCluster.Domain.Publishing;

namespace PublishingCluster.Actors.Tests;

/// <summary>
/// A send whose answer never comes (the message was lost) does not leave the post publishing for ever: once the
/// answer is overdue the account is due again, and on waking it asks the network by key before anything else.
/// </summary>
public sealed class OverdueAnswerSpec() : TestKit(ActorSpecConfig.InMemory())
{
    private static readonly DateTimeOffset Opened = new(2027, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Due = Opened.AddHours(1);
    private static readonly TimeSpan Overdue = TimeSpan.FromMinutes(2);
    private const string Key = "acc-1/post-1/ch-0";

    private (IActorRef Account, Akka.TestKit.TestProbe Gateway, Akka.TestKit.TestProbe Posting) Start()
    {
        var gateway = CreateTestProbe();
        var posting = CreateTestProbe();
        var with = new AccountCollaborators(posting.Ref, new PostingPartitions(1), _ => gateway.Ref, PublishingPolicy.Default);
        var account = Sys.ActorOf(ClientAccountActor.PropsFor("acc-1", new ClientAccountSettings(AnswerOverdueAfter: Overdue), with));
        return (account, gateway, posting);
    }

    private static async Task ScheduledPostAsync(IActorRef account)
    {
        await AccountSetup.ExecuteAsync(account, new OpenAccount("acc-1", "agency", "Client", AccountSetup.Contract()), Opened);
        await AccountSetup.ExecuteAsync(account, new ConnectChannel("acc-1", "ch-0", Network.X, "client", "Europe/London", [], []), Opened);
        await AccountSetup.ExecuteAsync(account, new CreatePost("acc-1", "post-1", "Spring", ImmutableList.Create(new VariantContent("ch-0", "Spring is here", []))), Opened);
        foreach (IAccountCommand step in new IAccountCommand[] { new SubmitPostForReview("acc-1", "post-1"), new ApprovePost("acc-1", "post-1"), new ClientApprovePost("acc-1", "post-1") })
        {
            await AccountSetup.ExecuteAsync(account, step, Opened);
        }

        await AccountSetup.ExecuteAsync(account, new SchedulePost("acc-1", "post-1", ScheduleTarget.Exactly(Due)), Opened);
    }

    [Fact]
    public async Task A_lost_answer_makes_the_account_due_again_and_it_looks_the_post_up_once_overdue()
    {
        var (account, gateway, posting) = Start();
        await ScheduledPostAsync(account);

        account.Tell(new WakeUp("acc-1", Due));
        var sent = gateway.ExpectMsg<SendToNetwork>(); // and lost: nobody answers
        Assert.Equal(Key, sent.IdempotencyKey);
        await posting.FishForMessageAsync(m => m is NextDueChanged { Due: { } d } && d == Due + Overdue);

        account.Tell(new WakeUp("acc-1", Due + Overdue - TimeSpan.FromSeconds(1)));
        gateway.ExpectNoMsg(TimeSpan.FromMilliseconds(300));

        account.Tell(new WakeUp("acc-1", Due + Overdue));
        Assert.Equal(Key, gateway.ExpectMsg<LookupOnNetwork>().IdempotencyKey);
        // Asked again only after twice the wait (and twice that after the next).
        await posting.FishForMessageAsync(m => m is NextDueChanged { Due: { } d } && d == Due + Overdue + Overdue + Overdue);

        account.Tell(new LookupAnswered("acc-1", "post-1", "ch-0", new LookupOutcome.Found("x-1", Due), Due + Overdue));
        var post = (await account.Ask<PostFound>(new GetPost("acc-1", "post-1"))).Post;
        Assert.Equal(PostStatus.Published, post.Status);
        Assert.Equal("x-1", post.Variants["ch-0"].ExternalId);
        gateway.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task A_look_up_that_finds_nothing_lets_the_post_be_sent_again()
    {
        var (account, gateway, _) = Start();
        await ScheduledPostAsync(account);
        account.Tell(new WakeUp("acc-1", Due));
        gateway.ExpectMsg<SendToNetwork>();
        account.Tell(new WakeUp("acc-1", Due + Overdue));
        gateway.ExpectMsg<LookupOnNetwork>();

        account.Tell(new LookupAnswered("acc-1", "post-1", "ch-0", new LookupOutcome.NotFound(), Due + Overdue));
        account.Tell(new WakeUp("acc-1", Due + Overdue + TimeSpan.FromSeconds(1)));

        Assert.Equal(Key, gateway.ExpectMsg<SendToNetwork>().IdempotencyKey);
        var post = (await account.Ask<PostFound>(new GetPost("acc-1", "post-1"))).Post;
        Assert.Equal(2, post.Variants["ch-0"].Attempts);
    }

    [Fact]
    public async Task An_account_that_recovers_on_a_wake_up_after_an_answer_is_overdue_asks_once_and_sends_once()
    {
        var (account, gateway, posting) = Start();
        await ScheduledPostAsync(account);
        account.Tell(new WakeUp("acc-1", Due));
        gateway.ExpectMsg<SendToNetwork>(); // and lost with the node
        await WatchStopAsync(account);

        // Another node takes the account over long after the send: it recovers on the wake-up that the overdue answer
        // made due, and asks about the variant once, not once on recovery and again for the wake-up.
        var successor = Sys.ActorOf(ClientAccountActor.PropsFor("acc-1", new ClientAccountSettings(AnswerOverdueAfter: Overdue),
            new AccountCollaborators(posting.Ref, new PostingPartitions(1), _ => gateway.Ref, PublishingPolicy.Default)));
        successor.Tell(new WakeUp("acc-1", Due + Overdue + Overdue));
        Assert.Equal(Key, gateway.ExpectMsg<LookupOnNetwork>().IdempotencyKey);
        gateway.ExpectNoMsg(TimeSpan.FromMilliseconds(300));

        successor.Tell(new LookupAnswered("acc-1", "post-1", "ch-0", new LookupOutcome.NotFound(), Due + Overdue + Overdue));
        successor.Tell(new WakeUp("acc-1", Due + Overdue + Overdue + TimeSpan.FromSeconds(1)));
        Assert.Equal(Key, gateway.ExpectMsg<SendToNetwork>().IdempotencyKey);
        gateway.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    private async Task WatchStopAsync(IActorRef account)
    {
        Watch(account);
        account.Tell(PoisonPill.Instance);
        await ExpectTerminatedAsync(account);
    }
}
