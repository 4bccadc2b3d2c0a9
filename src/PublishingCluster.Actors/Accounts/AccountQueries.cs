using System.Collections.Immutable;
using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Calendar;
using PublishingCluster.Domain.Common;
using PublishingCluster.Domain.Partnership;
using PublishingCluster.Domain.Reporting;

namespace PublishingCluster.Actors.Accounts;

/// <summary>Answers the account's queries from a state; pure, so the actor only decides when to call it.</summary>
internal static class AccountQueries
{
    public static IAccountReply Answer(AccountState state, IAccountRequest query)
    {
        if (!state.IsOpen)
        {
            return new QueryRejected(state.AccountId, NotFound(state.AccountId));
        }

        return query switch
        {
            GetAccount => Summary(state),
            GetPost q => state.Posts.TryGetValue(q.PostId, out var post)
                ? new PostFound(state.AccountId, post, state.Version)
                : new QueryRejected(state.AccountId, Rejection.NotFound("postId", "post.not-found", $"Account '{state.AccountId}' has no post '{q.PostId}'.")),
            GetCalendar q => EditorialCalendar.ValidateRange(q.From, q.To) is { } invalid
                ? new QueryRejected(state.AccountId, invalid)
                : new CalendarFound(state.AccountId, q.From, q.To, EditorialCalendar.Between(state, q.From, q.To)),
            GetChannelQueue q => state.Channels.TryGetValue(q.ChannelId, out var channel)
                ? new ChannelQueueFound(state.AccountId, channel, EditorialCalendar.Queue(state, q.ChannelId), EditorialCalendar.NextFreeSlot(state, q.ChannelId, q.Now))
                : new QueryRejected(state.AccountId, Rejection.NotFound("channelId", "channel.not-found", $"Account '{state.AccountId}' has no channel '{q.ChannelId}'.")),
            GetReports => new ReportsFound(
                state.AccountId,
                state.OpenContract.ResponseSla.BusinessHours.TimeZone,
                state.OpenContract.ReportingCadence,
                ReportingDecisions.NextClose(state),
                [.. state.ReportingOrEmpty().Reports.Values.OrderByDescending(r => r.Period.From)]),
            GetReport q => state.ReportingOrEmpty().Reports.TryGetValue(q.ReportId, out var report)
                ? new ReportFound(state.AccountId, state.Name, report)
                : new QueryRejected(state.AccountId, Rejection.NotFound("reportId", "report.not-found", $"Account '{state.AccountId}' has no report '{q.ReportId}'.")),
            GetEngagements q => new EngagementsFound(state.AccountId, [.. state.EngagementOrEmpty().Engagements.Values
                .Where(e => q.Open is null || e.IsOpen() == q.Open)
                .OrderByDescending(e => e.ReceivedAt).ThenBy(e => e.EngagementId, StringComparer.Ordinal)]),
            GetEngagement q => state.EngagementOrEmpty().Engagements.TryGetValue(q.EngagementId, out var engagement)
                ? new EngagementFound(state.AccountId, engagement, state.Version)
                : new QueryRejected(state.AccountId, Rejection.NotFound("engagementId", "engagement.not-found", $"Account '{state.AccountId}' has no engagement '{q.EngagementId}'.")),
            GetEscalations q => new EscalationsFound(state.AccountId, [.. state.EngagementOrEmpty().Escalations.Values
                .Where(q.Filter.Matches)
                .OrderByDescending(e => e.RaisedAt).ThenBy(e => e.EscalationId, StringComparer.Ordinal)]),
            GetEscalation q => state.EngagementOrEmpty().Escalations.TryGetValue(q.EscalationId, out var escalation)
                ? new EscalationFound(state.AccountId, escalation, state.Version)
                : new QueryRejected(state.AccountId, Rejection.NotFound("escalationId", "escalation.not-found", $"Account '{state.AccountId}' has no escalation '{q.EscalationId}'.")),
            GetPartnership q => Partnership(state, q.Now),
            _ => throw new ArgumentOutOfRangeException(nameof(query), query.GetType().Name, "Not an account query."),
        };
    }

    /// <summary>
    /// The view an accepted command's <see cref="Execute.Then"/> asks for, answered from <paramref name="after"/> (the
    /// state with the command's events applied); null when none was asked or the query found nothing. Built only for
    /// the request that asked, so commands from timers and networks cost nothing more.
    /// </summary>
    public static IAccountView? ViewAfter(AccountState after, Execute execute) =>
        execute.Then is { } then && then.AccountId == after.AccountId ? Answer(after, then) as IAccountView : null;

    public static Rejection NotFound(string accountId) =>
        Rejection.NotFound("accountId", "account.not-found", $"There is no account '{accountId}'.");

    private static PartnershipFound Partnership(AccountState state, DateTimeOffset now)
    {
        var partnership = state.PartnershipOrEmpty();
        var trend = state.ReportingOrEmpty().Reports.Values
            .Where(r => r.Partnership is not null)
            .OrderBy(r => r.Until)
            .Select(r => new HealthPoint(r.ReportId, r.Until, r.Partnership!.Score, r.Partnership.Band, r.Partnership.Trend));
        return new PartnershipFound(
            state.AccountId,
            PartnershipHealth.Of(state, now),
            [.. trend],
            [.. partnership.ContentRequests.Values.OrderByDescending(r => r.RequestedAt).ThenBy(r => r.RequestId, StringComparer.Ordinal)],
            [.. partnership.Approvals.Values.OrderByDescending(a => a.SentAt).ThenBy(a => a.PostId, StringComparer.Ordinal)],
            [.. partnership.Recommendations.Values.OrderByDescending(r => r.MadeAt).ThenBy(r => r.RecommendationId, StringComparer.Ordinal)],
            [.. partnership.Contacts.Values.OrderByDescending(c => c.OccurredAt).ThenBy(c => c.ContactId, StringComparer.Ordinal)],
            state.Version);
    }

    private static AccountSummary Summary(AccountState state) => new(
        state.AccountId,
        state.AgencyId,
        state.Name,
        state.OpenContract,
        state.OpenedAt,
        [.. state.Channels.Values],
        state.Posts.Values.GroupBy(p => p.Status).ToImmutableSortedDictionary(g => g.Key, g => g.Count()),
        state.Version);
}
