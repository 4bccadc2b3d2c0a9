namespace PublishingCluster.Domain.Escalations;

/// <summary>Why an escalation was raised.</summary>
public enum EscalationCause
{
    /// <summary>An engagement's response deadline passed without a response.</summary>
    SlaBreach,

    /// <summary>Negative engagements arrived faster than <see cref="Engagement.SpikeRule.Default"/> allows.</summary>
    NegativeSpike,

    /// <summary>A variant failed in a way only a person can fix (an expired token, refused content).</summary>
    PublishNeedsHuman,

    /// <summary>A report stayed unacknowledged for the ladder's number of days after it was issued.</summary>
    ReportNotAcknowledged,
}

/// <summary>The rungs of the ladder, bottom to top.</summary>
public enum EscalationLevel
{
    AccountManager,
    AgencyLead,
    Client,
}

/// <summary>
/// One escalation. Its id is derived from its cause and subject (the engagement, post or report it is about), so
/// the same cause is never raised twice for the same subject. <see cref="NextClimbAt"/> is when it moves to the
/// next rung unless acknowledged; null at the top of the ladder, once acknowledged and once resolved.
/// </summary>
public sealed record Escalation(
    string EscalationId,
    EscalationCause Cause,
    string Subject,
    EscalationLevel Level,
    string Assignee,
    DateTimeOffset RaisedAt,
    DateTimeOffset? NextClimbAt,
    DateTimeOffset? AcknowledgedAt = null,
    string? AcknowledgedBy = null,
    DateTimeOffset? ResolvedAt = null,
    string? ResolvedBy = null)
{
    public bool IsOpen() => ResolvedAt is null;

    /// <summary>The id an escalation of <paramref name="cause"/> about <paramref name="subject"/> has: "sla-breach-e-1".</summary>
    public static string IdFor(EscalationCause cause, string subject) => cause switch
    {
        EscalationCause.SlaBreach => $"sla-breach-{subject}",
        EscalationCause.NegativeSpike => $"negative-spike-{subject}",
        EscalationCause.PublishNeedsHuman => $"publish-needs-human-{subject}",
        EscalationCause.ReportNotAcknowledged => $"report-not-acknowledged-{subject}",
        _ => throw new ArgumentOutOfRangeException(nameof(cause), cause, null),
    };
}
