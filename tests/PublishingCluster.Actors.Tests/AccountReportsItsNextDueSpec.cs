using Akka.TestKit.Xunit2;
using PublishingCluster.Actors.Accounts;
using PublishingCluster.Actors.Posting;
using PublishingCluster.Actors.Tests.Support;
using PublishingCluster.Domain.Publishing;

namespace PublishingCluster.Actors.Tests;

public sealed class AccountReportsItsNextDueSpec() : TestKit(ActorSpecConfig.InMemory())
{
    [Fact]
    public async Task A_scheduled_approved_post_makes_the_account_tell_its_partition_when_it_is_due()
    {
        var posting = CreateTestProbe();
        var partitions = new PostingPartitions(4);
        var with = new AccountCollaborators(posting.Ref, partitions, _ => TestActor, PublishingPolicy.Default);
        var accounts = Sys.ActorOf(EntityRouter.PropsFor(m => (m as IWithAccountId)?.AccountId, id => ClientAccountActor.PropsFor(id, ClientAccountSettings.Default, with)));
        var start = new DateTimeOffset(2027, 3, 1, 0, 0, 0, TimeSpan.Zero);

        var accountId = await AccountSetup.OpenAsync(accounts, 7, start, posts: 1, unapprovedEvery: 0);

        var changed = posting.FishForMessage<NextDueChanged>(m => m is NextDueChanged { Due: not null }, TimeSpan.FromSeconds(5));
        Assert.Equal(accountId, changed.AccountId);
        Assert.Equal(partitions.For(accountId), changed.PartitionId);
        Assert.True(changed.Due > start);
    }
}
