namespace PublishingCluster.Actors.Notifications;

/// <summary>
/// Something a person must hear about (an escalation raised or climbing). <see cref="Id"/> is stable for the same
/// fact, so a receiver that sees it twice (delivery is at-least-once) can tell.
/// </summary>
public sealed record Notification(
    string Id,
    string AgencyId,
    string AccountId,
    string Kind,
    string Subject,
    string Message,
    DateTimeOffset At);

/// <summary>What a notifier's receiver answered.</summary>
public abstract record NotifyOutcome
{
    public sealed record Delivered : NotifyOutcome;

    /// <summary>Not delivered; try again, no sooner than <paramref name="RetryAfter"/> if the receiver said so.</summary>
    public sealed record Failed(string Reason, TimeSpan? RetryAfter = null) : NotifyOutcome;
}

/// <summary>Where notifications go (a webhook, the log). Called one notification at a time, in order.</summary>
public interface INotifier
{
    Task<NotifyOutcome> NotifyAsync(Notification notification, CancellationToken cancellationToken);
}

/// <summary>
/// The persisted facts to notify about, in the order they were stored: those with a tag after an offset. The
/// server reads them from the journal; tests hand them over directly.
/// </summary>
public interface INotificationSource
{
    Task<IReadOnlyList<StoredFact>> ReadAsync(long afterOffset, int max, CancellationToken cancellationToken);
}

/// <summary>One persisted event as the journal holds it: where it sits, whose it is and its tags.</summary>
public sealed record StoredFact(long Offset, string PersistenceId, IReadOnlyCollection<string> Tags, object Event);
