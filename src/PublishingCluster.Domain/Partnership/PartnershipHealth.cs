using System.Collections.Immutable;
using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Contracts;

namespace PublishingCluster.Domain.Partnership;

/// <summary>Where a health score stands: Healthy from 80, AtRisk below the contract's threshold, Watch between.</summary>
public enum HealthBand
{
    Healthy,
    Watch,
    AtRisk,
}

/// <summary>
/// One part of the score: its weight, how well the client did on it (0 to 1; null when there was nothing to judge,
/// and then it does not count) and the figures behind it.
/// </summary>
public sealed record HealthFactor(string Name, int Weight, decimal? Score, int Judged, int Met);

/// <summary>
/// How well the client works with the agency over the 90 days up to <see cref="AsOf"/>: content delivered on time,
/// approvals answered within the contract's turnaround, reports acknowledged in time, recommendations answered
/// (accepted counts fully, declined half, ignored not at all), and contacts within the contact policy. The score is
/// the weighted mean of the factors, 0 to 100, where a factor with nothing to judge counts as met: a client is not
/// marked down for what was never asked of them, and one late answer cannot sink the score on its own.
/// <see cref="Reasons"/> say in words what pulled it down.
/// </summary>
public sealed record PartnershipHealth(
    int Score,
    HealthBand Band,
    ImmutableList<string> Reasons,
    ImmutableList<HealthFactor> Factors,
    DateTimeOffset From,
    DateTimeOffset AsOf)
{
    public static readonly TimeSpan Window = TimeSpan.FromDays(90);

    public const int HealthyFrom = 80;

    public static PartnershipHealth Of(AccountState state, DateTimeOffset asOf)
    {
        var from = asOf - Window;
        var partnership = state.PartnershipOrEmpty();
        var contract = state.OpenContract;
        var terms = contract.PartnershipTermsOrDefault();
        var reasons = ImmutableList.CreateBuilder<string>();
        bool InWindow(DateTimeOffset at) => at >= from && at <= asOf;

        var due = partnership.ContentRequests.Values.Where(r => InWindow(r.DueBy)).ToList();
        var onTime = due.Count(r => r.WasOnTime());
        if (onTime < due.Count)
        {
            var worst = due.Where(r => !r.WasOnTime()).OrderBy(r => r.DueBy).ThenBy(r => r.RequestId, StringComparer.Ordinal).First();
            reasons.Add($"{due.Count - onTime} of {due.Count} content requests late or not delivered (the first: '{worst.What}', due {worst.DueBy:yyyy-MM-dd}).");
        }

        var turnaround = TimeSpan.FromHours(terms.ApprovalTurnaroundHours);
        var approvals = partnership.Approvals.Values
            .Where(a => InWindow(a.SentAt) && (a.AnsweredAt is { } answered && answered <= asOf || a.SentAt + turnaround <= asOf))
            .ToList();
        var prompt = approvals.Count(a => a.AnsweredAt <= asOf && a.WasAnsweredWithin(turnaround));
        if (prompt < approvals.Count)
        {
            reasons.Add($"{approvals.Count - prompt} of {approvals.Count} posts waited longer than {terms.ApprovalTurnaroundHours} h for the client's approval.");
        }

        var ackDays = contract.Ladder().ReportAcknowledgementDays;
        var reports = state.ReportingOrEmpty().Reports.Values
            .Where(r => InWindow(r.IssuedAt) && (r.AcknowledgedAt is { } acked && acked <= asOf || r.IssuedAt.AddDays(ackDays) <= asOf))
            .ToList();
        var acknowledged = reports.Count(r => r.AcknowledgedAt is { } at && at <= asOf && at <= r.IssuedAt.AddDays(ackDays));
        if (acknowledged < reports.Count)
        {
            reasons.Add($"{reports.Count - acknowledged} of {reports.Count} reports not acknowledged within {ackDays} days.");
        }

        var answered = partnership.Recommendations.Values
            .Select(r => r.AnsweredAt is { } at && at <= asOf ? r : r with { Outcome = RecommendationOutcome.Pending, AnsweredAt = null })
            .Where(r => r.AnsweredAt is { } at && InWindow(at) || r.Outcome == RecommendationOutcome.Pending && InWindow(r.ReviewBy))
            .ToList();
        var accepted = answered.Count(r => r.Outcome == RecommendationOutcome.Accepted);
        var declined = answered.Count(r => r.Outcome == RecommendationOutcome.Declined);
        var ignored = answered.Count - accepted - declined;
        if (ignored > 0)
        {
            reasons.Add($"{ignored} of {answered.Count} recommendations ignored past their review date.");
        }

        if (declined > 0)
        {
            reasons.Add($"{declined} of {answered.Count} recommendations declined.");
        }

        var contacts = partnership.Contacts.Values.Where(c => InWindow(c.OccurredAt)).ToList();
        var above = contacts.Count(c => IsAbovePolicy(partnership, contract.ContactPolicy, c));
        if (above > 0)
        {
            reasons.Add($"{above} of {contacts.Count} contacts above the contract's {contract.ContactPolicy.MaxContactsPerWeek} a week.");
        }

        var factors = ImmutableList.Create(
            Factor("contentRequests", 30, due.Count, onTime, onTime),
            Factor("approvals", 25, approvals.Count, prompt, prompt),
            Factor("reports", 20, reports.Count, acknowledged, acknowledged),
            Factor("recommendations", 15, answered.Count, accepted, accepted + (declined / 2m)),
            Factor("contacts", 10, contacts.Count, contacts.Count - above, contacts.Count - above));
        var score = (int)Math.Round(100m * factors.Sum(f => f.Weight * (f.Score ?? 1m)) / factors.Sum(f => f.Weight), MidpointRounding.AwayFromZero);
        if (factors.All(f => f.Score is null))
        {
            reasons.Add("Nothing to judge in the last 90 days: no content requests, approvals, reports, recommendations or contacts due.");
        }

        return new PartnershipHealth(score, BandOf(score, terms.HealthThreshold), reasons.ToImmutable(), factors, from, asOf);
    }

    public static HealthBand BandOf(int score, int threshold) =>
        score < threshold ? HealthBand.AtRisk : score < Math.Max(HealthyFrom, threshold) ? HealthBand.Watch : HealthBand.Healthy;

    /// <summary>
    /// Whether <paramref name="contact"/> took the week before it (the seven days up to and including it) above the
    /// policy's count. Contacts at the same instant count in id order, so the same contacts always give the same answer.
    /// </summary>
    public static bool IsAbovePolicy(AccountPartnership partnership, ContactPolicy policy, ClientContact contact)
    {
        var weekStart = contact.OccurredAt.AddDays(-7);
        var before = partnership.Contacts.Values.Count(c => c.OccurredAt > weekStart
            && (c.OccurredAt < contact.OccurredAt || c.OccurredAt == contact.OccurredAt && string.CompareOrdinal(c.ContactId, contact.ContactId) < 0));
        return before + 1 > policy.MaxContactsPerWeek;
    }

    private static HealthFactor Factor(string name, int weight, int judged, int met, decimal credit) =>
        new(name, weight, judged == 0 ? null : Math.Round(credit / judged, 4, MidpointRounding.AwayFromZero), judged, met);
}

/// <summary>How the score moved since the previous period's report: at least five points either way is a move.</summary>
public enum HealthTrend
{
    /// <summary>No earlier report to compare with.</summary>
    First,
    Improving,
    Steady,
    Declining,
}

public static class HealthTrends
{
    public const int Step = 5;

    public static HealthTrend Between(int? previous, int current) => previous switch
    {
        null => HealthTrend.First,
        { } p when current - p >= Step => HealthTrend.Improving,
        { } p when p - current >= Step => HealthTrend.Declining,
        _ => HealthTrend.Steady,
    };
}
