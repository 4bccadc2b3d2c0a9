using PublishingCluster.Domain.Accounts;

namespace PublishingCluster.Domain.Escalations;

/// <summary>An escalation raised, climbed, acknowledged or resolved. Applied by <see cref="EscalationEvolution"/>.</summary>
public interface IEscalationEvent : IAccountEvent;

/// <summary>
/// Something went wrong that a person must see: raised at the ladder's first rung, to <paramref name="Assignee"/>,
/// climbing at <paramref name="NextClimbAt"/> unless acknowledged.
/// </summary>
public sealed record EscalationRaised(
    string EscalationId,
    EscalationCause Cause,
    string Subject,
    EscalationLevel Level,
    string Assignee,
    DateTimeOffset? NextClimbAt,
    DateTimeOffset At) : IEscalationEvent;

/// <summary>An unacknowledged escalation moved one rung up; <paramref name="At"/> is when its time at the rung below ran out.</summary>
public sealed record EscalationClimbed(string EscalationId, EscalationLevel Level, string Assignee, DateTimeOffset? NextClimbAt, DateTimeOffset At) : IEscalationEvent;

public sealed record EscalationAcknowledged(string EscalationId, string By, DateTimeOffset At) : IEscalationEvent;

public sealed record EscalationResolved(string EscalationId, string By, DateTimeOffset At) : IEscalationEvent;
