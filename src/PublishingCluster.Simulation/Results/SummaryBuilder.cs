using System.Globalization;
using PublishingCluster.Channels.Simulated;
using PublishingCluster.Domain.Common;
using PublishingCluster.Domain.Engagement;
using PublishingCluster.Domain.Posts;
using PublishingCluster.Domain.Reporting;
using PublishingCluster.Simulation.Agency;
using PublishingCluster.Simulation.Clients;
using PublishingCluster.Simulation.Running;
using PublishingCluster.Simulation.Scenarios;

namespace PublishingCluster.Simulation.Results;

/// <summary>Builds a <see cref="RunSummary"/> from the accounts' final state (in account-id order) and what the networks and the audience saw.</summary>
public static class SummaryBuilder
{
    public static RunSummary Build(
        Scenario scenario,
        IReadOnlyList<AccountFinal> finals,
        IReadOnlyList<PostAudience> audience,
        IReadOnlyList<Publication> publications,
        long duplicateSends,
        SortedDictionary<string, int> refusals)
    {
        var ordered = finals.OrderBy(f => f.Record.AccountId, StringComparer.Ordinal).ToList();
        var variants = ordered.SelectMany(f => f.Posts.SelectMany(p => p.Variants.Values.Select(v => (Account: f, Post: p, Variant: v))))
            .Where(x => x.Variant.ScheduledAt is { } at && at >= scenario.Start && at < scenario.End)
            .ToList();
        var engagements = ordered.SelectMany(f => f.Engagements).ToList();
        var escalations = ordered.SelectMany(f => f.Escalations).ToList();
        var reports = ordered.SelectMany(f => f.Reports).ToList();

        return new RunSummary(
            ScenarioOf(scenario, ordered),
            Posts(variants.Select(x => (x.Post, x.Variant)).ToList()),
            Network(ordered, publications, duplicateSends),
            Engagements(engagements),
            new EscalationLine(
                escalations.Count,
                Count(escalations.Select(e => e.Cause.ToString())),
                Count(escalations.Select(e => e.Level.ToString())),
                escalations.Count(e => e.AcknowledgedAt is not null),
                escalations.Count(e => e.ResolvedAt is not null),
                escalations.Count(e => e.IsOpen())),
            new ReportLine(reports.Count, reports.Count(r => r.AcknowledgedAt is not null), Share(reports.Count(r => r.AcknowledgedAt is not null), reports.Count)),
            Behaviours(scenario, ordered),
            Audience(audience, ordered, scenario),
            new SortedDictionary<string, int>(refusals, StringComparer.Ordinal),
            Daily(scenario, variants.Select(x => x.Variant).ToList(), engagements),
            Weekly(scenario, engagements),
            Partnership(ordered));
    }

    private static ScenarioLine ScenarioOf(Scenario s, List<AccountFinal> finals) => new(
        s.Name, s.Seed, s.Start.ToString("O", CultureInfo.InvariantCulture), s.Days, s.Accounts, s.ChannelsPerAccount, s.PostsPerWeek, s.StepMinutes,
        Count(finals.Select(f => f.Record.Client.Behaviour.ToString())));

    private static PostsLine Posts(List<(Post Post, PostVariant Variant)> variants)
    {
        var published = variants.Where(x => x.Variant.Delivery == VariantDelivery.Published).ToList();
        var lateness = published.Select(x => x.Variant.Lateness!.Value.TotalMinutes).Order().ToList();
        var failed = variants.Where(x => x.Variant.Delivery == VariantDelivery.Failed).ToList();
        var expired = variants.Count(x => x.Post.Status == PostStatus.Expired);
        var cancelled = variants.Count(x => x.Post.Status == PostStatus.Cancelled);
        return new PostsLine(
            variants.Count,
            published.Count,
            lateness.Count(m => m > 0),
            Percentile(lateness, 0.5),
            Percentile(lateness, 0.9),
            lateness.Count == 0 ? 0 : Round(lateness[^1]),
            failed.Count,
            Count(failed.Select(x => ReasonOf(x.Variant.FailureReason))),
            expired,
            cancelled,
            variants.Count - published.Count - failed.Count - expired - cancelled,
            variants.Sum(x => Math.Max(0, x.Variant.Attempts - 1)),
            Count(variants.Where(x => x.Variant.Attempts > 1).Select(x => ReasonOf(x.Variant.LastDeferral))));
    }

