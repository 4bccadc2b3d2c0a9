using PublishingCluster.Domain.Channels;

namespace PublishingCluster.Channels;

/// <summary>
/// How posts reach one network. Publishing is at-least-once with an idempotency key per variant: a network
/// that has already published under a key answers <see cref="PublishOutcome.Duplicate"/> instead of posting
/// again, and <see cref="LookupAsync"/> tells whether a key was published, which is how a publish whose
/// answer was lost (a crash between "sent" and "recorded") is resolved without re-sending.
/// </summary>
public interface IChannelAdapter
{
    Network Network { get; }

    Task<PublishOutcome> PublishAsync(PublishRequest request, CancellationToken cancellationToken);

    Task<LookupOutcome> LookupAsync(LookupRequest request, CancellationToken cancellationToken);
}

/// <summary>Which account's channel a request is for: a live network finds the channel's connection by it.</summary>
public sealed record ChannelAddress(string AccountId, string ChannelId);

/// <summary>
/// One variant to publish. <see cref="Now"/> is the caller's clock (real or virtual), never read here.
/// <see cref="Channel"/> is required by a live network (it finds the channel's connection by it); the simulated
/// networks know a channel by its handle alone.
/// </summary>
public sealed record PublishRequest(
    string IdempotencyKey,
    Network Network,
    string Handle,
    string Text,
    IReadOnlyList<string> Media,
    DateTimeOffset Now,
    ChannelAddress? Channel = null);

/// <summary>
/// Did a network publish under this key? A network without idempotency keys is searched for the variant's
/// <see cref="Text"/> among what the channel published since <see cref="SentAfter"/>; those are required there.
/// </summary>
public sealed record LookupRequest(
    string IdempotencyKey,
    DateTimeOffset Now,
    ChannelAddress? Channel = null,
    string? Text = null,
    DateTimeOffset? SentAfter = null);

/// <summary>What a network answered to a publish.</summary>
public abstract record PublishOutcome
{
    /// <summary>Published now, under this id.</summary>
    public sealed record Published(string ExternalId, DateTimeOffset At) : PublishOutcome;

    /// <summary>Already published under this idempotency key (by an earlier attempt); nothing new was posted.</summary>
    public sealed record Duplicate(string ExternalId, DateTimeOffset At) : PublishOutcome;

    /// <summary>A passing failure (timeout, 5xx, outage): retry with backoff.</summary>
    public sealed record Retryable(string Reason) : PublishOutcome;

    /// <summary>The network refused for rate: retry no sooner than <see cref="RetryAfter"/>.</summary>
    public sealed record RateLimited(TimeSpan RetryAfter, string Reason) : PublishOutcome;

    /// <summary>Retrying will not help until a person acts (an expired token, a rejected body).</summary>
    public sealed record NeedsHuman(string Reason) : PublishOutcome;
}

/// <summary>What a network knows of an idempotency key.</summary>
public abstract record LookupOutcome
{
    public sealed record Found(string ExternalId, DateTimeOffset At) : LookupOutcome;

    public sealed record NotFound : LookupOutcome;

    /// <summary>The network could not be asked now (an outage); ask again later, and do not publish meanwhile.</summary>
    public sealed record Unavailable(string Reason) : LookupOutcome;
}
