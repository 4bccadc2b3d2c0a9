using System.Collections.Concurrent;
using PublishingCluster.Actors.Agencies;
using PublishingCluster.Server.Hosting;

namespace PublishingCluster.Server.Security;

/// <summary>
/// Which agencies exist, so that a key naming an agency nobody registered is refused without touching the agency
/// shards: asking the shard region for such an agency would start its actor (and recover it from the journal) only to
/// hear "not authenticated", and a stream of made-up agencies would fill the node with actors.
/// </summary>
/// <remarks>
/// Why the journal, and not a set shared by the nodes (Distributed Data) or a cache of misses: the journal is the one
/// store every node of the cluster already shares, and registering an agency answers only once its
/// <c>AgencyRegistered</c> event is committed there. So when the registration has been answered through node A, a
/// look-up through node B finds the event: an agency authenticates on every node at once, with no gossip to wait
/// for. A Distributed Data set would need majority writes and reads to give the same, and would be lost with the
/// whole cluster (it is kept in memory) and have to be rebuilt from the journal anyway; a cache of misses would
/// keep refusing a newly registered agency on every node that had seen it missing until the entry expired.
/// Each node keeps the agencies it has found (agencies are never removed, so a found one never goes stale, and only
/// registered agencies enter, so the set is as large as the tenant list); a miss is one look-up by primary key
/// (persistence id, sequence number) and is not kept. Misses are bounded per client address by
/// <see cref="FailedAuthentications"/>.
/// </remarks>
public sealed class AgencyDirectory(JournalDatabase journal)
{
    private readonly ConcurrentDictionary<string, bool> _found = new(StringComparer.Ordinal);

    public async ValueTask<bool> ExistsAsync(string agencyId, CancellationToken cancellationToken)
    {
        if (_found.ContainsKey(agencyId))
        {
            return true;
        }

        await using var connection = journal.Connect();
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // An agency's first event is its registration; an unregistered agency has no event at all.
        command.CommandText = $"SELECT 1 FROM {JournalTables.Journal} WHERE persistence_id = @persistenceId AND sequence_number = 1";
        command.Parameters.Add(JournalTables.Parameter(command, "@persistenceId", AgencyActor.PersistenceIdOf(agencyId)));
        var exists = await command.ExecuteScalarAsync(cancellationToken) is not null and not DBNull;
        if (exists)
        {
            _found.TryAdd(agencyId, true);
        }

        return exists;
    }
}