    /// <summary>A failure's reason without its instants and counts, so like failures add up.</summary>
    public static string ReasonOf(string? reason)
    {
        var text = reason ?? "unknown";
        return text switch
        {
            _ when text.Contains("token", StringComparison.OrdinalIgnoreCase) => "access token expired",
            _ when text.StartsWith("Missed", StringComparison.Ordinal) => "too late to publish",
            _ when text.StartsWith("Gave up", StringComparison.Ordinal) => "retries spent",
            _ when text.Contains("longer than", StringComparison.Ordinal) => "text too long",
            _ => new string([.. text.TakeWhile(c => !char.IsDigit(c))]).Trim(),
        };
    }

    private static NetworkLine Network(List<AccountFinal> finals, IReadOnlyList<Publication> publications, long duplicateSends)
    {
        var onNetwork = publications.Select(p => p.IdempotencyKey).ToHashSet(StringComparer.Ordinal);
        var recorded = finals.SelectMany(f => f.Posts.SelectMany(p => p.Variants.Values
            .Where(v => v.Delivery == VariantDelivery.Published)
            .Select(v => $"{f.Record.AccountId}/{p.PostId}/{v.ChannelId}"))).ToHashSet(StringComparer.Ordinal);
        return new NetworkLine(publications.Count, duplicateSends, recorded.Count(k => !onNetwork.Contains(k)), onNetwork.Count(k => !recorded.Contains(k)));
    }

    private static EngagementLine Engagements(List<EngagementItem> engagements)
    {
        var answered = engagements.Where(e => !e.Responses.IsEmpty).ToList();
        var withinSla = answered.Count(e => e.Responses[0].At <= e.RespondBy);
        var firstResponse = answered.Select(e => (e.Responses[0].At - e.ReceivedAt).TotalMinutes).Order().ToList();
        return new EngagementLine(
            engagements.Count,
            engagements.Count(e => e.Sentiment == Sentiment.Negative),
            answered.Count,
            withinSla,
            Share(withinSla, engagements.Count),
            Percentile(firstResponse, 0.5),
            Percentile(firstResponse, 0.9));
    }

    private static SortedDictionary<string, BehaviourLine> Behaviours(Scenario scenario, List<AccountFinal> finals)
    {
        var lines = new SortedDictionary<string, BehaviourLine>(StringComparer.Ordinal);
        var weeks = (scenario.Days + 6) / 7;
        foreach (var group in finals.GroupBy(f => f.Record.Client.Behaviour).OrderBy(g => g.Key))
        {
            var accounts = group.ToList();
            var statuses = accounts.Select(GoalStatusOf).ToList();
            var met = accounts.Count(GoalMet);
            var escalations = accounts.Sum(a => a.Escalations.Count);
            var progressByWeek = Enumerable.Range(0, weeks + 1)
                .Select(w => Round(accounts.Average(a => ProgressAt(a, scenario.Start.AddDays(Math.Min(w * 7, scenario.Days))))))
                .ToList();
            lines[group.Key.ToString()] = new BehaviourLine(
                accounts.Count,
                met,
                Share(met, accounts.Count),
                Count(statuses.Select(s => s.ToString())),
                Round(accounts.Average(a => ProgressAt(a, scenario.End))),
                accounts.Sum(a => a.Posts.Sum(p => p.Variants.Values.Count(v => v.Delivery == VariantDelivery.Published))),
                accounts.Sum(a => a.Posts.Count(p => p.Status == PostStatus.Expired)),
                escalations,
                Round((double)escalations / accounts.Count),
                accounts.Sum(a => a.Reports.Count(r => r.AcknowledgedAt is not null)),
                accounts.Sum(a => a.Reports.Count),
                progressByWeek,
                accounts.Sum(a => a.Partnership.Contacts.Count),
                accounts.Sum(a => a.Escalations.Count(e => e.Cause == Domain.Escalations.EscalationCause.ContactAbovePolicy)));
        }

        return lines;
    }

    /// <summary>The goal is met when the last measurement reaches the target.</summary>
    public static bool GoalMet(AccountFinal account) =>
        account.Record.Measurements.Count > 0 && (decimal)account.Record.Measurements[^1].Value >= account.Record.Blueprint.GoalTarget;

    private static GoalStatus GoalStatusOf(AccountFinal account)
    {
        var goal = account.Summary.Contract.Goals.Single(g => g.GoalId == AccountBlueprint.GoalId);
        return GoalProjection.At(goal, account.Record.Measurements, account.Record.Measurements[^1].At, TimeZones.Find(account.Record.Blueprint.TimeZone)).Status;
    }

