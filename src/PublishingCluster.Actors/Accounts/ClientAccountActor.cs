using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using PublishingCluster.Actors.Audit;
using PublishingCluster.Actors.Posting;
using PublishingCluster.Actors.Security;
using PublishingCluster.Actors.Telemetry;
using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Common;
using PublishingCluster.Domain.Escalations;
using PublishingCluster.Domain.Posts;
using PublishingCluster.Domain.Publishing;
using PublishingCluster.Domain.Reporting;

namespace PublishingCluster.Actors.Accounts;

/// <summary>
/// One client account: a sharded, event-sourced actor that carries commands to <see cref="ClientAccount"/>,
/// persists the events it decides, and answers queries.
/// <para>
/// Writes are group-committed (<see cref="GroupCommit{TCaller}"/>): requests that arrive while a batch is being
/// written are decided together once it is durable, and every reply waits for the batch before it. Each accepted
/// command writes its events and an <see cref="AuditEntry"/> in one atomic batch (<see cref="AccountJournalEntries"/>).
/// </para>
/// <para>
/// Publishing: the posting coordinator wakes the account when work is due; the account persists that a variant
/// is being sent (<see cref="VariantPublishingStarted"/>) before handing it to the channel gateway, and records
/// the network's answer as events. A variant found in flight on recovery is looked up on the network by its
/// idempotency key before anything is resent, so a crash between "sent" and "recorded" never publishes twice.
/// </para>
/// </summary>
public sealed class ClientAccountActor : UntypedPersistentActor, IWithTimers
{
    private readonly ClientAccountSettings _settings;
    private readonly AccountCollaborators _with;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly GroupCommit<IActorRef> _commit;
    private readonly List<IAccountEvent> _durable = [];
    private readonly string _partitionTag;
    private AccountState _confirmed;
    private AccountState _working;
    private long _lastSnapshotVersion;
    private readonly NextDueReport _nextDue = new();
    private readonly OverdueAnswers _overdueAnswers;
    private readonly PublishingMetrics _metrics;
    private readonly long _startedAt = Stopwatch.GetTimestamp();
    private long _writeStartedAt;

    /// <summary>How often an account holding requests while the node's lease is stale asks the permit again.</summary>
    private static readonly TimeSpan HoldRecheck = TimeSpan.FromMilliseconds(100);

    public ClientAccountActor(string accountId, ClientAccountSettings settings, AccountCollaborators with)
    {
        _settings = settings;
        _with = with;
        _commit = new GroupCommit<IActorRef>(settings.MaxBatch);
        _overdueAnswers = new OverdueAnswers(settings.AnswerOverdueAfterOrDefault);
        _metrics = with.MetricsOrNone;
        _confirmed = AccountState.Unopened(accountId);
        _working = _confirmed;
        _partitionTag = PostingPartitions.TagOf(with.Partitions.For(accountId));
        PersistenceId = PersistenceIdFor(accountId);
    }

    public override string PersistenceId { get; }

    public ITimerScheduler Timers { get; set; } = null!;

    public static string PersistenceIdFor(string accountId) => $"account-{accountId}";

    /// <summary>The account id in a persistence id of <see cref="PersistenceIdFor"/>; null for any other persistence id.</summary>
    public static string? AccountIdOf(string persistenceId) =>
        persistenceId.StartsWith("account-", StringComparison.Ordinal) ? persistenceId["account-".Length..] : null;

    public static Props PropsFor(string accountId, ClientAccountSettings settings) => PropsFor(accountId, settings, AccountCollaborators.None);

    public static Props PropsFor(string accountId, ClientAccountSettings settings, AccountCollaborators with) =>
        Props.Create(() => new ClientAccountActor(accountId, settings, with));

    protected override void PreStart()
    {
        _metrics.AccountStarted();
        base.PreStart();
    }

    protected override void PostStop()
    {
        _metrics.AccountStopped();
        base.PostStop();
    }

