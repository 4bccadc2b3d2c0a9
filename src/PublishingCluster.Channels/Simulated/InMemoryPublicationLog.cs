using PublishingCluster.Domain.Channels;

namespace PublishingCluster.Channels.Simulated;

/// <summary>A publication log in memory: for the simulator running as fast as it can and for tests in one process.</summary>
public sealed class InMemoryPublicationLog : IPublicationLog
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Publication> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _attempts = new(StringComparer.Ordinal);
    private readonly Dictionary<(Network, string), List<DateTimeOffset>> _byProfile = [];
    private long _duplicateSends;

    public long DuplicateSends
    {
        get
        {
            lock (_gate)
            {
                return _duplicateSends;
            }
        }
    }

    public int NextAttempt(string idempotencyKey)
    {
        lock (_gate)
        {
            var attempt = _attempts.GetValueOrDefault(idempotencyKey) + 1;
            _attempts[idempotencyKey] = attempt;
            return attempt;
        }
    }

    public Publication? Find(string idempotencyKey)
    {
        lock (_gate)
        {
            return _byKey.GetValueOrDefault(idempotencyKey);
        }
    }

    public void CountDuplicateSend(string idempotencyKey)
    {
        lock (_gate)
        {
            _duplicateSends++;
        }
    }

    public (Publication Stored, bool Added) Add(Publication publication)
    {
        lock (_gate)
        {
            if (_byKey.TryGetValue(publication.IdempotencyKey, out var existing))
            {
                _duplicateSends++;
                return (existing, false);
            }

            _byKey[publication.IdempotencyKey] = publication;
            var profile = (publication.Network, publication.Handle);
            if (!_byProfile.TryGetValue(profile, out var times))
            {
                _byProfile[profile] = times = [];
            }

            times.Add(publication.PublishedAt);
            return (publication, true);
        }
    }

    public int CountSince(Network network, string handle, DateTimeOffset since)
    {
        lock (_gate)
        {
            return _byProfile.TryGetValue((network, handle), out var times) ? times.Count(t => t >= since) : 0;
        }
    }

    public int Count()
    {
        lock (_gate)
        {
            return _byKey.Count;
        }
    }

    public IReadOnlyList<Publication> All()
    {
        lock (_gate)
        {
            return [.. _byKey.Values.OrderBy(p => p.PublishedAt).ThenBy(p => p.IdempotencyKey, StringComparer.Ordinal)];
        }
    }
}