    /// <summary>Share of the way from the starting followers to the target reached by <paramref name="at"/> (1: met).</summary>
    private static double ProgressAt(AccountFinal account, DateTimeOffset at)
    {
        var measurements = account.Record.Measurements;
        var start = (double)measurements[0].Value;
        var target = (double)account.Record.Blueprint.GoalTarget;
        var latest = measurements.LastOrDefault(m => m.At <= at) ?? measurements[0];
        return target <= start ? 1 : ((double)latest.Value - start) / (target - start);
    }

    private static AudienceLine Audience(IReadOnlyList<PostAudience> posts, List<AccountFinal> finals, Scenario scenario)
    {
        var byHour = new SortedDictionary<int, double>();
        foreach (var hour in posts.GroupBy(p => p.LocalHour).OrderBy(g => g.Key))
        {
            byHour[hour.Key] = Round(hour.Average(p => p.Interactions));
        }

        return new AudienceLine(
            posts.Count,
            posts.Count == 0 ? 0 : Round(posts.Average(p => p.Interactions)),
            posts.Count == 0 ? 0 : Round(posts.Average(p => p.FollowersGained)),
            (int)finals.Sum(f => f.Record.Measurements[0].Value),
            (int)finals.Sum(f => f.Record.Measurements[^1].Value),
            byHour);
    }

    private static List<DayLine> Daily(Scenario scenario, List<PostVariant> variants, List<EngagementItem> engagements)
    {
        var published = variants.Where(v => v.PublishedAt is not null).GroupBy(v => DayOf(scenario, v.PublishedAt!.Value)).ToDictionary(g => g.Key, g => g.Count());
        var received = engagements.GroupBy(e => DayOf(scenario, e.ReceivedAt)).ToDictionary(g => g.Key, g => g.Count());
        return [.. Enumerable.Range(0, scenario.Days).Select(d => new DayLine(
            DateOnly.FromDateTime(scenario.Start.AddDays(d).UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            published.GetValueOrDefault(d),
            received.GetValueOrDefault(d)))];
    }

    private static List<WeekLine> Weekly(Scenario scenario, List<EngagementItem> engagements)
    {
        var weeks = (scenario.Days + 6) / 7;
        var byWeek = engagements.GroupBy(e => DayOf(scenario, e.ReceivedAt) / 7).ToDictionary(g => g.Key, g => g.ToList());
        return [.. Enumerable.Range(0, weeks).Select(w =>
        {
            var inWeek = byWeek.GetValueOrDefault(w) ?? [];
            var within = inWeek.Count(e => !e.Responses.IsEmpty && e.Responses[0].At <= e.RespondBy);
            return new WeekLine(DateOnly.FromDateTime(scenario.Start.AddDays(w * 7).UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), inWeek.Count, within, Share(within, inWeek.Count));
        })];
    }

    private static PartnershipLine Partnership(List<AccountFinal> finals)
    {
        var mean = new SortedDictionary<string, double>(StringComparer.Ordinal);
        var bands = new SortedDictionary<string, SortedDictionary<string, int>>(StringComparer.Ordinal);
        foreach (var group in finals.GroupBy(f => f.Record.Client.Behaviour).OrderBy(g => g.Key))
        {
            mean[group.Key.ToString()] = Round(group.Average(f => f.Partnership.Health.Score));
            bands[group.Key.ToString()] = Count(group.Select(f => f.Partnership.Health.Band.ToString()));
        }

        var partnerships = finals.Select(f => f.Partnership).ToList();
        return new PartnershipLine(
            Count(partnerships.Select(p => p.Health.Band.ToString())),
            Count(partnerships.Select(p => p.Health.Score switch { >= 80 => "80-100", >= 60 => "60-79", >= 40 => "40-59", >= 20 => "20-39", _ => "0-19" })),
            mean,
            bands,
            partnerships.Sum(p => p.ContentRequests.Count),
            partnerships.Sum(p => p.ContentRequests.Count(c => c.DeliveredAt is not null)),
            partnerships.Sum(p => p.Recommendations.Count),
            partnerships.Sum(p => p.Recommendations.Count(r => r.Outcome == Domain.Partnership.RecommendationOutcome.Accepted)),
            partnerships.Sum(p => p.Contacts.Count));
    }

    private static int DayOf(Scenario scenario, DateTimeOffset at) => (int)Math.Floor((at - scenario.Start).TotalDays);

    private static SortedDictionary<string, int> Count(IEnumerable<string> keys)
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        return counts;
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : Round(sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)]);

    private static double Share(int part, int whole) => whole == 0 ? 0 : Round((double)part / whole);

    private static double Round(double value) => Math.Round(value, 4, MidpointRounding.ToEven);
}
