namespace PublishingCluster.Domain.Partnership;

/// <summary>
/// A post sent to the client for approval: when it was sent and, once the client approved or rejected it, when
/// they answered. Still waiting while <see cref="AnsweredAt"/> is null.
/// </summary>
public sealed record ApprovalWait(string PostId, DateTimeOffset SentAt, DateTimeOffset? AnsweredAt = null)
{
    public bool IsWaiting() => AnsweredAt is null;

    /// <summary>Answered within <paramref name="turnaround"/> of being sent.</summary>
    public bool WasAnsweredWithin(TimeSpan turnaround) => AnsweredAt is { } answered && answered - SentAt <= turnaround;
}
