using PublishingCluster.Domain.Channels;

namespace PublishingCluster.Channels.Simulated;

/// <summary>
/// A social network played in process: it honours idempotency keys (a key publishes once; a repeat is answered
/// "duplicate"), enforces the profile's rolling 24-hour quota, and misbehaves as its
/// <see cref="SimulatedNetworkSettings"/> say: latency, passing failures, 429s, an expired token, outages and
/// answers lost after the post went up. What it publishes goes to an <see cref="IPublicationLog"/>.
/// Time is the caller's <see cref="PublishRequest.Now"/>: on a virtual clock the network lives on virtual time too.
/// </summary>
public sealed class SimulatedNetwork : IChannelAdapter
{
    private readonly SimulatedNetworkSettings _settings;
    private readonly IPublicationLog _log;
    private readonly int _quota;
    private readonly SimulatedAudience? _audience;

    /// <param name="audience">Told of every post that goes up, so its engagements follow (null: a network without an audience).</param>
    public SimulatedNetwork(Network network, SimulatedNetworkSettings settings, IPublicationLog log, SimulatedAudience? audience = null)
    {
        settings.Validate();
        Network = network;
        _settings = settings;
        _log = log;
        _audience = audience;
        _quota = settings.QuotaPer24Hours ?? NetworkRules.For(network).QuotaPer24Hours;
    }

    public Network Network { get; }

    public async Task<PublishOutcome> PublishAsync(PublishRequest request, CancellationToken cancellationToken)
    {
        if (request.Network != Network)
        {
            throw new ArgumentException($"A {request.Network} post was sent to the simulated {Network}.", nameof(request));
        }

        var key = request.IdempotencyKey;
        var attempt = _log.NextAttempt(key);
        await RoundTripAsync(key, attempt, cancellationToken);

        if (OutageAt(request.Now) is { } outage)
        {
            return new PublishOutcome.Retryable($"{Network} is unavailable (outage until {outage.Until:O}).");
        }

        if (_log.Find(key) is { } existing)
        {
            _log.CountDuplicateSend(key);
            return new PublishOutcome.Duplicate(existing.ExternalId, existing.PublishedAt);
        }

        if (_settings.TokenExpiresAt is { } expiry && request.Now >= expiry)
        {
            return new PublishOutcome.NeedsHuman($"The {Network} access token for {request.Handle} expired at {expiry:O}; reconnect the channel.");
        }

        var rules = NetworkRules.For(Network);
        if (NetworkRules.LengthOf(request.Text) > rules.TextLimit)
        {
            return new PublishOutcome.NeedsHuman($"{Network} rejected the post: text longer than {rules.TextLimit} characters.");
        }

        var published24h = _log.CountSince(Network, request.Handle, request.Now - TimeSpan.FromHours(24));
        if (published24h >= _quota)
        {
            return new PublishOutcome.RateLimited(TimeSpan.FromHours(1), $"{Network} quota of {_quota} posts per 24 hours reached for {request.Handle}.");
        }

        if (Chance("429", key, attempt) < _settings.RateLimitRate)
        {
            return new PublishOutcome.RateLimited(_settings.RetryAfter, $"{Network} answered 429 Too Many Requests.");
        }

        if (Chance("5xx", key, attempt) < _settings.FailureRate)
        {
            return new PublishOutcome.Retryable($"{Network} answered 503 Service Unavailable.");
        }

        var (stored, added) = _log.Add(new Publication(key, Network, request.Handle, ExternalIdOf(key), request.Now, request.Text));
        if (!added)
        {
            // A concurrent send of the same key got there first (the log counted this one as a duplicate).
            return new PublishOutcome.Duplicate(stored.ExternalId, stored.PublishedAt);
        }

        _audience?.Published(request, stored);
        if (Chance("lost", key, attempt) < _settings.LostAnswerRate)
        {
            // The post is up; the caller never hears so.
            throw new TimeoutException($"{Network} did not answer in time.");
        }

        return new PublishOutcome.Published(stored.ExternalId, stored.PublishedAt);
    }

    public async Task<LookupOutcome> LookupAsync(LookupRequest request, CancellationToken cancellationToken)
    {
        await RoundTripAsync(request.IdempotencyKey, 0, cancellationToken);
        if (OutageAt(request.Now) is { } outage)
        {
            return new LookupOutcome.Unavailable($"{Network} is unavailable (outage until {outage.Until:O}).");
        }

        return _log.Find(request.IdempotencyKey) is { } found
            ? new LookupOutcome.Found(found.ExternalId, found.PublishedAt)
            : new LookupOutcome.NotFound();
    }

    private Outage? OutageAt(DateTimeOffset now) => _settings.Outages.FirstOrDefault(o => o.Covers(now));

    private string ExternalIdOf(string key) => $"{Network.ToString().ToLowerInvariant()}-{StableChance.Hash($"{_settings.Seed}|{key}"):x16}";

    private double Chance(string purpose, string key, int attempt) => StableChance.Of(_settings.Seed, $"{Network}/{purpose}", key, attempt);

    private Task RoundTripAsync(string key, int attempt, CancellationToken cancellationToken)
    {
        if (_settings.Latency == TimeSpan.Zero && _settings.LatencyJitter == TimeSpan.Zero)
        {
            return Task.CompletedTask;
        }

        var jitter = _settings.LatencyJitter * Chance("latency", key, attempt);
        return Task.Delay(_settings.Latency + jitter, cancellationToken);
    }
}
