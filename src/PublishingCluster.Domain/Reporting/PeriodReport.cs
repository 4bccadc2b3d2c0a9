using System.Collections.Immutable;
using PublishingCluster.Domain.Channels;
using PublishingCluster.Domain.Contracts;

namespace PublishingCluster.Domain.Reporting;

/// <summary>
/// What an account's agency tells its client about one reporting period: publishing per channel against the
/// contract, what failed and why, how late posts went out, and where each goal stands against its deadline.
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
    string? AcknowledgedBy = null);

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
