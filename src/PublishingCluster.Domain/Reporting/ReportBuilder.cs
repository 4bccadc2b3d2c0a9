using System.Collections.Immutable;
using PublishingCluster.Domain.Accounts;
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

        return new PeriodReport(period.ReportId, period, zone.Id, from, until, issuedAt, channels, failures, goals);
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    private static TimeSpan? Percentile(IReadOnlyList<TimeSpan> sorted, double share) =>
        sorted.Count == 0 ? null : sorted[Math.Clamp((int)Math.Ceiling(share * sorted.Count) - 1, 0, sorted.Count - 1)];
}
