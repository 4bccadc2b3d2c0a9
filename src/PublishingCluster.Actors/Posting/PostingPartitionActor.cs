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
/// <para>
/// At most <see cref="MaxAwaitingWake"/> woken accounts are waited on at once; the rest stay due and are woken on
/// the next ticks as answers come back. When thousands fall due in the same minute, most are asleep and must first
/// recover from the journal: waking all at once queues thousands of recoveries on the journal, where the last ones
/// outlive their timeout, stop, and are woken again into the same queue. In waves, each recovery waits only
/// behind a bounded number of others.
/// </para>
/// </summary>
public sealed class PostingPartitionActor : UntypedPersistentActor
{
    public static readonly TimeSpan WakeRetry = TimeSpan.FromSeconds(30);

    /// <summary>How many woken accounts one partition waits on at once (32 partitions: 1,024 on a node).</summary>
    public const int MaxAwaitingWake = 32;
    private const int SnapshotAfterChanges = 1000;

    private readonly string _partitionId;
    private readonly IActorRef _accounts;
    private readonly IPostingHistory _history;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly DueIndex _index = new();
    private readonly HashSet<string> _unconfirmed = new(StringComparer.Ordinal);

    // Woken and not yet heard back from, with when; an account that does not answer within WakeRetry frees its place.
    private readonly Dictionary<string, DateTimeOffset> _awaitingWake = new(StringComparer.Ordinal);
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
                ForgetUnanswered(tick.Now);
                foreach (var accountId in _index.DueBy(tick.Now, MaxAwaitingWake - _awaitingWake.Count))
                {
                    _accounts.Tell(new WakeUp(accountId, tick.Now));
                    _index.Set(accountId, tick.Now + WakeRetry);
                    _awaitingWake[accountId] = tick.Now;
                }

                if (_changesSinceSnapshot >= SnapshotAfterChanges && !_catchingUp)
                {
                    _snapshotAfterCatchUp = true;
                    CatchUp();
                }

                break;
            case NextDueChanged changed:
                _unconfirmed.Remove(changed.AccountId);
                _awaitingWake.Remove(changed.AccountId);
                _index.Set(changed.AccountId, changed.Due);
                _changesSinceSnapshot++;
                break;
            case GetDue query:
                Sender.Tell(new DueAnswer(_partitionId, _index.Count, _index.Until(query.Until), _awaitingWake.Count));
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

    private void ForgetUnanswered(DateTimeOffset now)
    {
        if (_awaitingWake.Count == 0)
        {
            return;
        }

        foreach (var (accountId, wokenAt) in _awaitingWake)
        {
            if (wokenAt + WakeRetry <= now)
            {
                _awaitingWake.Remove(accountId);
            }
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
