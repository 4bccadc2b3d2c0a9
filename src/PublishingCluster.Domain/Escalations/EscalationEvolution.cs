using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Engagement;

namespace PublishingCluster.Domain.Escalations;

/// <summary>How the escalations' events change the account (escalations live beside the engagements they watch).</summary>
internal static class EscalationEvolution
{
    public static AccountState Apply(AccountState state, IEscalationEvent @event) => @event switch
    {
        EscalationRaised e => EngagementEvolution.WithEngagement(state, m => m with
        {
            Escalations = m.Escalations.SetItem(e.EscalationId, new Escalation(e.EscalationId, e.Cause, e.Subject, e.Level, e.Assignee, e.At, e.NextClimbAt)),
            // A spike is reported at the engagement that completed it; the next spike counts only later ones.
            LastSpikeAt = e.Cause == EscalationCause.NegativeSpike && m.Engagements.TryGetValue(e.Subject, out var completing)
                ? completing.ReceivedAt
                : m.LastSpikeAt,
        }),
        EscalationClimbed e => WithEscalation(state, e.EscalationId, x => x with { Level = e.Level, Assignee = e.Assignee, NextClimbAt = e.NextClimbAt }),
        EscalationAcknowledged e => WithEscalation(state, e.EscalationId, x => x with { AcknowledgedAt = e.At, AcknowledgedBy = e.By, NextClimbAt = null }),
        EscalationResolved e => WithEscalation(state, e.EscalationId, x => x with { ResolvedAt = e.At, ResolvedBy = e.By, NextClimbAt = null }),
        _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "Unknown escalation event."),
    };

    private static AccountState WithEscalation(AccountState state, string escalationId, Func<Escalation, Escalation> change) =>
        EngagementEvolution.WithEngagement(state, m => m with { Escalations = m.Escalations.SetItem(escalationId, change(m.Escalations[escalationId])) });
}
