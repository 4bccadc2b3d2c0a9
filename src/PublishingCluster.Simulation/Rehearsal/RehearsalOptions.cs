namespace PublishingCluster.Simulation.Rehearsal;

/// <summary>
/// How to rehearse against a running server: where it is, the operator's token (null: none, as on the loopback
/// admin listener), an agency key to act with (null: register a new agency and issue one), the wall-clock bound,
/// how many requests may be in flight at once, where the results go, and the speed to set the server's virtual clock
/// to once the accounts are open (null: leave it as it is).
/// </summary>
public sealed record RehearsalOptions(Uri Server, string? OperatorKey, string? AgencyKey, TimeSpan? For, int Concurrency, string OutputFolder, TextWriter? Progress, double? ClockSpeed = null)
{
    public const int DefaultConcurrency = 8;
}
