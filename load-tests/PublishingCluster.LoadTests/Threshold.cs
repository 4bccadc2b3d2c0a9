using System.Globalization;

namespace PublishingCluster.LoadTests;

/// <summary>What a threshold limits: the share of failed requests, or the 99th percentile of latency.</summary>
public enum ThresholdMetric
{
    ErrorRatePercent,
    P99Ms,
}

/// <summary>
/// A pass condition a scenario names for one of its steps (NBomber's thresholds): every measured row of that step
/// must stay at or under the limit. The runner exits non-zero when any threshold fails and says which, and by how much.
/// </summary>
public sealed record Threshold(string Step, ThresholdMetric Metric, double Limit)
{
    public static Threshold ErrorRate(string step, double percent) => new(step, ThresholdMetric.ErrorRatePercent, percent);

    public static Threshold P99(string step, TimeSpan limit) => new(step, ThresholdMetric.P99Ms, limit.TotalMilliseconds);

    public override string ToString() => Metric switch
    {
        ThresholdMetric.ErrorRatePercent => string.Create(CultureInfo.InvariantCulture, $"{Step}: error rate <= {Limit:0.##} %"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{Step}: p99 <= {Limit:0.#} ms"),
    };

    /// <summary>This threshold against every row of its scenario and step; a step with no rows at all fails.</summary>
    public IReadOnlyList<ThresholdResult> Check(string scenario, IEnumerable<StepStats> results)
    {
        var rows = results.Where(r => r.Scenario == scenario && r.StepName == Step).ToList();
        if (rows.Count == 0)
        {
            return [new ThresholdResult(scenario, this, null, double.NaN, false)];
        }

        return [.. rows.Select(row =>
        {
            var measured = Metric == ThresholdMetric.ErrorRatePercent ? row.ErrorRatePercent : row.P99Ms;
            // No request at all is no evidence of passing; nor is a p99 when no request went through (it is of ok requests).
            var measuredAny = Metric == ThresholdMetric.ErrorRatePercent ? row.RequestCount > 0 : row.Ok > 0;
            return new ThresholdResult(scenario, this, row, measured, measuredAny && measured <= Limit);
        })];
    }
}

/// <summary>One threshold checked against one row: what was measured and whether it passed.</summary>
public sealed record ThresholdResult(string Scenario, Threshold Threshold, StepStats? Row, double Measured, bool Passed)
{
    public override string ToString()
    {
        var inv = CultureInfo.InvariantCulture;
        var where = Row is null ? $"{Scenario} / {Threshold.Step}" : $"{Scenario} / {Row.Step}";
        if (Row is null)
        {
            return $"{where}: nothing was measured (limit: {Threshold})";
        }

        return Threshold.Metric == ThresholdMetric.ErrorRatePercent
            ? string.Create(inv, $"{where}: error rate {Measured:0.##} % ({Row.Failed} of {Row.RequestCount}), limit {Threshold.Limit:0.##} %")
            : string.Create(inv, $"{where}: p99 {Measured:0.#} ms, limit {Threshold.Limit:0.#} ms");
    }
}
