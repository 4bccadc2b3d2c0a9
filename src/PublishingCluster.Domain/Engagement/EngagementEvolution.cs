using PublishingCluster.Domain.Accounts;

namespace PublishingCluster.Domain.Engagement;

/// <summary>How the engagements' events change the account.</summary>
internal static class EngagementEvolution
{
    public static AccountState Apply(AccountState state, IEngagementEvent @event) => @event switch
    {
        EngagementReceived e => WithEngagement(state, m => m with
        {
            Engagements = m.Engagements.SetItem(e.EngagementId, new EngagementItem(
                e.EngagementId, e.ChannelId, e.Kind, e.Author, e.Text, e.Sentiment, e.ReceivedAt, e.RespondBy, [])),
        }),
        EngagementResponded e => WithEngagementItem(state, e.EngagementId, i => i with { Responses = i.Responses.Add(new EngagementResponse(e.By, e.Text, e.At)) }),
        EngagementAssigned e => WithEngagementItem(state, e.EngagementId, i => i with { AssignedTo = e.To }),
        EngagementClosed e => WithEngagementItem(state, e.EngagementId, i => i with { ClosedAt = e.At, ClosedBy = e.By }),
        _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "Unknown engagement event."),
    };

    /// <summary>Changes the account's engagements and escalations, which are kept together.</summary>
    internal static AccountState WithEngagement(AccountState state, Func<AccountEngagement, AccountEngagement> change) =>
        state with { Engagement = change(state.EngagementOrEmpty()) };

    private static AccountState WithEngagementItem(AccountState state, string engagementId, Func<EngagementItem, EngagementItem> change) =>
        WithEngagement(state, m => m with { Engagements = m.Engagements.SetItem(engagementId, change(m.Engagements[engagementId])) });
}
