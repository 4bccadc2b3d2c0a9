using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Escalations;

namespace PublishingCluster.Actors.Accounts;

/// <summary>
/// Escalation events carry their agency's tag, so that whatever reacts to escalations (the agency's list across its
/// accounts, notifications) reads them from the journal by tag without waking or knowing every account.
/// </summary>
public static class EscalationTags
{
    /// <summary>Every agency's escalations: what the node's notification dispatcher follows.</summary>
    public const string All = "escalations";

    private const string AgencyPrefix = "escalations-";

    public static string TagFor(string agencyId) => AgencyPrefix + agencyId;

    /// <summary>The agency an escalations tag names; null for any other tag.</summary>
    public static string? AgencyOf(string tag) =>
        tag.StartsWith(AgencyPrefix, StringComparison.Ordinal) ? tag[AgencyPrefix.Length..] : null;

    public static bool Affects(IAccountEvent @event) => @event is
        EscalationRaised or EscalationClimbed or EscalationAcknowledged or EscalationResolved;
}
