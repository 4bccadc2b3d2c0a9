using System.Collections.Immutable;

namespace PublishingCluster.Domain.Reporting;

/// <summary>
/// An account's reporting: the day up to which its periods are closed (null: none yet, the first runs from the day
/// it opened), the reports issued, by id, and the goal measurements recorded, by goal id.
/// </summary>
public sealed record AccountReporting(
    DateOnly? ClosedThrough,
    ImmutableSortedDictionary<string, PeriodReport> Reports,
    ImmutableSortedDictionary<string, ImmutableList<GoalMeasurement>> Measurements)
{
    public static AccountReporting Empty { get; } = new(
        null,
        ImmutableSortedDictionary<string, PeriodReport>.Empty.WithComparers(StringComparer.Ordinal),
        ImmutableSortedDictionary<string, ImmutableList<GoalMeasurement>>.Empty.WithComparers(StringComparer.Ordinal));

    public IReadOnlyList<GoalMeasurement> MeasurementsOf(string goalId) =>
        Measurements.TryGetValue(goalId, out var list) ? list : [];
}
