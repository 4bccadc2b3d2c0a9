namespace PublishingCluster.Simulation.Running;

/// <summary>Where a run is: opening the accounts, stepping the clock through the days, or reading the accounts at the end.</summary>
public enum SimulationStage
{
    Opening,
    Stepping,
    Collecting,
}

/// <summary>
/// A run as it stands, handed to <see cref="RunOptions.Observer"/> after the accounts are opened, after every step of
/// the clock and before the accounts are read at the end: what an operator watching the run wants to know.
/// </summary>
/// <param name="Simulated">The virtual clock: every step before this instant is done.</param>
/// <param name="Day">The simulated day under way, from 1 to <paramref name="Days"/>.</param>
/// <param name="Published">Posts on the simulated networks so far.</param>
/// <param name="Events">Events the accounts persisted so far.</param>
/// <param name="Wall">Wall time since the run began.</param>
public sealed record SimulationProgress(
    SimulationStage Stage,
    DateTimeOffset Simulated,
    int Day,
    int Days,
    int Steps,
    int Accounts,
    int Published,
    long Events,
    TimeSpan Wall)
{
    /// <summary>Events a wall second, over the whole run so far.</summary>
    public double EventsPerSecond => Wall.TotalSeconds > 0 ? Events / Wall.TotalSeconds : 0;
}
