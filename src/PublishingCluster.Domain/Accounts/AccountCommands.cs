using System.Collections.Immutable;
using PublishingCluster.Domain.Channels;
using PublishingCluster.Domain.Contracts;
using PublishingCluster.Domain.Engagement;
using PublishingCluster.Domain.Posts;

namespace PublishingCluster.Domain.Accounts;

/// <summary>
/// A request to change one client account. Commands carry no time: the edge that receives a command
/// stamps it with <c>now</c> and passes both to <see cref="ClientAccount.Decide"/>.
/// <c>RequestFingerprint</c>, on creating commands, identifies the request body behind the id it creates: the id
/// follows from an idempotency key when the caller gave one (so a repeat of the same request is recognised and a
/// different body under the same key is refused), and is new for the request otherwise (so only a copy of this very
/// command, sent again by the gateway after a node was lost, can match it).
/// </summary>
public interface IAccountCommand
{
    string AccountId { get; }
}

/// <summary>
/// A creating command that may carry a request fingerprint. With one, the command is safe to deliver again: its
/// repeat is recognised by the account and accepted without a new event (see <see cref="ClientAccount.Decide"/>).
/// </summary>
public interface IRepeatableCommand : IAccountCommand
{
    string? RequestFingerprint { get; }
}

public sealed record OpenAccount(string AccountId, string AgencyId, string Name, Contract Contract, string? RequestFingerprint = null) : IRepeatableCommand;

/// <summary>Close every reporting period that has ended by now, issuing its report (sent by the coordinators).</summary>
public sealed record CloseReportingPeriods(string AccountId) : IAccountCommand;

/// <summary>The client has read the report; <paramref name="By"/> names who acknowledged it.</summary>
public sealed record AcknowledgeReport(string AccountId, string ReportId, string By) : IAccountCommand;

/// <summary>A reading of a goal's metric from the agency's analytics, taken at <paramref name="MeasuredAt"/>.</summary>
public sealed record RecordGoalMeasurement(string AccountId, string GoalId, decimal Value, DateTimeOffset MeasuredAt) : IAccountCommand;

/// <summary>
/// An engagement arrived on a channel. <paramref name="Sentiment"/> null: the account classifies the text. Sending
/// the same engagement again (same id and content) changes nothing; the same id with other content is refused.
/// </summary>
public sealed record ReceiveEngagement(
    string AccountId,
    string EngagementId,
    string ChannelId,
    EngagementKind Kind,
    string Author,
    string Text,
    Sentiment? Sentiment,
    DateTimeOffset ReceivedAt) : IAccountCommand;

public sealed record RespondToEngagement(string AccountId, string EngagementId, string By, string Text) : IAccountCommand;

public sealed record AssignEngagement(string AccountId, string EngagementId, string To) : IAccountCommand;

/// <summary>Nothing more to do on the engagement; closing it again changes nothing.</summary>
public sealed record CloseEngagement(string AccountId, string EngagementId, string By) : IAccountCommand;

/// <summary>
/// The clock's work on escalations at <c>now</c>: raise breached response deadlines and reports left unacknowledged,
/// and climb escalations whose time at their rung is up. Sent when the account is woken.
/// </summary>
public sealed record CheckEscalations(string AccountId) : IAccountCommand;

/// <summary>Someone owns the escalation: it stops climbing. Acknowledging again changes nothing.</summary>
public sealed record AcknowledgeEscalation(string AccountId, string EscalationId, string By) : IAccountCommand;

/// <summary>The escalation is dealt with. Resolving again changes nothing.</summary>
public sealed record ResolveEscalation(string AccountId, string EscalationId, string By) : IAccountCommand;
