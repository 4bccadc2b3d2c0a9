using PublishingCluster.Domain.Accounts;

namespace PublishingCluster.Actors.Accounts;

/// <summary>
/// Escalation events carry their agency's tag, so that whatever reacts to escalations (the agency's list across its
/// accounts, notifications) reads them from the journal by tag without waking or knowing every account.
/// </summary>
public static class EscalationTags
{
    public static string TagFor(string agencyId) => $"escalations-{agencyId}";

    public static bool Affects(IAccountEvent @event) => @event is
        EscalationRaised or EscalationClimbed or EscalationAcknowledged or EscalationResolved;
}
