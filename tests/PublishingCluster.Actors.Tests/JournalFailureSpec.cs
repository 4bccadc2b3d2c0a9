using System.Collections.Immutable;
using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.TestKit;
using Akka.TestKit.Xunit2;
using PublishingCluster.Actors.Accounts;
using PublishingCluster.Actors.Tests.Support;
using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Channels;
using PublishingCluster.Domain.Posts;

namespace PublishingCluster.Actors.Tests;

/// <summary>
/// The journal fails (the store is down) or rejects (the store refuses the data) a write. Every caller waiting on
/// that write gets <see cref="CommandFailed"/>, never silence; nothing of the failed command shows afterwards; and the
/// next command, once the journal is back, is accepted.
/// </summary>
public sealed class JournalFailureSpec() : TestKit(ConfigurationFactory.ParseString("akka.loglevel = ERROR")
    .WithFallback(ConfigurationFactory.FromResource<TestJournal>("Akka.Persistence.TestKit.config.conf")))
{
    private static readonly DateTimeOffset At = AccountHistory.Start;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private ITestJournal Journal => TestJournal.FromRef(Persistence.Instance.Apply(Sys).JournalFor(null));

    [Fact]
    public async Task A_failed_write_answers_every_waiting_caller_and_the_next_incarnation_accepts_the_retry()
    {
        const string accountId = "acc-journal-down";
        var account = await OpenAsync(accountId);
        var callers = Enumerable.Range(0, 3).Select(_ => CreateTestProbe()).ToList();
        Watch(account);

        // The write takes a while before it fails, so the second and third commands wait in the actor's buffer.
        await Journal.OnWrite.FailWithDelay(TimeSpan.FromMilliseconds(300));
        for (var i = 0; i < callers.Count; i++)
        {
            account.Tell(new Execute(Draft(accountId, $"post-{i}"), At), callers[i].Ref);
        }

        // A query waiting behind the failed write is answered too: it must not read a change that may not exist.
        var reader = CreateTestProbe();
        account.Tell(new GetAccount(accountId), reader.Ref);

        foreach (var caller in callers)
        {
            Assert.Equal(accountId, caller.ExpectMsg<CommandFailed>(Timeout).AccountId);
        }

        reader.ExpectMsg<CommandFailed>(Timeout);

        // The outcome of a failed write is unknown to the actor, so it stops; its next incarnation reads the journal.
        ExpectTerminated(account);
        await Journal.OnWrite.Pass();
        var again = Sys.ActorOf(ClientAccountActor.PropsFor(accountId, ClientAccountSettings.Default));
        Assert.Equal(2L, ((AccountSummary)await again.Ask<IAccountReply>(new GetAccount(accountId), Timeout)).Version);
        Assert.IsType<QueryRejected>(await again.Ask<IAccountReply>(new GetPost(accountId, "post-0"), Timeout));

        var retried = await again.Ask<IAccountReply>(new Execute(Draft(accountId, "post-0"), At), Timeout);

        Assert.Equal(3L, Assert.IsType<CommandAccepted>(retried).Version);
    }

    [Fact]
    public async Task A_rejected_write_answers_CommandFailed_and_the_account_carries_on_from_its_durable_state()
    {
        const string accountId = "acc-journal-rejects";
        var account = await OpenAsync(accountId);

        await Journal.OnWrite.Reject();
        var refused = await account.Ask<IAccountReply>(new Execute(Draft(accountId, "post-0"), At), Timeout);
        await Journal.OnWrite.Pass();

        Assert.IsType<CommandFailed>(refused);
        Assert.Equal(2L, ((AccountSummary)await account.Ask<IAccountReply>(new GetAccount(accountId), Timeout)).Version);
        Assert.IsType<QueryRejected>(await account.Ask<IAccountReply>(new GetPost(accountId, "post-0"), Timeout));
        var retried = await account.Ask<IAccountReply>(new Execute(Draft(accountId, "post-0"), At), Timeout);
        Assert.Equal(3L, Assert.IsType<CommandAccepted>(retried).Version);
        Assert.Equal("post-0", Assert.Single(PersistedStores.Events(this, ClientAccountActor.PersistenceIdFor(accountId)).OfType<PostDrafted>()).PostId);
    }

    [Fact]
    public async Task A_rejected_write_fails_only_its_own_callers_not_those_of_the_next_batch()
    {
        const string accountId = "acc-journal-rejects-one";
        var account = await OpenAsync(accountId);
        var doomed = CreateTestProbe();
        var fine = CreateTestProbe();

        // Only the batch drafting "doomed" is refused; "fine" arrives while it is being written and goes in the next batch.
        await Journal.OnWrite.RejectIfWithDelay(TimeSpan.FromMilliseconds(300), p => (p.Payload is Akka.Persistence.Journal.Tagged t ? t.Payload : p.Payload) is PostDrafted { PostId: "doomed" });
        account.Tell(new Execute(Draft(accountId, "doomed"), At), doomed.Ref);
        account.Tell(new Execute(Draft(accountId, "fine"), At), fine.Ref);

        doomed.ExpectMsg<CommandFailed>(Timeout);
        var accepted = fine.ExpectMsg<IAccountReply>(Timeout);
        await Journal.OnWrite.Pass();

        Assert.IsType<CommandAccepted>(accepted);
        Assert.IsType<PostFound>(await account.Ask<IAccountReply>(new GetPost(accountId, "fine"), Timeout));
        Assert.IsType<QueryRejected>(await account.Ask<IAccountReply>(new GetPost(accountId, "doomed"), Timeout));
        Assert.Equal(3L, ((AccountSummary)await account.Ask<IAccountReply>(new GetAccount(accountId), Timeout)).Version);
        Assert.Equal("fine", Assert.Single(PersistedStores.Events(this, ClientAccountActor.PersistenceIdFor(accountId)).OfType<PostDrafted>()).PostId);
    }

    private async Task<IActorRef> OpenAsync(string accountId)
    {
        var account = Sys.ActorOf(ClientAccountActor.PropsFor(accountId, ClientAccountSettings.Default));
        await AccountSetup.ExecuteAsync(account, new OpenAccount(accountId, "agency-1", "Client", AccountSetup.Contract()), At);
        await AccountSetup.ExecuteAsync(account, new ConnectChannel(accountId, "ch-0", Network.X, "client", "Europe/London",
            [new PostingWindow(DayOfWeek.Monday, new TimeOnly(7, 0), new TimeOnly(21, 0))], [new QueueSlot(DayOfWeek.Monday, new TimeOnly(10, 0))]), At);
        return account;
    }

    private static CreatePost Draft(string accountId, string postId) =>
        new(accountId, postId, $"Post {postId}", ImmutableList.Create(new VariantContent("ch-0", "Hello", [])));
}
