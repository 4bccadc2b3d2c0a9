using System.Collections.Immutable;
using PublishingCluster.Domain.Channels;
using PublishingCluster.Domain.Contracts;
using PublishingCluster.Domain.Engagement;
using PublishingCluster.Domain.Escalations;
using PublishingCluster.Domain.Posts;
using PublishingCluster.Domain.Reporting;

namespace PublishingCluster.Domain.Accounts;

/// <summary>
/// A fact about a client account. Events are the account's only durable record: <see cref="ClientAccount.Evolve"/>
/// rebuilds the state from them, so each carries everything its change needs, including when it happened.
/// </summary>
public interface IAccountEvent
{
    DateTimeOffset At { get; }
}

public sealed record AccountOpened(string AccountId, string AgencyId, string Name, Contract Contract, string? RequestFingerprint, DateTimeOffset At) : IAccountEvent;

/// <summary>A reporting period closed and its report was issued to the client.</summary>
public sealed record ReportIssued(PeriodReport Report, DateTimeOffset At) : IAccountEvent;

public sealed record ReportAcknowledged(string ReportId, string By, DateTimeOffset At) : IAccountEvent;

public sealed record GoalMeasured(string GoalId, decimal Value, DateTimeOffset MeasuredAt, DateTimeOffset At) : IAccountEvent;

/// <summary>An engagement arrived; <paramref name="RespondBy"/> is its first-response deadline under the contract's SLA.</summary>
public sealed record EngagementReceived(
    string EngagementId,
    string ChannelId,
    EngagementKind Kind,
    string Author,
    string Text,
    Sentiment Sentiment,
    DateTimeOffset ReceivedAt,
    DateTimeOffset RespondBy,
    DateTimeOffset At) : IAccountEvent;

public sealed record EngagementResponded(string EngagementId, string By, string Text, DateTimeOffset At) : IAccountEvent;

public sealed record EngagementAssigned(string EngagementId, string To, DateTimeOffset At) : IAccountEvent;

public sealed record EngagementClosed(string EngagementId, string By, DateTimeOffset At) : IAccountEvent;

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
    DateTimeOffset At) : IAccountEvent;

/// <summary>An unacknowledged escalation moved one rung up; <paramref name="At"/> is when its time at the rung below ran out.</summary>
public sealed record EscalationClimbed(string EscalationId, EscalationLevel Level, string Assignee, DateTimeOffset? NextClimbAt, DateTimeOffset At) : IAccountEvent;

public sealed record EscalationAcknowledged(string EscalationId, string By, DateTimeOffset At) : IAccountEvent;

public sealed record EscalationResolved(string EscalationId, string By, DateTimeOffset At) : IAccountEvent;
