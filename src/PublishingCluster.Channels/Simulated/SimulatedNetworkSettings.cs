namespace PublishingCluster.Channels.Simulated;

/// <summary>
/// How a simulated network misbehaves. Every chance is decided by a stable hash of the seed, the idempotency key and
/// the attempt number, never by a shared random generator, so the same scenario answers the same way on every run
/// whatever order the calls arrive in.
/// </summary>
public sealed record SimulatedNetworkSettings
{
    public static SimulatedNetworkSettings Reliable { get; } = new();

    /// <summary>Seed for every chance below.</summary>
    public int Seed { get; init; }

    /// <summary>Real time each call takes (the network's round trip), plus up to <see cref="LatencyJitter"/>.</summary>
    public TimeSpan Latency { get; init; } = TimeSpan.Zero;

    public TimeSpan LatencyJitter { get; init; } = TimeSpan.Zero;

    /// <summary>Chance that a publish fails with a passing error (a 5xx); nothing is published.</summary>
    public double FailureRate { get; init; }

    /// <summary>Chance that a publish is refused with a 429 and <see cref="RetryAfter"/>; nothing is published.</summary>
    public double RateLimitRate { get; init; }

    public TimeSpan RetryAfter { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Chance that a publish succeeds but its answer never arrives (the call times out): the post is on the network
    /// and the caller does not know it. This is the case the idempotency key and the lookup exist for.
    /// </summary>
    public double LostAnswerRate { get; init; }

    /// <summary>From this instant the agency's access token is expired: every publish needs a human.</summary>
    public DateTimeOffset? TokenExpiresAt { get; init; }

    /// <summary>Windows in which the network answers nothing useful: publishes are retryable failures, lookups unavailable.</summary>
    public IReadOnlyList<Outage> Outages { get; init; } = [];

    /// <summary>
    /// Posts one profile may publish per rolling 24 hours before the network answers 429; null uses the network's
    /// documented quota. The accounts respect the quota themselves; this is the network's own enforcement behind it.
    /// </summary>
    public int? QuotaPer24Hours { get; init; }

    public void Validate()
    {
        foreach (var (name, rate) in new[] { (nameof(FailureRate), FailureRate), (nameof(RateLimitRate), RateLimitRate), (nameof(LostAnswerRate), LostAnswerRate) })
        {
            if (rate is < 0 or > 1 || double.IsNaN(rate))
            {
                throw new ArgumentOutOfRangeException(name, rate, $"{name} must be between 0 and 1.");
            }
        }

        if (Latency < TimeSpan.Zero || LatencyJitter < TimeSpan.Zero || RetryAfter < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(Latency), "Latency, jitter and retry-after cannot be negative.");
        }

        if (QuotaPer24Hours is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(QuotaPer24Hours), QuotaPer24Hours, "A quota must allow at least one post.");
        }

        foreach (var outage in Outages)
        {
            if (outage.Until <= outage.From)
            {
                throw new ArgumentException($"An outage must end after it starts ({outage.From:O} .. {outage.Until:O}).", nameof(Outages));
            }
        }
    }
}

/// <summary>The network is down from <paramref name="From"/> (inclusive) until <paramref name="Until"/> (exclusive).</summary>
public sealed record Outage(DateTimeOffset From, DateTimeOffset Until)
{
    public bool Covers(DateTimeOffset instant) => instant >= From && instant < Until;
}
