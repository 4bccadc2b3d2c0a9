using System.Text.Json;
using Akka.Actor;
using Akka.Persistence;
using Akka.TestKit.Xunit2;
using PublishingCluster.Actors.Accounts;
using PublishingCluster.Actors.Serialization;
using PublishingCluster.Actors.Tests.Support;
using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Contracts;

namespace PublishingCluster.Actors.Tests;

/// <summary>
/// With snapshots every few events, an account saves its state as it goes and comes back from its latest snapshot
/// plus the events written after it. To prove the snapshot is really what recovery starts from, one case deletes
/// every event the snapshot covers: without the snapshot the account would not even be open.
/// </summary>
public sealed class AccountSnapshotRecoverySpec() : TestKit(ActorSpecConfig.InMemory())
{
    private static readonly ClientAccountSettings SnapshotEveryTen = new(SnapshotEvery: 10);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_new_incarnation_recovered_from_a_snapshot_and_its_tail_answers_as_the_old_one_did(bool deleteEventsTheSnapshotCovers)
    {
        var accountId = $"acc-snapshots-{deleteEventsTheSnapshotCovers}";
        var persistenceId = ClientAccountActor.PersistenceIdFor(accountId);
        var first = Sys.ActorOf(ClientAccountActor.PropsFor(accountId, SnapshotEveryTen));
        await AccountHistory.PlayAsync(first, accountId);
        var before = await AccountHistory.ReadAsync(first, accountId);
        Watch(first);
        first.Tell(PoisonPill.Instance);
        ExpectTerminated(first);

        var snapshot = PersistedStores.LatestSnapshot(this, persistenceId);
        Assert.NotNull(snapshot);
        var state = Assert.IsType<AccountState>(snapshot.Snapshot);
        var events = PersistedStores.Events(this, persistenceId);
        Assert.True(state.Version >= 30, $"the latest snapshot is at version {state.Version}: snapshots stopped early");
        Assert.True(events.Count > snapshot.Metadata.SequenceNr, "no events after the snapshot: this case must recover snapshot + tail");

        // The snapshot is the state its events make, and older snapshots were cleared away.
        var replayed = ClientAccount.Replay(accountId, events.Take((int)snapshot.Metadata.SequenceNr).OfType<IAccountEvent>());
        Assert.Equal(JsonSerializer.Serialize(replayed, DomainJson.Options), JsonSerializer.Serialize(state, DomainJson.Options));
        Assert.Null(Older(persistenceId, snapshot.Metadata.SequenceNr));

        if (deleteEventsTheSnapshotCovers)
        {
            PersistedStores.DeleteEventsTo(this, persistenceId, snapshot.Metadata.SequenceNr);
            Assert.Equal(events.Count - (int)snapshot.Metadata.SequenceNr, PersistedStores.Events(this, persistenceId).Count);
        }

        var second = Sys.ActorOf(ClientAccountActor.PropsFor(accountId, SnapshotEveryTen));
        var after = await AccountHistory.ReadAsync(second, accountId);

        Assert.Equal(before, after);
    }

    [Fact]
    public async Task An_account_snapshots_once_per_interval_not_on_every_write()
    {
        const string accountId = "acc-snapshot-interval";
        var account = Sys.ActorOf(ClientAccountActor.PropsFor(accountId, SnapshotEveryTen));
        await AccountSetup.ExecuteAsync(account, new OpenAccount(accountId, "agency-1", "Client", AccountSetup.Contract()), AccountHistory.Start);
        for (var i = 0; i < 8; i++)
        {
            await AccountSetup.ExecuteAsync(account, new UpdateContract(accountId, AccountSetup.Contract(postsPerWeek: 10 + i)), AccountHistory.Start);
        }

        // Nine events: below the interval, nothing is saved.
        await account.Ask<IAccountReply>(new GetAccount(accountId), TimeSpan.FromSeconds(5));
        Assert.Null(PersistedStores.LatestSnapshot(this, ClientAccountActor.PersistenceIdFor(accountId)));

        await AccountSetup.ExecuteAsync(account, new UpdateContract(accountId, AccountSetup.Contract(postsPerWeek: 30)), AccountHistory.Start);
        await AwaitAssertAsync(() =>
        {
            var snapshot = PersistedStores.LatestSnapshot(this, ClientAccountActor.PersistenceIdFor(accountId));
            Assert.Equal(10L, Assert.IsType<AccountState>(snapshot?.Snapshot).Version);
        }, TimeSpan.FromSeconds(5));
    }

    private SelectedSnapshot? Older(string persistenceId, long sequenceNr)
    {
        var probe = CreateTestProbe();
        Persistence.Instance.Apply(Sys).SnapshotStoreFor(null).Tell(new LoadSnapshot(persistenceId, new SnapshotSelectionCriteria(sequenceNr - 1), long.MaxValue), probe.Ref);
        return probe.ExpectMsg<LoadSnapshotResult>(TimeSpan.FromSeconds(5)).Snapshot;
    }
}
