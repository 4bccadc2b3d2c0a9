using Akka.Actor;
using Akka.Event;
using Akka.Persistence;

namespace PublishingCluster.Actors.Notifications;

/// <summary>
/// Sends every notifiable fact to the notifier exactly in journal order, at least once: it polls the source after
/// the offset it last delivered, turns each event into a <see cref="Notification"/> (events that are not
/// notifiable are passed over), and calls the notifier until it answers delivered, backing off between tries
/// (doubling from <see cref="DispatchSettings.FirstRetry"/> to <see cref="DispatchSettings.MaxRetry"/>, or the
/// receiver's retry-after). Each delivery is persisted before the next is sent, so after a restart nothing
/// delivered is sent again, except the one whose 2xx came just before the node died (a receiver de-duplicates it by
/// its id, which the webhook sends as its Idempotency-Key).
/// </summary>
public sealed class NotificationDispatcherActor : ReceivePersistentActor, IWithTimers
{
    private readonly INotificationSource _source;
    private readonly INotifier _notifier;
    private readonly Func<StoredFact, Notification?> _toNotification;
    private readonly DispatchSettings _settings;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Queue<(long Offset, Notification? Notification)> _pending = new();
    private long _delivered;
    private int _failures;
    private bool _busy;

    public NotificationDispatcherActor(string name, INotificationSource source, INotifier notifier, Func<StoredFact, Notification?> toNotification, DispatchSettings settings)
    {
        _source = source;
        _notifier = notifier;
        _toNotification = toNotification;
        _settings = settings;
        PersistenceId = $"notification-dispatcher-{name}";

        Recover<NotificationDelivered>(e => _delivered = Math.Max(_delivered, e.Offset));
        Recover<SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is NotificationDelivered snapshot)
            {
                _delivered = snapshot.Offset;
            }
        });

        Command<Poll>(_ => PollUnlessBusy());
        Command<Read>(read =>
        {
            foreach (var fact in read.Facts)
            {
                _pending.Enqueue((fact.Offset, _toNotification(fact)));
            }

            _busy = false;
            SendNext();
        });
        Command<Sent>(sent =>
        {
            if (sent.Outcome is NotifyOutcome.Delivered)
            {
                _failures = 0;
                Persist(new NotificationDelivered(sent.Offset, sent.Notification.Id), delivered =>
                {
                    _delivered = delivered.Offset;
                    _pending.Dequeue();
                    if (LastSequenceNr % 500 == 0)
                    {
                        SaveSnapshot(delivered);
                    }

                    _busy = false;
                    SendNext();
                });
                return;
            }

            _failures++;
            var failed = (NotifyOutcome.Failed)sent.Outcome;
            var wait = failed.RetryAfter ?? Backoff(_failures);
            _log.Warning("Notification {0} not delivered ({1}); try {2} again in {3}.", sent.Notification.Id, failed.Reason, _failures + 1, wait);
            Timers.StartSingleTimer("retry", new Retry(), wait);
        });
        Command<Retry>(_ =>
        {
            _busy = false;
            SendNext();
        });
        Command<Status.Failure>(failure =>
        {
            _busy = false;
            _log.Warning(failure.Cause, "Reading the facts to notify about failed; trying again on the next poll.");
        });
        Command<GetDispatchStatus>(_ => Sender.Tell(new DispatchStatus(_delivered, _pending.Count, _failures)));
        Command<SaveSnapshotSuccess>(_ => { });
        Command<SaveSnapshotFailure>(_ => { });
    }

    public override string PersistenceId { get; }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props PropsFor(string name, INotificationSource source, INotifier notifier, Func<StoredFact, Notification?> toNotification, DispatchSettings settings) =>
        Props.Create(() => new NotificationDispatcherActor(name, source, notifier, toNotification, settings));

    protected override void OnReplaySuccess()
    {
        Timers.StartPeriodicTimer("poll", new Poll(), _settings.PollInterval);
        Self.Tell(new Poll());
    }

    private void PollUnlessBusy()
    {
        if (_busy || _pending.Count > 0)
        {
            return;
        }

        _busy = true;
        var after = _delivered;
        _source.ReadAsync(after, _settings.BatchSize, CancellationToken.None)
            .PipeTo(Self, success: facts => new Read(facts));
    }

    private void SendNext()
    {
        if (_busy)
        {
            return;
        }

        // Facts that need no notification are passed over, remembered as delivered so they are not read again.
        while (_pending.TryPeek(out var next) && next.Notification is null)
        {
            _pending.Dequeue();
            _delivered = next.Offset;
        }

        if (!_pending.TryPeek(out var head))
        {
            return;
        }

        _busy = true;
        var notification = head.Notification!;
        var offset = head.Offset;
        SendAsync(notification).PipeTo(Self, success: outcome => new Sent(offset, notification, outcome));
    }

    private async Task<NotifyOutcome> SendAsync(Notification notification)
    {
        try
        {
            using var timeout = new CancellationTokenSource(_settings.CallTimeout);
            return await _notifier.NotifyAsync(notification, timeout.Token);
        }
        catch (Exception e)
        {
            return new NotifyOutcome.Failed($"{e.GetType().Name}: {e.Message}");
        }
    }

    private TimeSpan Backoff(int failures)
    {
        var ticks = _settings.FirstRetry.Ticks * Math.Pow(2, Math.Min(failures - 1, 30));
        return TimeSpan.FromTicks((long)Math.Min(ticks, _settings.MaxRetry.Ticks));
    }

    private sealed record Poll;

    private sealed record Retry;

    private sealed record Read(IReadOnlyList<StoredFact> Facts);

    private sealed record Sent(long Offset, Notification Notification, NotifyOutcome Outcome);
}

/// <summary>How the dispatcher polls and retries.</summary>
public sealed record DispatchSettings(TimeSpan PollInterval, TimeSpan FirstRetry, TimeSpan MaxRetry, TimeSpan CallTimeout, int BatchSize = 100)
{
    public static DispatchSettings Default { get; } = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(10));
}

/// <summary>The dispatcher delivered the notification of the fact at <paramref name="Offset"/>.</summary>
public sealed record NotificationDelivered(long Offset, string NotificationId);

/// <summary>
/// The notification family of the cluster protocol: what is asked of the dispatcher, a cluster singleton that may
/// live on another node, and what it answers. Bound to the cluster protocol serializer in hocon/akka.hocon.
/// </summary>
public interface INotificationProtocol;

public sealed record GetDispatchStatus : INotificationProtocol;

public sealed record DispatchStatus(long DeliveredThrough, int Pending, int ConsecutiveFailures) : INotificationProtocol;
