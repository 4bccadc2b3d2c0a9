using PublishingCluster.Actors.Accounts;
using PublishingCluster.Actors.Notifications;
using PublishingCluster.Domain.Escalations;

namespace PublishingCluster.Server.Notifications;

/// <summary>
/// Which escalation facts a person is told about, and how: an escalation raised, and each rung it climbs (the new
/// assignee must hear of it). Acknowledgements and resolutions are people's own acts: nobody is notified. The id is
/// the escalation and its rung, so a receiver can drop a repeat.
/// </summary>
public static class EscalationNotifications
{
    public static Notification? From(StoredFact fact)
    {
        var accountId = ClientAccountActor.AccountIdOf(fact.PersistenceId);
        var agencyId = fact.Tags.Select(EscalationTags.AgencyOf).FirstOrDefault(a => a is not null);
        if (accountId is null || agencyId is null)
        {
            return null;
        }

        return fact.Event switch
        {
            EscalationRaised e => new Notification(
                $"{accountId}/{e.EscalationId}/{e.Level}", agencyId, accountId, "EscalationRaised", e.Subject,
                $"{e.Cause} on account {accountId} ({e.Subject}): escalated to {e.Assignee} ({e.Level}).", e.At),
            EscalationClimbed e => new Notification(
                $"{accountId}/{e.EscalationId}/{e.Level}", agencyId, accountId, "EscalationClimbed", e.EscalationId,
                $"Escalation {e.EscalationId} on account {accountId} was not acknowledged: now with {e.Assignee} ({e.Level}).", e.At),
            _ => null,
        };
    }
}
