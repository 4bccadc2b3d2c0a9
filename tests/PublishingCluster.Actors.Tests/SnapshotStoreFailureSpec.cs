using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.TestKit;
using Akka.TestKit.Xunit2;
using PublishingCluster.Actors.Accounts;
using PublishingCluster.Actors.Tests.Support;

namespace PublishingCluster.Actors.Tests;

/// <summary>
/// Snapshots only shorten recovery: when the snapshot store cannot save, commands are still accepted and the account
/// comes back from its events, answering exactly as before.
/// </summary>
public sealed class SnapshotStoreFailureSpec() : TestKit(ConfigurationFactory.ParseString("akka.loglevel = ERROR")
    .WithFallback(ConfigurationFactory.FromResource<TestJournal>("Akka.Persistence.TestKit.config.conf")))
{
    [Fact]
    public async Task An_account_whose_snapshots_fail_to_save_loses_nothing()
    {
        const string accountId = "acc-snapshots-fail";
        // A few failed saves, below the store's circuit breaker limit: with the breaker open even loads fail fast,
        // and recovery then fails for reasons of the store, not of the account.
        var settings = new ClientAccountSettings(SnapshotEvery: 10);
        var snapshots = TestSnapshotStore.FromRef(Persistence.Instance.Apply(Sys).SnapshotStoreFor(null));
        await snapshots.OnSave.Fail();

        var first = Sys.ActorOf(ClientAccountActor.PropsFor(accountId, settings));
        var accepted = await AccountHistory.PlayAsync(first, accountId);
        var before = await AccountHistory.ReadAsync(first, accountId);
        Watch(first);
        first.Tell(PoisonPill.Instance);
        ExpectTerminated(first);
        await snapshots.OnSave.Pass();

        Assert.True(accepted >= 30, $"only {accepted} commands were played");
        Assert.Null(PersistedStores.LatestSnapshot(this, ClientAccountActor.PersistenceIdFor(accountId)));
        var second = Sys.ActorOf(ClientAccountActor.PropsFor(accountId, settings));
        Assert.Equal(before, await AccountHistory.ReadAsync(second, accountId));
    }
}
