namespace PublishingCluster.Domain.Publishing;

/// <summary>
/// How publishing copes with failure. A retryable failure waits <see cref="BaseDelay"/> doubled per attempt (at
/// most <see cref="MaxDelay"/>, and never sooner than a network's retry-after), until <see cref="MaxAttempts"/>
/// sends have failed: with the defaults, about 22 hours of trying, enough to ride out a network's bad day. A variant more than <see cref="MaxLateness"/> past its time (the node was down, the network
/// was out for a day) is not sent any more: it fails for a person to decide, because a late post can do harm.
/// </summary>
public sealed record PublishingPolicy(TimeSpan BaseDelay, TimeSpan MaxDelay, int MaxAttempts, TimeSpan MaxLateness)
{
    public static PublishingPolicy Default { get; } = new(
        BaseDelay: TimeSpan.FromSeconds(30),
        MaxDelay: TimeSpan.FromMinutes(30),
        MaxAttempts: 50,
        MaxLateness: TimeSpan.FromHours(24));

    /// <summary>The wait after the <paramref name="attempts"/>-th failed send.</summary>
    public TimeSpan BackoffAfter(int attempts)
    {
        var factor = Math.Pow(2, Math.Clamp(attempts - 1, 0, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(BaseDelay.Ticks * factor, MaxDelay.Ticks));
        return delay;
    }
}
