namespace PublishingCluster.Domain.Engagement;

/// <summary>
/// A negative spike: at least <see cref="Threshold"/> negative engagements within any <see cref="Window"/>. Once a
/// spike is reported, the next can start only with engagements after it, so one storm raises one escalation.
/// </summary>
public sealed record SpikeRule(int Threshold, TimeSpan Window)
{
    public static SpikeRule Default { get; } = new(5, TimeSpan.FromHours(1));

    /// <summary>
    /// Whether the negative engagement at <paramref name="latest"/> completes a spike, given the instants of the
    /// negative engagements before it (any order) and the instant of the last spike reported (if any).
    /// </summary>
    public bool Completes(IEnumerable<DateTimeOffset> earlierNegatives, DateTimeOffset latest, DateTimeOffset? lastSpike)
    {
        var from = latest - Window;
        var inWindow = earlierNegatives.Count(at => at > from && at <= latest && (lastSpike is null || at > lastSpike)) + 1;
        return inWindow >= Threshold;
    }
}
