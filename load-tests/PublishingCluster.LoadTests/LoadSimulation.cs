namespace PublishingCluster.LoadTests;

/// <summary>How the runner drives a scenario's step for a bounded time (NBomber's KeepConstant, Inject and their ramps).</summary>
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

    /// <summary>A closed model whose clients grow in a straight line from <paramref name="From"/> to <paramref name="Copies"/>.</summary>
    public sealed record RampingConstant(int From, int Copies, TimeSpan During) : LoadSimulation(During)
    {
        public override string ToString() => $"ramp {From} to {Copies} concurrent over {During.TotalSeconds:0} s";

        /// <summary>How many clients should be running <paramref name="elapsed"/> into the ramp.</summary>
        public int CopiesAt(TimeSpan elapsed) =>
            From + (int)Math.Round((Copies - From) * Math.Clamp(elapsed / During, 0, 1));
    }

    /// <summary>An open model whose rate grows in a straight line from <paramref name="From"/> to <paramref name="Rate"/> a second.</summary>
    public sealed record RampingInject(int From, int Rate, TimeSpan During) : LoadSimulation(During)
    {
        public override string ToString() => $"ramp {From}/s to {Rate}/s over {During.TotalSeconds:0} s";

        /// <summary>Requests that should have started <paramref name="elapsed"/> into the ramp: the area under the rate's line.</summary>
        public long StartedBy(TimeSpan elapsed)
        {
            var t = Math.Clamp(elapsed.TotalSeconds, 0, During.TotalSeconds);
            return (long)((From * t) + ((Rate - From) * t * t / (2 * During.TotalSeconds)));
        }
    }
}
