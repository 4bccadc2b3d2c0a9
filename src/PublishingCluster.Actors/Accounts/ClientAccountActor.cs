using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Akka.Persistence.Journal;
using PublishingCluster.Actors.Audit;
using PublishingCluster.Actors.Gateways;
using PublishingCluster.Actors.Posting;
using PublishingCluster.Actors.Security;
using PublishingCluster.Actors.Telemetry;
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
    private readonly Queue<Waiting> _buffer = new();
    private readonly string _partitionTag;
    private List<Reply> _inFlight = [];
    private List<IAccountEvent> _inFlightEvents = [];
    private bool _writing;
    private int _unanswered;
    private AccountState _confirmed;
    private AccountState _working;
    private long _lastSnapshotVersion;
    private DateTimeOffset? _reportedDue;
    private bool _mustReportDue;
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
        // SQL journals strip the tag wrapper on replay; the in-memory journal hands it back as written.
        switch (message is Tagged tagged ? tagged.Payload : message)
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
                _mustReportDue = true;
                AskAboutOverdueAnswers(wake.Now);
                Enqueue(new Execute(new PublishDue(_working.AccountId), wake.Now, Caller.System), ActorRefs.Nobody);
                Enqueue(new Execute(new CloseReportingPeriods(_working.AccountId), wake.Now, Caller.System), ActorRefs.Nobody);
                Enqueue(new Execute(new CheckEscalations(_working.AccountId), wake.Now, Caller.System), ActorRefs.Nobody);
                break;
            case ReportNextDue:
                _mustReportDue = true;
                if (!_writing && _buffer.Count == 0)
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
                if (!_writing && _buffer.Count > 0)
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

    private void Enqueue(IAccountRequest request, IActorRef sender)
    {
        _buffer.Enqueue(new Waiting(request, sender));
        if (!_writing)
        {
            DecideBuffered();
        }
    }

    /// <summary>Decides every buffered request against the working state and writes their events as one batch.</summary>
    private void DecideBuffered()
    {
        if (!MayWrite())
        {
            return;
        }

        var replies = new List<Reply>();
        var events = new List<IAccountEvent>();
        var stored = new List<object>();
        while (_buffer.Count > 0 && replies.Count < _settings.MaxBatch)
        {
            var (request, sender) = _buffer.Dequeue();
            replies.Add(new Reply(sender, Handle(request, events, stored)));
        }

        if (stored.Count == 0)
        {
            Send(replies);
            ReportDue();
            return;
        }

        _writing = true;
        _inFlight = replies;
        _inFlightEvents = events;
        _unanswered = stored.Count;
        _writeStartedAt = Stopwatch.GetTimestamp();
        PersistAllAsync(stored, persisted =>
        {
            // The handler gets back what was persisted, tag wrapper included.
            if ((persisted is Tagged tagged ? tagged.Payload : persisted) is IAccountEvent @event)
            {
                _confirmed = ClientAccount.Evolve(_confirmed, @event);
            }

            if (--_unanswered == 0)
            {
                OnBatchWritten();
            }
        });
    }

    private IAccountReply Handle(IAccountRequest request, List<IAccountEvent> events, List<object> stored)
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
            return new CommandAccepted(_working.AccountId, decision.ResultId, _working.Version, Repeated: true);
        }

        foreach (var @event in decision.Events)
        {
            _working = ClientAccount.Evolve(_working, @event);
            events.Add(@event);
            stored.Add(WithTags(@event));
        }

        var audit = new AuditEntry(_working.AccountId, _working.AgencyId, caller.Subject, caller.Role,
            execute.Command.GetType().Name, decision.ResultId, _working.Version, execute.Now);
        stored.Add(new Tagged(audit, [AuditEntry.TagFor(_working.AgencyId)]));
        return new CommandAccepted(_working.AccountId, decision.ResultId, _working.Version);
    }

    /// <summary>The event as stored: tagged for its posting partition and, if it is an escalation's, for the agency's and everyone's escalations.</summary>
    private object WithTags(IAccountEvent @event)
    {
        var tags = new List<string>(3);
        if (PostingTags.Affects(@event))
        {
            tags.Add(_partitionTag);
        }

        if (EscalationTags.Affects(@event))
        {
            tags.Add(EscalationTags.TagFor(_working.AgencyId));
            tags.Add(EscalationTags.All);
        }

        return tags.Count == 0 ? @event : new Tagged(@event, tags);
    }

    private void OnBatchWritten()
    {
        _metrics.JournalWritten(_writeStartedAt);
        _writing = false;
        Send(_inFlight);
        _inFlight = [];
        SendStartedVariants(_inFlightEvents);
        RecordMetrics(_inFlightEvents);
        _inFlightEvents = [];
        if (_confirmed.Version - _lastSnapshotVersion >= _settings.SnapshotEvery)
        {
            _lastSnapshotVersion = _confirmed.Version;
            SaveSnapshot(_confirmed);
        }

        ReportDue();
        if (_buffer.Count > 0)
        {
            DecideBuffered();
        }
    }

    /// <summary>Variants whose start is now durable go to their network's gateway.</summary>
    private void SendStartedVariants(List<IAccountEvent> events)
    {
        foreach (var started in events.OfType<VariantPublishingStarted>())
        {
            var post = _confirmed.Posts[started.PostId];
            var variant = post.Variants[started.ChannelId];
            var channel = _confirmed.Channels[started.ChannelId];
            _with.Gateway(channel.Network).Tell(new SendToNetwork(
                _confirmed.AccountId, post.PostId, channel.ChannelId, started.IdempotencyKey, channel.Network, channel.Handle, variant.Text, variant.Media));
        }
    }

    /// <summary>What the node's metrics count of events now durable: publications and their lateness, escalations raised.</summary>
    private void RecordMetrics(List<IAccountEvent> events)
    {
        foreach (var @event in events)
        {
            switch (@event)
            {
                case VariantPublished published
                    when _confirmed.Posts.TryGetValue(published.PostId, out var post)
                        && post.Variants.TryGetValue(published.ChannelId, out var variant)
                        && variant.Lateness is { } lateness
                        && _confirmed.Channels.TryGetValue(published.ChannelId, out var channel):
                    _metrics.VariantPublished(channel.Network, lateness);
                    break;
                case EscalationRaised raised:
                    _metrics.EscalationRaised(raised.Cause);
                    break;
            }
        }
    }

    /// <summary>After a restart, a variant still marked publishing may or may not have reached its network: ask.</summary>
    private void AskAboutOverdueAnswers(DateTimeOffset now)
    {
        foreach (var (post, variant) in _overdueAnswers.TakeOverdue(_confirmed, now))
        {
            var channel = _confirmed.Channels[variant.ChannelId];
            _with.Gateway(channel.Network).Tell(new LookupOnNetwork(
                _confirmed.AccountId, post.PostId, variant.ChannelId, _confirmed.IdempotencyKeyFor(post.PostId, variant.ChannelId), channel.Network));
        }
    }

    private void AskNetworkAboutOrphans()
    {
        foreach (var (post, variant) in PublishingSchedule.InFlight(_confirmed))
        {
            var channel = _confirmed.Channels[variant.ChannelId];
            _with.Gateway(channel.Network).Tell(new LookupOnNetwork(
                _confirmed.AccountId, post.PostId, variant.ChannelId, _confirmed.IdempotencyKeyFor(post.PostId, variant.ChannelId), channel.Network));
        }
    }

    /// <summary>
    /// Tells the posting coordinator when this account is next due (to publish, to close a reporting period, or for an
    /// engagement's deadline or an escalation's climb), when that changed or it asked.
    /// </summary>
    private void ReportDue()
    {
        if (!_confirmed.IsOpen)
        {
            return;
        }

        // One due time for all the account's timed work: the coordinators wake it for either.
        var due = Earliest(
            Earliest(PublishingSchedule.NextDue(_confirmed), ReportingDecisions.NextClose(_confirmed)),
            Earliest(EscalationDecisions.NextDue(_confirmed), _overdueAnswers.NextCheck(_confirmed)));
        if (due == _reportedDue && !_mustReportDue)
        {
            return;
        }

        _reportedDue = due;
        _mustReportDue = false;
        _with.PostingRegion.Tell(new NextDueChanged(_with.Partitions.For(_confirmed.AccountId), _confirmed.AccountId, due));
    }

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : a < b ? a : b;

    /// <summary>The journal failed the write: the actor stops, and its next incarnation recovers what is durable.</summary>
    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        FailEverythingWaiting($"The journal could not store the change: {cause.Message}");
        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    /// <summary>The journal refused the batch (nothing of it was stored): go back to the last durable state.</summary>
    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        // The journal answers every item of the batch, so this runs once per item. Act on the last one only: acting
        // on the first would start the next batch while this one's answers still arrive, and those answers would
        // then fail the next batch's callers although their events are stored.
        if (--_unanswered > 0)
        {
            return;
        }

        _log.Error(cause, "The journal rejected a batch of {0} at {1}.", PersistenceId, sequenceNr);
        _writing = false;
        _working = _confirmed;
        _inFlightEvents = [];
        Send(_inFlight.Select(r => r with { Message = Failed("The journal refused the change.") }));
        _inFlight = [];

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
            FailEverythingWaiting("This node no longer serves the account; ask again.");
            Context.Stop(Self);
            return false;
        }

        if (!Timers.IsTimerActive(nameof(HoldRecheck)))
        {
            Timers.StartSingleTimer(nameof(HoldRecheck), DecideWaiting.Instance, HoldRecheck);
        }

        return false;
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

    private static void Send(IEnumerable<Reply> replies)
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

    private readonly record struct Waiting(IAccountRequest Request, IActorRef Sender);

    private sealed record Reply(IActorRef To, IAccountReply Message);
}
