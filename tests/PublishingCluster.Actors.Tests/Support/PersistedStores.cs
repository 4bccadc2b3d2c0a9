using Akka.Actor;
using Akka.Persistence;
using Akka.TestKit;

namespace PublishingCluster.Actors.Tests.Support;

/// <summary>
/// Reads what the journal and the snapshot store of a test actor system hold, by asking the plugins directly,
/// so a spec can check what was (or was not) made durable without trusting the actor under test.
/// </summary>
public static class PersistedStores
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>Every payload stored for <paramref name="persistenceId"/>, tag wrappers removed, in sequence order.</summary>
    public static IReadOnlyList<object> Events(TestKitBase kit, string persistenceId)
    {
        var probe = kit.CreateTestProbe();
        Persistence.Instance.Apply(kit.Sys).JournalFor(null).Tell(new ReplayMessages(1, long.MaxValue, long.MaxValue, persistenceId, probe.Ref));
        var events = new List<object>();
        while (true)
        {
            switch (probe.ExpectMsg<object>(Timeout))
            {
                case ReplayedMessage replayed:
                    var payload = replayed.Persistent.Payload;
                    events.Add(payload is Akka.Persistence.Journal.Tagged tagged ? tagged.Payload : payload);
                    break;
                case RecoverySuccess:
                    return events;
                case ReplayMessagesFailure failure:
                    throw new InvalidOperationException($"The journal could not replay {persistenceId}.", failure.Cause);
            }
        }
    }

    /// <summary>The latest snapshot of <paramref name="persistenceId"/>, or null.</summary>
    public static SelectedSnapshot? LatestSnapshot(TestKitBase kit, string persistenceId)
    {
        var probe = kit.CreateTestProbe();
        Persistence.Instance.Apply(kit.Sys).SnapshotStoreFor(null).Tell(new LoadSnapshot(persistenceId, SnapshotSelectionCriteria.Latest, long.MaxValue), probe.Ref);
        return probe.ExpectMsg<LoadSnapshotResult>(Timeout).Snapshot;
    }

    /// <summary>Deletes the journal's events of <paramref name="persistenceId"/> up to and including <paramref name="toSequenceNr"/>.</summary>
    public static void DeleteEventsTo(TestKitBase kit, string persistenceId, long toSequenceNr)
    {
        var probe = kit.CreateTestProbe();
        Persistence.Instance.Apply(kit.Sys).JournalFor(null).Tell(new DeleteMessagesTo(persistenceId, toSequenceNr, probe.Ref));
        probe.ExpectMsg<DeleteMessagesSuccess>(Timeout);
    }
}
