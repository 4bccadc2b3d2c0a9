using System.Collections.Immutable;
using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Engagement;
using PublishingCluster.Domain.Escalations;
using PublishingCluster.Domain.Partnership;
using PublishingCluster.Domain.Posts;

namespace PublishingCluster.Domain.Reporting;

/// <summary>Builds the report of one period from the account's posts, channels, contract and goal measurements.</summary>
public static class ReportBuilder
{
    public static PeriodReport Build(AccountState state, ReportingPeriod period, TimeZoneInfo zone, DateTimeOffset issuedAt)
    {
        var from = period.StartsAt(zone);
        var until = period.EndsAt(zone);
        bool InPeriod(DateTimeOffset? instant) => instant is { } at && at >= from && at < until;

        var variants = (
            from post in state.Posts.Values
            where post.Status is not (PostStatus.Draft or PostStatus.Cancelled)
            from variant in post.Variants.Values
            select (Post: post, Variant: variant)).ToList();

        var weeks = (until - from).TotalDays / 7;
        var channels = state.Channels.Values.Select(channel =>
        {
            var own = variants.Where(v => v.Variant.ChannelId == channel.ChannelId).ToList();
            var published = own.Where(v => InPeriod(v.Variant.PublishedAt)).Select(v => v.Variant.Lateness ?? TimeSpan.Zero).Order().ToList();
            var scope = state.OpenContract.ScopeFor(channel.Network);
            return new ChannelReportLine(
                channel.ChannelId,
                channel.Network,
                channel.Handle,
                Contracted: scope is null ? 0 : (int)Math.Round(scope.PostsPerWeek * weeks, MidpointRounding.AwayFromZero),
                Planned: own.Count(v => InPeriod(v.Variant.ScheduledAt)),
                Published: published.Count,
                Failed: own.Count(v => v.Variant.Delivery == VariantDelivery.Failed && InPeriod(v.Variant.ScheduledAt)),
                Expired: own.Count(v => v.Post.Status == PostStatus.Expired && InPeriod(v.Variant.ScheduledAt)),
                LatenessP50: Percentile(published, 0.5),
                LatenessP90: Percentile(published, 0.9),
                LatenessMax: published.Count == 0 ? null : published[^1]);
        }).ToImmutableList();

        var failures = variants
            .Where(v => v.Variant.Delivery == VariantDelivery.Failed && InPeriod(v.Variant.ScheduledAt))
            .OrderBy(v => v.Variant.ScheduledAt).ThenBy(v => v.Post.PostId, StringComparer.Ordinal)
            .Select(v => new FailureLine(v.Post.PostId, v.Post.Title, v.Variant.ChannelId, state.Channels[v.Variant.ChannelId].Network, v.Variant.ScheduledAt, v.Variant.FailureReason ?? "unknown"))
            .ToImmutableList();

        var reporting = state.ReportingOrEmpty();
        var goals = state.OpenContract.Goals
            .Select(goal => GoalProjection.At(goal, reporting.MeasurementsOf(goal.GoalId), until, zone))
            .ToImmutableList();

        return new PeriodReport(period.ReportId, period, zone.Id, from, until, issuedAt, channels, failures, goals,
            Engagement: EngagementIn(state, from, until),
            Partnership: PartnershipAt(state, until));
    }

    private static EngagementSummary EngagementIn(AccountState state, DateTimeOffset from, DateTimeOffset until)
    {
        var engagement = state.EngagementOrEmpty();
        var hours = state.OpenContract.ResponseSla.BusinessHours;
        var received = engagement.Engagements.Values.Where(e => e.ReceivedAt >= from && e.ReceivedAt < until).ToList();
        var firstResponses = received
            .Select(e => (Item: e, First: e.Responses.Where(r => r.At <= until).Select(r => (DateTimeOffset?)r.At).Min()))
            .ToList();
        var times = firstResponses.Where(f => f.First is not null)
            .Select(f => BusinessTime.Between(hours, f.Item.ReceivedAt, f.First!.Value))
            .Order()
            .ToList();
        var breaches = firstResponses.Count(f => f.First is { } first ? first > f.Item.RespondBy : f.Item.RespondBy < until);
        var spikes = engagement.Escalations.Values.Count(e => e.Cause == EscalationCause.NegativeSpike && e.RaisedAt >= from && e.RaisedAt < until);
        return new EngagementSummary(
            received.Count,
            times.Count,
            received.Count == 0 ? null : Math.Round((decimal)times.Count / received.Count, 4, MidpointRounding.AwayFromZero),
            Percentile(times, 0.5),
            Percentile(times, 0.9),
            breaches,
            spikes);
    }

    private static PartnershipLine PartnershipAt(AccountState state, DateTimeOffset until)
    {
        var health = PartnershipHealth.Of(state, until);
        var previous = state.ReportingOrEmpty().Reports.Values
            .Where(r => r.Partnership is not null && r.Until <= until)
            .MaxBy(r => r.Until)?.Partnership?.Score;
        return new PartnershipLine(health.Score, health.Band, HealthTrends.Between(previous, health.Score), previous, health.Reasons);
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    private static TimeSpan? Percentile(IReadOnlyList<TimeSpan> sorted, double share) =>
        sorted.Count == 0 ? null : sorted[Math.Clamp((int)Math.Ceiling(share * sorted.Count) - 1, 0, sorted.Count - 1)];
}
