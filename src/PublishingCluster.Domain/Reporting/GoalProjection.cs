using PublishingCluster.Domain.Common;
using PublishingCluster.Domain.Contracts;

namespace PublishingCluster.Domain.Reporting;

/// <summary>Where a goal stands at an instant, from its measurements up to then.</summary>
public static class GoalProjection
{
    /// <summary>The share of the target a projection must reach for amber rather than red.</summary>
    public const decimal AmberShare = 0.9m;

    public static GoalLine At(Goal goal, IReadOnlyList<GoalMeasurement> measurements, DateTimeOffset asOf, TimeZoneInfo zone)
    {
        var known = measurements.Where(m => m.At <= asOf).OrderBy(m => m.At).ToList();
        if (known.Count == 0)
        {
            return new GoalLine(goal.GoalId, goal.Metric, goal.Target, goal.Deadline, null, null, GoalStatus.NoData);
        }

        var latest = known[^1];
        if (latest.Value >= goal.Target)
        {
            return new GoalLine(goal.GoalId, goal.Metric, goal.Target, goal.Deadline, latest.Value, latest.Value, GoalStatus.Green);
        }

        // The deadline is the whole of its local day.
        var deadline = TimeZones.ToInstant(goal.Deadline.AddDays(1), TimeOnly.MinValue, zone);
        if (asOf >= deadline)
        {
            return new GoalLine(goal.GoalId, goal.Metric, goal.Target, goal.Deadline, latest.Value, latest.Value, GoalStatus.Red);
        }

        var first = known[0];
        if (known.Count < 2 || latest.At == first.At)
        {
            return new GoalLine(goal.GoalId, goal.Metric, goal.Target, goal.Deadline, latest.Value, null, GoalStatus.NoData);
        }

        decimal projected;
        try
        {
            var perDay = (latest.Value - first.Value) / (decimal)(latest.At - first.At).TotalDays;
            projected = decimal.Round(latest.Value + (perDay * (decimal)(deadline - latest.At).TotalDays), 2);
        }
        catch (OverflowException)
        {
            // Readings moments apart project beyond any number: the trend's direction is all there is to tell.
            return new GoalLine(goal.GoalId, goal.Metric, goal.Target, goal.Deadline, latest.Value, null,
                latest.Value > first.Value ? GoalStatus.Green : GoalStatus.Red);
        }

        var status = projected >= goal.Target ? GoalStatus.Green
            : projected >= goal.Target * AmberShare ? GoalStatus.Amber
            : GoalStatus.Red;
        return new GoalLine(goal.GoalId, goal.Metric, goal.Target, goal.Deadline, latest.Value, projected, status);
    }
}
