using Akka.Actor;
using Akka.TestKit.Xunit2;
using PublishingCluster.Actors.Accounts;
using PublishingCluster.Actors.Tests.Support;
using PublishingCluster.Domain.Posts;

namespace PublishingCluster.Actors.Tests;

/// <summary>
/// An account stopped after a busy life comes back, from its events alone, answering every query exactly as before:
/// summary, posts in every status, calendar and channel queues.
/// </summary>
public sealed class AccountRecoverySpec() : TestKit(ActorSpecConfig.InMemory())
{
    // Never reached here, so recovery replays every event.
    private static readonly ClientAccountSettings NoSnapshots = new(SnapshotEvery: 10_000);

    [Fact]
    public async Task A_new_incarnation_recovered_from_events_answers_as_the_old_one_did()
    {
        const string accountId = "acc-recovery";
        var first = Sys.ActorOf(ClientAccountActor.PropsFor(accountId, NoSnapshots));
        var accepted = await AccountHistory.PlayAsync(first, accountId);
        var before = await AccountHistory.ReadAsync(first, accountId);
        var summary = (AccountSummary)await first.Ask<IAccountReply>(new GetAccount(accountId), TimeSpan.FromSeconds(5));

        Watch(first);
        first.Tell(PoisonPill.Instance);
        ExpectTerminated(first);
        var second = Sys.ActorOf(ClientAccountActor.PropsFor(accountId, NoSnapshots));
        var after = await AccountHistory.ReadAsync(second, accountId);

        Assert.True(accepted >= 30, $"only {accepted} commands were played");
        Assert.Null(PersistedStores.LatestSnapshot(this, ClientAccountActor.PersistenceIdFor(accountId)));
        Assert.Equal(
            [PostStatus.Draft, PostStatus.InReview, PostStatus.AwaitingClient, PostStatus.Scheduled, PostStatus.Publishing, PostStatus.Expired, PostStatus.Cancelled],
            summary.PostsByStatus.Keys);
        Assert.StartsWith(nameof(AccountSummary), before[0]);
        Assert.Equal(before, after);
    }
}
