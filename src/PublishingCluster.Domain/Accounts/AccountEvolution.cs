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

/// <summary>
/// How each event changes the account: the account's own (opening) here, every other by its area's evolve, chosen by
/// the area's event marker. Pure and total: events are facts, so nothing here refuses.
/// </summary>
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
        IReportingEvent e => ReportingEvolution.Apply(state, e),
        IEngagementEvent e => EngagementEvolution.Apply(state, e),
        IEscalationEvent e => EscalationEvolution.Apply(state, e),
        IPartnershipEvent e => PartnershipEvolution.Apply(state, e),
        _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "Unknown account event."),
    };

    /// <summary>Keeps the fingerprint of the request that created <paramref name="id"/>, so a repeat of it is recognised.</summary>
    internal static ImmutableSortedDictionary<string, string> Remember(AccountState state, string id, string? fingerprint) =>
        fingerprint is null ? state.RequestFingerprints : state.RequestFingerprints.SetItem(id, fingerprint);
}
