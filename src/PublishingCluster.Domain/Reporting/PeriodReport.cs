using System.Collections.Immutable;
using PublishingCluster.Domain.Channels;
using System.Text.Json.Serialization;
using PublishingCluster.Domain.Contracts;
using PublishingCluster.Domain.Partnership;

namespace PublishingCluster.Domain.Reporting;

/// <summary>
/// What an account's agency tells its client about one reporting period: publishing per channel against the
/// contract, what failed and why, how late posts went out, where each goal stands against its deadline, how the
/// audience was answered, and the partnership's health (the last two absent from reports issued before they existed).
/// Issued once when the period closes; the client's acknowledgement is recorded on it.
/// </summary>
public sealed record PeriodReport(
    string ReportId,
    ReportingPeriod Period,
    string TimeZone,
    DateTimeOffset From,
    DateTimeOffset Until,
    DateTimeOffset IssuedAt,
    ImmutableList<ChannelReportLine> Channels,
    ImmutableList<FailureLine> Failures,
    ImmutableList<GoalLine> Goals,
    DateTimeOffset? AcknowledgedAt = null,
    string? AcknowledgedBy = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] EngagementSummary? Engagement = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PartnershipLine? Partnership = null);

/// <summary>
/// Engagement in the period, over the engagements received in it: how many got a first response by the period's end
/// (<see cref="ResponseRate"/>, 0 to 1), how long that first response took in business time (nearest-rank p50/p90),
/// how many breached their response deadline (answered late, or unanswered when it passed), and the negative spikes.
/// </summary>
public sealed record EngagementSummary(
    int Received,
    int Responded,
    decimal? ResponseRate,
    TimeSpan? FirstResponseP50,
    TimeSpan? FirstResponseP90,
    int SlaBreaches,
    int NegativeSpikes);

/// <summary>Partnership health at the period's end, how it moved since the previous report, and why it stands where it does.</summary>
public sealed record PartnershipLine(int Score, HealthBand Band, HealthTrend Trend, int? PreviousScore, ImmutableList<string> Reasons);

/// <summary>
/// One channel's publishing in the period. <see cref="Planned"/>: variants scheduled in the period;
/// <see cref="Contracted"/>: the contract's posts per week for the network, over the period's length.
/// Lateness is published minus scheduled, over the variants published in the period.
/// </summary>
public sealed record ChannelReportLine(
    string ChannelId,
    Network Network,
    string Handle,
    int Contracted,
    int Planned,
    int Published,
    int Failed,
    int Expired,
    TimeSpan? LatenessP50,
    TimeSpan? LatenessP90,
    TimeSpan? LatenessMax);

/// <summary>A variant that could not be published, with the network's or the rules' reason.</summary>
public sealed record FailureLine(string PostId, string Title, string ChannelId, Network Network, DateTimeOffset? ScheduledAt, string Reason);

/// <summary>
/// A goal at the period's close: the latest measured value, its straight-line projection to the deadline from the
/// measurements so far, and a red/amber/green status against the target.
/// </summary>
public sealed record GoalLine(
    string GoalId,
    GoalMetric Metric,
    decimal Target,
    DateOnly Deadline,
    decimal? Latest,
    decimal? Projected,
    GoalStatus Status);

/// <summary>
/// Green: met, or projected to meet the target by the deadline. Amber: projected to reach at least 90 % of it.
/// Red: projected short of that, or the deadline passed unmet. NoData: fewer than two measurements, so no trend.
/// </summary>
public enum GoalStatus
{
    NoData,
    Green,
    Amber,
    Red,
}

/// <summary>One reading of a goal's metric (from the agency's analytics), at an instant.</summary>
public sealed record GoalMeasurement(decimal Value, DateTimeOffset At);
