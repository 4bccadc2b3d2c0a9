using System.Collections.Concurrent;
using PublishingCluster.Channels;
using PublishingCluster.Domain.Channels;

namespace PublishingCluster.Actors.Tests.Support;

/// <summary>
/// A network for actor tests: it keeps every publication by idempotency key (never two for one key), and can be
/// told how to answer each send (by key and attempt) to play failures, rate limits and expired tokens.
/// </summary>
public sealed class FakeNetwork(Network network, Func<string, int, DateTimeOffset, PublishOutcome?>? misbehave = null) : IChannelAdapter
{
    private readonly ConcurrentDictionary<string, (string ExternalId, DateTimeOffset At)> _published = new();
    private readonly ConcurrentDictionary<string, int> _attempts = new();
    private int _sends;
    private int _duplicatesRefused;

    public Network Network { get; } = network;

    public IReadOnlyDictionary<string, (string ExternalId, DateTimeOffset At)> Published => _published;

    public int Sends => Volatile.Read(ref _sends);

    public int DuplicatesRefused => Volatile.Read(ref _duplicatesRefused);

    /// <summary>How many times this key was sent.</summary>
    public int SendsOf(string idempotencyKey) => _attempts.GetValueOrDefault(idempotencyKey);

    public Task<PublishOutcome> PublishAsync(PublishRequest request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _sends);
        var attempt = _attempts.AddOrUpdate(request.IdempotencyKey, 1, (_, n) => n + 1);
        if (_published.TryGetValue(request.IdempotencyKey, out var existing))
        {
            Interlocked.Increment(ref _duplicatesRefused);
            return Task.FromResult<PublishOutcome>(new PublishOutcome.Duplicate(existing.ExternalId, existing.At));
        }

        if (misbehave?.Invoke(request.IdempotencyKey, attempt, request.Now) is { } failure)
        {
            return Task.FromResult(failure);
        }

        var stored = _published.GetOrAdd(request.IdempotencyKey, _ => ($"{Network}-{Guid.NewGuid():N}", request.Now));
        return Task.FromResult<PublishOutcome>(new PublishOutcome.Published(stored.ExternalId, stored.At));
    }

    public Task<LookupOutcome> LookupAsync(LookupRequest request, CancellationToken cancellationToken) =>
        Task.FromResult<LookupOutcome>(_published.TryGetValue(request.IdempotencyKey, out var found)
            ? new LookupOutcome.Found(found.ExternalId, found.At)
            : new LookupOutcome.NotFound());
}