    protected override void OnRecover(object message)
    {
        switch (AccountJournalEntries.Untagged(message))
        {
            case SnapshotOffer { Snapshot: AccountState snapshot }:
                _confirmed = snapshot;
                _lastSnapshotVersion = snapshot.Version;
                break;
            case IAccountEvent @event:
                _confirmed = ClientAccount.Evolve(_confirmed, @event);
                break;
            case RecoveryCompleted:
                _metrics.AccountRecovered(_startedAt);
                _working = _confirmed;
                AskNetworkAboutOrphans();
                break;
        }
    }

    protected override void OnCommand(object message)
    {
        switch (message)
        {
            case IAccountRequest request:
                Enqueue(request, Sender);
                break;
            case WakeUp wake:
                _nextDue.Ask();
                AskAboutOverdueAnswers(wake.Now);
                Enqueue(new Execute(new PublishDue(_working.AccountId), wake.Now, Caller.System), ActorRefs.Nobody);
                Enqueue(new Execute(new CloseReportingPeriods(_working.AccountId), wake.Now, Caller.System), ActorRefs.Nobody);
                Enqueue(new Execute(new CheckEscalations(_working.AccountId), wake.Now, Caller.System), ActorRefs.Nobody);
                break;
            case ReportNextDue:
                _nextDue.Ask();
                if (_commit.IsIdle)
                {
                    ReportDue();
                }

                break;
            case PublishAnswered answer:
                Enqueue(new Execute(PublishOutcomes.ToCommand(answer), answer.Now, Caller.System), ActorRefs.Nobody);
                break;
            case LookupAnswered answer:
                Enqueue(new Execute(PublishOutcomes.ToCommand(answer), answer.Now, Caller.System), ActorRefs.Nobody);
                break;
            case DecideWaiting:
                if (!_commit.IsWriting && _commit.HasWaiting)
                {
                    DecideWaitingRequests();
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

    private void Enqueue(IAccountRequest request, IActorRef sender)
    {
        _commit.Enqueue(request, sender);
        if (!_commit.IsWriting)
        {
            DecideWaitingRequests();
        }
    }

    /// <summary>Decides the waiting requests against the working state and writes what they change as one batch.</summary>
    private void DecideWaitingRequests()
    {
        if (!MayWrite())
        {
            return;
        }

        var batch = _commit.DecideNext(Handle);
        if (batch.ToWrite.Count == 0)
        {
            Send(batch.AnswerNow);
            ReportDue();
            return;
        }

        _writeStartedAt = Stopwatch.GetTimestamp();
        PersistAllAsync(batch.ToWrite, persisted =>
        {
            if (AccountJournalEntries.Untagged(persisted) is IAccountEvent @event)
            {
                _confirmed = ClientAccount.Evolve(_confirmed, @event);
                _durable.Add(@event);
            }

            if (_commit.Written() is { } replies)
            {
                OnBatchWritten(replies);
            }
        });
    }

    private IAccountReply Handle(IAccountRequest request, List<object> toWrite)
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

        var decision = ClientAccount.Decide(_working, execute.Command, execute.Now, _with.Policy);
        if (decision.Rejection is { } rejection)
        {
            return new CommandRejected(_working.AccountId, rejection);
        }

        if (decision.Events.IsEmpty)
        {
            return new CommandAccepted(_working.AccountId, decision.ResultId, _working.Version, Repeated: true, AccountQueries.ViewAfter(_working, execute));
        }

        _working = decision.Events.Aggregate(_working, ClientAccount.Evolve);
        toWrite.AddRange(AccountJournalEntries.ForCommand(execute, caller, decision.Events, _working, decision.ResultId, _partitionTag));
        return new CommandAccepted(_working.AccountId, decision.ResultId, _working.Version, View: AccountQueries.ViewAfter(_working, execute));
    }

    private void OnBatchWritten(IReadOnlyList<GroupCommit<IActorRef>.Reply> replies)
    {
        _metrics.JournalWritten(_writeStartedAt);
        Send(replies);
        SendStartedVariants(_durable);
        DurableEventMetrics.Record(_metrics, _confirmed, _durable);
        _durable.Clear();
        if (_confirmed.Version - _lastSnapshotVersion >= _settings.SnapshotEvery)
        {
            _lastSnapshotVersion = _confirmed.Version;
            SaveSnapshot(_confirmed);
        }

        ReportDue();
        if (_commit.HasWaiting)
        {
            DecideWaitingRequests();
        }
    }

    /// <summary>Variants whose start is now durable go to their network's gateway.</summary>
    private void SendStartedVariants(List<IAccountEvent> events)
    {
        foreach (var started in events.OfType<VariantPublishingStarted>())
        {
            var send = GatewayRequests.Send(_confirmed, started);
            _with.Gateway(send.Network).Tell(send);
        }
    }

    /// <summary>A variant whose answer is overdue may or may not have reached its network: ask.</summary>
    private void AskAboutOverdueAnswers(DateTimeOffset now) => LookUp(_overdueAnswers.TakeOverdue(_confirmed, now));

    /// <summary>After a restart, a variant still marked publishing may or may not have reached its network: ask.</summary>
    private void AskNetworkAboutOrphans() => LookUp(_overdueAnswers.TakeInFlightOnRecovery(_confirmed));

    private void LookUp(IEnumerable<(Post Post, PostVariant Variant)> inFlight)
    {
        foreach (var (post, variant) in inFlight)
        {
            var lookup = GatewayRequests.Lookup(_confirmed, post, variant);
            _with.Gateway(lookup.Network).Tell(lookup);
        }
    }

    /// <summary>Tells the posting partition when this account is next due, when that changed or the partition asked.</summary>
    private void ReportDue()
    {
        if (!_confirmed.IsOpen)
        {
            return;
        }

        var due = NextDueReport.Of(_confirmed, _overdueAnswers.NextCheck(_confirmed));
        if (_nextDue.MustTell(due))
        {
            _with.PostingRegion.Tell(new NextDueChanged(_with.Partitions.For(_confirmed.AccountId), _confirmed.AccountId, due));
        }
    }

    /// <summary>The journal failed the write: the actor stops, and its next incarnation recovers what is durable.</summary>
    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        Send(_commit.FailAll(Failed($"The journal could not store the change: {cause.Message}")));
        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    /// <summary>The journal refused the batch (nothing of it was stored): go back to the last durable state.</summary>
    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        // Runs once per item of the batch; the group commit answers its callers with the last one.
        if (_commit.Rejected(Failed("The journal refused the change.")) is not { } replies)
        {
            return;
        }

        _log.Error(cause, "The journal rejected a batch of {0} at {1}.", PersistenceId, sequenceNr);
        _working = _confirmed;
        _durable.Clear();
        Send(replies);

        // A write started from this callback would not be sent to the journal until some later message arrives:
        // the requests still waiting are decided on a message of their own.
        Self.Tell(DecideWaiting.Instance);
    }

    /// <summary>
    /// Whether this node still holds the account, asked before every batch is decided. A node that wakes from a pause
    /// (or is cut off) may have been downed meanwhile, with the account started on another node: writing now would
    /// put its events among the new node's, whose recovery then sees variants in flight twice and sends them twice.
    /// While the node's lease is stale the requests wait (asked again shortly); once the node is downed they fail and
    /// the account stops here.
    /// </summary>
    private bool MayWrite()
    {
        var permit = _with.PermitOrAlways;
        if (permit.Allows(out var because))
        {
            return true;
        }

        if (permit.IsRevoked)
        {
            _log.Info("{0} stops on this node: {1}.", PersistenceId, because);
            Send(_commit.FailAll(Failed("This node no longer serves the account; ask again.")));
            Context.Stop(Self);
            return false;
        }

        if (!Timers.IsTimerActive(nameof(HoldRecheck)))
        {
            Timers.StartSingleTimer(nameof(HoldRecheck), DecideWaiting.Instance, HoldRecheck);
        }

        return false;
    }

    private CommandFailed Failed(string reason) => new(_working.AccountId, reason);

    private static void Send(IEnumerable<GroupCommit<IActorRef>.Reply> replies)
    {
        foreach (var (to, message) in replies)
        {
            to.Tell(message);
        }
    }

    private sealed class DecideWaiting
    {
        public static readonly DecideWaiting Instance = new();
    }
}
