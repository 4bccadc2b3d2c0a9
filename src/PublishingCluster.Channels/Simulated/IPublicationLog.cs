using System.Data;
using System.Globalization;
using PublishingCluster.Domain.Channels;

namespace PublishingCluster.Channels.Simulated;

/// <summary>
/// What the simulated networks have published, so tests, the simulator and operators can count it. It is the
/// network's memory, not the accounts': a post in it is on the network whatever the accounts recorded.
/// Implementations are safe to call from several threads.
/// </summary>
public interface IPublicationLog
{
    /// <summary>Counts one more publish call for the key and returns its number (1 for the first).</summary>
    int NextAttempt(string idempotencyKey);

    Publication? Find(string idempotencyKey);

    /// <summary>Notes a publish call for a key already published (answered "duplicate", nothing posted).</summary>
    void CountDuplicateSend(string idempotencyKey);

    /// <summary>
    /// Stores the publication unless its key is already there. Returns the stored one and whether it was new; a
    /// publish of a key already stored is counted as a duplicate send (which exactly-once publishing must avoid).
    /// </summary>
    (Publication Stored, bool Added) Add(Publication publication);

    /// <summary>How many posts the profile published at or after <paramref name="since"/>.</summary>
    int CountSince(Network network, string handle, DateTimeOffset since);

    IReadOnlyList<Publication> All();

    /// <summary>How many posts are on the networks (what <see cref="All"/> would list, without reading them).</summary>
    int Count();

    /// <summary>Publish calls that arrived for a key already published (answered "duplicate", nothing posted).</summary>
    long DuplicateSends { get; }
}

/// <summary>One post on a simulated network.</summary>
public sealed record Publication(
    string IdempotencyKey,
    Network Network,
    string Handle,
    string ExternalId,
    DateTimeOffset PublishedAt,
    string Text)
{
    /// <summary>
    /// Reads a row of the columns both stored logs select, in this order: idempotency key, network, handle,
    /// external id, published at (ISO 8601 text), text.
    /// </summary>
    internal static Publication FromRow(IDataRecord row) => new(
        row.GetString(0),
        Enum.Parse<Network>(row.GetString(1)),
        row.GetString(2),
        row.GetString(3),
        DateTimeOffset.Parse(row.GetString(4), CultureInfo.InvariantCulture),
        row.GetString(5));
}
