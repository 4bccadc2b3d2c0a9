using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Akka.Persistence.Journal;
using PublishingCluster.Actors.Audit;
using PublishingCluster.Actors.Security;
using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Common;

namespace PublishingCluster.Actors.Accounts;

/// <summary>
/// One client account: a sharded, event-sourced actor that carries commands to <see cref="ClientAccount"/>,
/// persists the events it decides, and answers queries.
/// <para>
/// Writes are group-committed: while one batch of events is being written, arriving requests wait in a
/// buffer; when the write completes they are decided together, in arrival order, and their events are
/// written as one atomic batch. Every reply, query answers included, is sent only after the batch before it
/// is durable, so a caller always reads its own writes and nobody reads a write that may yet fail.
/// </para>
/// <para>
/// Each accepted command also writes an <see cref="AuditEntry"/> (who, what, when) in the same atomic batch,
/// tagged with the agency, so the audit trail can never disagree with the account's history.
/// </para>
/// </summary>
public sealed class ClientAccountActor : UntypedPersistentActor
{
    private readonly ClientAccountSettings _settings;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Queue<Waiting> _buffer = new();
    private List<Reply> _inFlight = [];
    private bool _writing;
    private AccountState _confirmed;
    private AccountState _working;
    private long _lastSnapshotVersion;

    public ClientAccountActor(string accountId, ClientAccountSettings settings)
    {
        _settings = settings;
        _confirmed = AccountState.Unopened(accountId);
        _working = _confirmed;
        PersistenceId = PersistenceIdFor(accountId);
    }

    public override string PersistenceId { get; }

    public static string PersistenceIdFor(string accountId) => $"account-{accountId}";

    public static Props PropsFor(string accountId, ClientAccountSettings settings) =>
        Props.Create(() => new ClientAccountActor(accountId, settings));

    protected override void OnRecover(object message)
    {
        switch (message)
        {
            case SnapshotOffer { Snapshot: AccountState snapshot }:
                _confirmed = snapshot;
                _lastSnapshotVersion = snapshot.Version;
                break;
            case IAccountEvent @event:
                _confirmed = ClientAccount.Evolve(_confirmed, @event);
                break;
            case RecoveryCompleted:
                _working = _confirmed;
                break;
        }
    }

    protected override void OnCommand(object message)
    {
        switch (message)
        {
            case IAccountRequest request:
                _buffer.Enqueue(new Waiting(request, Sender));
                if (!_writing)
                {
                    DecideBuffered();
                }

                break;
            case SaveSnapshotSuccess saved:
                DeleteSnapshots(new SnapshotSelectionCriteria(saved.Metadata.SequenceNr - 1));
                break;
            case SaveSnapshotFailure failed:
                _log.Warning(failed.Cause, "Snapshot of {0} at {1} failed; recovery replays more events until the next one.", PersistenceId, failed.Metadata.SequenceNr);
                break;
            case DeleteSnapshotsSuccess or DeleteSnapshotsFailure:
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    /// <summary>Decides every buffered request against the working state and writes their events as one batch.</summary>
    private void DecideBuffered()
    {
        var replies = new List<Reply>();
        var events = new List<object>();
        while (_buffer.Count > 0 && replies.Count < _settings.MaxBatch)
        {
            var (request, sender) = _buffer.Dequeue();
            replies.Add(new Reply(sender, Handle(request, events)));
        }

        if (events.Count == 0)
        {
            Send(replies);
            return;
        }

        _writing = true;
        _inFlight = replies;
        var remaining = events.Count;
        PersistAllAsync(events, persisted =>
        {
            if (persisted is IAccountEvent @event)
            {
                _confirmed = ClientAccount.Evolve(_confirmed, @event);
            }

            if (--remaining == 0)
            {
                OnBatchWritten();
            }
        });
    }

    private IAccountReply Handle(IAccountRequest request, List<object> events)
    {
        var caller = request.By ?? Caller.System;
        if (_working.IsOpen && !caller.MaySee(_working.AgencyId))
        {
            // Another agency's account is answered exactly like a missing one, so ids cannot be probed.
            var missing = AccountQueries.NotFound(_working.AccountId);
            return request is Execute ? new CommandRejected(_working.AccountId, missing) : new QueryRejected(_working.AccountId, missing);
        }

        if (request is not Execute execute)
        {
            return AccountQueries.Answer(_working, request);
        }

        if (execute.Command is OpenAccount open && caller.AgencyId is { } agency && open.AgencyId != agency)
        {
            return new CommandRejected(_working.AccountId, Rejection.Invalid("agencyId", "account.agency-mismatch", "An account is opened for the caller's own agency."));
        }

        var decision = ClientAccount.Decide(_working, execute.Command, execute.Now);
        if (decision.Rejection is { } rejection)
        {
            return new CommandRejected(_working.AccountId, rejection);
        }

        if (decision.Events.IsEmpty)
        {
            return new CommandAccepted(_working.AccountId, decision.ResultId, _working.Version, Repeated: true);
        }

        foreach (var @event in decision.Events)
        {
            _working = ClientAccount.Evolve(_working, @event);
            events.Add(@event);
        }

        var audit = new AuditEntry(_working.AccountId, _working.AgencyId, caller.Subject, caller.Role,
            execute.Command.GetType().Name, decision.ResultId, _working.Version, execute.Now);
        events.Add(new Tagged(audit, [AuditEntry.TagFor(_working.AgencyId)]));
        return new CommandAccepted(_working.AccountId, decision.ResultId, _working.Version);
    }

    private void OnBatchWritten()
    {
        _writing = false;
        Send(_inFlight);
        _inFlight = [];
        if (_confirmed.Version - _lastSnapshotVersion >= _settings.SnapshotEvery)
        {
            _lastSnapshotVersion = _confirmed.Version;
            SaveSnapshot(_confirmed);
        }

        if (_buffer.Count > 0)
        {
            DecideBuffered();
        }
    }

    /// <summary>The journal failed the write: the actor stops, and its next incarnation recovers what is durable.</summary>
    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        FailEverythingWaiting($"The journal could not store the change: {cause.Message}");
        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    /// <summary>The journal refused the batch (nothing of it was stored): go back to the last durable state.</summary>
    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        _log.Error(cause, "The journal rejected a batch of {0} at {1}.", PersistenceId, sequenceNr);
        _writing = false;
        _working = _confirmed;
        Send(_inFlight.Select(r => r with { Message = Failed("The journal refused the change.") }));
        _inFlight = [];
        if (_buffer.Count > 0)
        {
            DecideBuffered();
        }
    }

    private void FailEverythingWaiting(string reason)
    {
        Send(_inFlight.Select(r => r with { Message = Failed(reason) }));
        _inFlight = [];
        while (_buffer.Count > 0)
        {
            var (_, sender) = _buffer.Dequeue();
            sender.Tell(Failed(reason));
        }
    }

    private CommandFailed Failed(string reason) => new(_working.AccountId, reason);

    private void Send(IEnumerable<Reply> replies)
    {
        foreach (var (to, message) in replies)
        {
            to.Tell(message);
        }
    }

    private readonly record struct Waiting(IAccountRequest Request, IActorRef Sender);

    private sealed record Reply(IActorRef To, IAccountReply Message);
}
