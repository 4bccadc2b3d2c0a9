namespace PublishingCluster.LoadTests;

/// <summary>How the runner drives a scenario's step for a bounded time (NBomber's KeepConstant and Inject).</summary>
public abstract record LoadSimulation(TimeSpan During)
{
    /// <summary>A closed model: <paramref name="Copies"/> clients, each sending its next request once the last one answered.</summary>
    public sealed record KeepConstant(int Copies, TimeSpan During) : LoadSimulation(During)
    {
        public override string ToString() => $"keep {Copies} concurrent for {During.TotalSeconds:0} s";
    }

    /// <summary>An open model: <paramref name="Rate"/> new requests a second whatever the answers, as traffic from many users arrives.</summary>
    public sealed record Inject(int Rate, TimeSpan During) : LoadSimulation(During)
    {
        public override string ToString() => $"inject {Rate}/s for {During.TotalSeconds:0} s";
    }
}
