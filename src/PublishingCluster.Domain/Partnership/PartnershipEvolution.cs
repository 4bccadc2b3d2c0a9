using PublishingCluster.Domain.Accounts;

namespace PublishingCluster.Domain.Partnership;

/// <summary>
/// How the partnership's events change the account, and the approval waits that posts start and end (a post sent
/// to the client is a wait on the client's answer).
/// </summary>
internal static class PartnershipEvolution
{
    public static AccountState Apply(AccountState state, IPartnershipEvent @event) => @event switch
    {
        ContentRequested e => WithPartnership(state, p => p with
        {
            ContentRequests = p.ContentRequests.SetItem(e.RequestId, new ContentRequest(e.RequestId, e.What, e.DueBy, e.By, e.At)),
        }),
        ContentDelivered e => WithPartnership(state, p => p with
        {
            ContentRequests = p.ContentRequests.SetItem(e.RequestId, p.ContentRequests[e.RequestId] with { DeliveredAt = e.At, DeliveredBy = e.By }),
        }),
        RecommendationMade e => WithPartnership(state, p => p with
        {
            Recommendations = p.Recommendations.SetItem(e.RecommendationId, new Recommendation(e.RecommendationId, e.Text, e.ReviewBy, e.By, e.At)),
        }),
        RecommendationAnswered e => WithPartnership(state, p => p with
        {
            Recommendations = p.Recommendations.SetItem(e.RecommendationId, p.Recommendations[e.RecommendationId] with
            {
                Outcome = e.Accepted ? RecommendationOutcome.Accepted : RecommendationOutcome.Declined,
                AnsweredAt = e.At,
                AnsweredBy = e.By,
            }),
        }),
        ClientContactRecorded e => WithPartnership(state, p => p with
        {
            Contacts = p.Contacts.SetItem(e.ContactId, new ClientContact(e.ContactId, e.Medium, e.Summary, e.OccurredAt, e.By)),
        }),
        _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "Unknown partnership event."),
    };

    /// <summary>A post sent to the client starts a wait; sent again after a rejection, the new wait replaces the answered one.</summary>
    internal static AccountState WithApprovalWait(AccountState state, ApprovalWait wait) =>
        WithPartnership(state, p => p with { Approvals = p.Approvals.SetItem(wait.PostId, wait) });

    internal static AccountState ClientAnswered(AccountState state, string postId, DateTimeOffset at) =>
        state.PartnershipOrEmpty().Approvals.TryGetValue(postId, out var wait) && wait.IsWaiting()
            ? WithApprovalWait(state, wait with { AnsweredAt = at })
            : state;

    /// <summary>A post cancelled or expired while waiting for the client is no longer the client's to answer.</summary>
    internal static AccountState WithoutApprovalWait(AccountState state, string postId) =>
        state.PartnershipOrEmpty().Approvals.TryGetValue(postId, out var wait) && wait.IsWaiting()
            ? WithPartnership(state, p => p with { Approvals = p.Approvals.Remove(postId) })
            : state;

    private static AccountState WithPartnership(AccountState state, Func<AccountPartnership, AccountPartnership> change) =>
        state with { Partnership = change(state.PartnershipOrEmpty()) };
}
