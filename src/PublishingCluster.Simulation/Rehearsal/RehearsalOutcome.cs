using PublishingCluster.Simulation.Scenarios;

namespace PublishingCluster.Simulation.Rehearsal;

/// <summary>
/// A finished (or stopped) rehearsal: the scenario as played (starting at the server's time), the server's clock at
/// the start and the end, the wall time, why it stopped, the load per kind of request, the outcome read back from
/// the server (null when the server was lost or did not answer the read-back in time) and what the rehearsal itself saw go by.
/// </summary>
public sealed record RehearsalOutcome(
    Scenario Scenario,
    ClockReading ServerClock,
    DateTimeOffset? ServerEnd,
    TimeSpan Wall,
    string StoppedBy,
    string? Problem,
    SortedDictionary<string, RouteLine> Routes,
    RouteLine Total,
    RehearsalResult? Result,
    long PublishedSeen,
    long EngagementsPosted,
    IReadOnlyList<string> AccountIds);
