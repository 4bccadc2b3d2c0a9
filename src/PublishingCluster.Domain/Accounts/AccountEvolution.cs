using System.Collections.Immutable;
using PublishingCluster.Domain.Channels;
using PublishingCluster.Domain.Contracts;
using PublishingCluster.Domain.Engagement;
using PublishingCluster.Domain.Escalations;
using PublishingCluster.Domain.Partnership;
using PublishingCluster.Domain.Posts;
using PublishingCluster.Domain.Publishing;
using PublishingCluster.Domain.Reporting;

namespace PublishingCluster.Domain.Accounts;

/// <summary>How each event changes the account. Pure and total: events are facts, so nothing here refuses.</summary>
internal static class AccountEvolution
{
    public static AccountState Apply(AccountState state, IAccountEvent @event) => @event switch
    {
        AccountOpened e => state with
        {
            AgencyId = e.AgencyId,
            Name = e.Name,
            Contract = e.Contract,
            OpenedAt = e.At,
            OpenFingerprint = e.RequestFingerprint,
        },
        IContractEvent e => ContractEvolution.Apply(state, e),
        IChannelEvent e => ChannelEvolution.Apply(state, e),
        IPostEvent e => PostEvolution.Apply(state, e),
        IPublishingEvent e => PublishingEvolution.Apply(state, e),
        ReportIssued e => WithReporting(state, r => r with
        {
            ClosedThrough = e.Report.Period.Until,
            Reports = r.Reports.SetItem(e.Report.ReportId, e.Report),
        }),
        ReportAcknowledged e => WithReporting(state, r => r with
        {
            Reports = r.Reports.SetItem(e.ReportId, r.Reports[e.ReportId] with { AcknowledgedAt = e.At, AcknowledgedBy = e.By }),
        }),
        GoalMeasured e => WithReporting(state, r => r with
        {
            Measurements = r.Measurements.SetItem(e.GoalId, [.. r.MeasurementsOf(e.GoalId), new GoalMeasurement(e.Value, e.MeasuredAt)]),
        }),
        EngagementReceived e => WithEngagement(state, m => m with
        {
            Engagements = m.Engagements.SetItem(e.EngagementId, new EngagementItem(
                e.EngagementId, e.ChannelId, e.Kind, e.Author, e.Text, e.Sentiment, e.ReceivedAt, e.RespondBy, [])),
        }),
        EngagementResponded e => WithEngagementItem(state, e.EngagementId, i => i with { Responses = i.Responses.Add(new EngagementResponse(e.By, e.Text, e.At)) }),
        EngagementAssigned e => WithEngagementItem(state, e.EngagementId, i => i with { AssignedTo = e.To }),
        EngagementClosed e => WithEngagementItem(state, e.EngagementId, i => i with { ClosedAt = e.At, ClosedBy = e.By }),
        EscalationRaised e => WithEngagement(state, m => m with
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
        IPartnershipEvent e => PartnershipEvolution.Apply(state, e),
        _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "Unknown account event."),
    };

    /// <summary>Keeps the fingerprint of the request that created <paramref name="id"/>, so a repeat of it is recognised.</summary>
    internal static ImmutableSortedDictionary<string, string> Remember(AccountState state, string id, string? fingerprint) =>
        fingerprint is null ? state.RequestFingerprints : state.RequestFingerprints.SetItem(id, fingerprint);

    private static AccountState WithReporting(AccountState state, Func<AccountReporting, AccountReporting> change) =>
        state with { Reporting = change(state.ReportingOrEmpty()) };

    private static AccountState WithEngagement(AccountState state, Func<AccountEngagement, AccountEngagement> change) =>
        state with { Engagement = change(state.EngagementOrEmpty()) };

    private static AccountState WithEngagementItem(AccountState state, string engagementId, Func<EngagementItem, EngagementItem> change) =>
        WithEngagement(state, m => m with { Engagements = m.Engagements.SetItem(engagementId, change(m.Engagements[engagementId])) });

    private static AccountState WithEscalation(AccountState state, string escalationId, Func<Escalation, Escalation> change) =>
        WithEngagement(state, m => m with { Escalations = m.Escalations.SetItem(escalationId, change(m.Escalations[escalationId])) });
}
