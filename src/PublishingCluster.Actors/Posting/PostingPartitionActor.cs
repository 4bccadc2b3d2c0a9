using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using PublishingCluster.Actors.Accounts;

namespace PublishingCluster.Actors.Posting;

/// <summary>
/// One partition of the posting coordinator: it knows, for the accounts that hash to it, when each next has
/// publishing work, and on every <see cref="Tick"/> wakes only those that are due, so the work per tick grows with
/// what is due, not with the number of accounts.
/// <para>
/// The index lives in memory and in snapshots. After a restart the partition loads its last snapshot, then asks
/// every account that wrote a schedule-changing event since (found by tag in the journal), and every account it
/// had not heard back from, to report its next due time: no due post is forgotten. A woken account that does not
/// answer is woken again after <see cref="WakeRetry"/>.
/// </para>
/// </summary>
public sealed class PostingPartitionActor : UntypedPersistentActor
{
    public static readonly TimeSpan WakeRetry = TimeSpan.FromSeconds(30);
    private const int SnapshotAfterChanges = 1000;

    private readonly string _partitionId;
    private readonly IActorRef _accounts;
    private readonly IPostingHistory _history;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly DueIndex _index = new();
    private readonly HashSet<string> _unconfirmed = new(StringComparer.Ordinal);
    private long _watermark;
    private int _changesSinceSnapshot;
    private bool _catchingUp;
    private bool _snapshotAfterCatchUp;

    public PostingPartitionActor(string partitionId, IActorRef accounts, IPostingHistory history)
    {
        _partitionId = partitionId;
        _accounts = accounts;
        _history = history;
        PersistenceId = $"posting-partition-{partitionId}";
    }

    public override string PersistenceId { get; }

    public static Props PropsFor(string partitionId, IActorRef accounts, IPostingHistory history) =>
        Props.Create(() => new PostingPartitionActor(partitionId, accounts, history));

    protected override void OnRecover(object message)
    {
        switch (message)
        {
            case SnapshotOffer { Snapshot: PostingPartitionSnapshot snapshot }:
                _index.Load(snapshot.Due);
                _unconfirmed.UnionWith(snapshot.Unconfirmed);
                _watermark = snapshot.Watermark;
                break;
            case RecoveryCompleted:
                // Everyone not confirmed since the snapshot is asked again; CatchUp adds those with newer events.
                foreach (var accountId in _unconfirmed)
                {
                    _accounts.Tell(new ReportNextDue(accountId));
                }

                CatchUp();
                break;
        }
    }

    protected override void OnCommand(object message)
    {
        switch (message)
        {
            case Tick tick:
                foreach (var accountId in _index.DueBy(tick.Now))
                {
                    _accounts.Tell(new WakeUp(accountId, tick.Now));
                    _index.Set(accountId, tick.Now + WakeRetry);
                }

                if (_changesSinceSnapshot >= SnapshotAfterChanges && !_catchingUp)
                {
                    _snapshotAfterCatchUp = true;
                    CatchUp();
                }

                break;
            case NextDueChanged changed:
                _unconfirmed.Remove(changed.AccountId);
                _index.Set(changed.AccountId, changed.Due);
                _changesSinceSnapshot++;
                break;
            case GetDue query:
                Sender.Tell(new DueAnswer(_partitionId, _index.Count, _index.Until(query.Until)));
                break;
            case CaughtUp caughtUp:
                _catchingUp = false;
                _watermark = Math.Max(_watermark, caughtUp.Offset);
                foreach (var accountId in caughtUp.AccountIds)
                {
                    if (_unconfirmed.Add(accountId))
                    {
                        _accounts.Tell(new ReportNextDue(accountId));
                    }
                }

                if (_snapshotAfterCatchUp)
                {
                    _snapshotAfterCatchUp = false;
                    _changesSinceSnapshot = 0;
                    SaveSnapshot(new PostingPartitionSnapshot(_index.Entries(), [.. _unconfirmed], _watermark));
                }

                break;
            case Status.Failure failure:
                _catchingUp = false;
                _log.Warning(failure.Cause, "Posting partition {0} could not read the journal's history; it retries on the next snapshot.", _partitionId);
                break;
            case SaveSnapshotSuccess saved:
                DeleteSnapshots(new SnapshotSelectionCriteria(saved.Metadata.SequenceNr - 1, saved.Metadata.Timestamp.AddTicks(-1)));
                break;
            case SaveSnapshotFailure or DeleteSnapshotsSuccess or DeleteSnapshotsFailure:
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private void CatchUp()
    {
        _catchingUp = true;
        var tag = PostingPartitions.TagOf(_partitionId);
        _history.AccountsSinceAsync(tag, _watermark, CancellationToken.None)
            .PipeTo(Self, success: result => new CaughtUp(result.AccountIds, result.Offset));
    }

    private sealed record CaughtUp(IReadOnlySet<string> AccountIds, long Offset);
}

/// <summary>What a posting partition keeps across restarts.</summary>
public sealed record PostingPartitionSnapshot(
    IReadOnlyDictionary<string, DateTimeOffset> Due,
    IReadOnlyList<string> Unconfirmed,
    long Watermark);
