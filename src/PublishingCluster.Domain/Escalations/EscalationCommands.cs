using PublishingCluster.Domain.Accounts;

namespace PublishingCluster.Domain.Escalations;

/// <summary>
/// The clock's work on escalations at <c>now</c>: raise breached response deadlines and reports left unacknowledged,
/// and climb escalations whose time at their rung is up. Sent when the account is woken.
/// </summary>
public sealed record CheckEscalations(string AccountId) : IAccountCommand;

/// <summary>Someone owns the escalation: it stops climbing. Acknowledging again changes nothing.</summary>
public sealed record AcknowledgeEscalation(string AccountId, string EscalationId, string By) : IAccountCommand;

/// <summary>The escalation is dealt with. Resolving again changes nothing.</summary>
public sealed record ResolveEscalation(string AccountId, string EscalationId, string By) : IAccountCommand;
