namespace PublishingCluster.Simulation.Clients;

/// <summary>
/// When a client calls or writes to the agency of its own accord: on each of <see cref="Days"/> (UTC weekdays) with
/// chance <see cref="Chance"/>, always at the same hour of the day for one client, so whether a week goes above the
/// contract's contact policy depends only on how many of those days it contacts.
/// </summary>
public sealed record ContactHabit(IReadOnlyList<DayOfWeek> Days, double Chance);
