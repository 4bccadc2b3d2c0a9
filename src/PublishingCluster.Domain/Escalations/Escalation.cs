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

    /// <summary>The client did not deliver requested content by its due date.</summary>
    ContentRequestOverdue,

    /// <summary>A post waited longer than the contract's turnaround for the client's approval.</summary>
    ApprovalOverdue,

    /// <summary>A recommendation went unanswered past its review date.</summary>
    RecommendationIgnored,

    /// <summary>A contact took the week's contacts with the client above the contract's contact policy.</summary>
    ContactAbovePolicy,

    /// <summary>A closed period's partnership health score fell below the contract's threshold.</summary>
    PartnershipAtRisk,
}

/// <summary>The rungs of the ladder, bottom to top.</summary>
public enum EscalationLevel
{
    AccountManager,
    AgencyLead,
    Client,
}

/// <summary>
/// One escalation. Its id is derived from its cause and subject (the engagement, post, report, content request, recommendation or contact it is about), so
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
        EscalationCause.ContentRequestOverdue => $"content-request-overdue-{subject}",
        EscalationCause.ApprovalOverdue => $"approval-overdue-{subject}",
        EscalationCause.RecommendationIgnored => $"recommendation-ignored-{subject}",
        EscalationCause.ContactAbovePolicy => $"contact-above-policy-{subject}",
        EscalationCause.PartnershipAtRisk => $"partnership-at-risk-{subject}",
        _ => throw new ArgumentOutOfRangeException(nameof(cause), cause, null),
    };
}
