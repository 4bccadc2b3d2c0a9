using System.Data.Common;
using System.Runtime.CompilerServices;
using Akka.Actor;
using Akka.Persistence.Query;

namespace PublishingCluster.Server.Hosting;

/// <summary>
/// Events by tag, read from the journal's tables with plain SQL: what the audit trail, the agency's escalations,
/// the notification dispatcher and the posting partitions' catch-up read.
/// <para>
/// Why not the SQL read journal's <c>CurrentEventsByTag</c>: in tag-table mode Akka.Persistence.Sql (1.5.73, with
/// linq2db 6.5) fetches each event's tags with a subquery that linq2db renders as
/// <c>(SELECT STRING_AGG(tag, ';') FILTER (WHERE ordering_id = x.ordering) FROM tags)</c>, a scan of the whole tag
/// table for every event returned. A read's cost then grows with the journal's size times the rows read: on a node
/// opening 30,000 accounts, single reads ran for tens of seconds and kept coming, on PostgreSQL and SQLite alike; the
/// node stalled. Here the rows are found through the tag table's index on tag and their tags in one keyed query.
/// </para>
/// <para>
/// Reads stop at the <see cref="JournalHorizon"/>, so an event whose write has not yet committed is never skipped
/// by a reader that has gone past its ordering. Payloads are deserialized with the actor system's serializers, as
/// the journal stored them (the node configures no event adapters).
/// </para>
/// </summary>
/// <param name="batchSize">Rows read per query; an enumeration goes on batch after batch.</param>
public sealed class TaggedJournalReader(Func<DbConnection> connect, Func<ActorSystem> system, JournalHorizon horizon, int batchSize = TaggedJournalReader.DefaultBatchSize)
{
    public const int DefaultBatchSize = 500;

    /// <summary>The node's reader of its journal: holes in the ordering timed on the wall clock, with the default grace.</summary>
    public static TaggedJournalReader For(JournalDatabase database, Func<ActorSystem> system, int batchSize = DefaultBatchSize) =>
        new(database.Connect, system, new JournalHorizon(database.Connect, TimeProvider.System, JournalHorizon.DefaultGrace), batchSize);

    /// <summary>The events stored with <paramref name="tag"/> after the offset <paramref name="after"/>, in the journal's order, up to the horizon.</summary>
    public async IAsyncEnumerable<EventEnvelope> EventsAsync(string tag, long after, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var until = await horizon.CurrentAsync(cancellationToken);
        var offset = after;
        while (offset < until)
        {
            var batch = await ReadBatchAsync(tag, offset, until, cancellationToken);
            foreach (var envelope in batch)
            {
                yield return envelope;
            }

            if (batch.Count < batchSize)
            {
                yield break;
            }

            offset = ((Sequence)batch[^1].Offset).Value;
        }
    }

    /// <summary>
    /// Which persistence ids stored events with <paramref name="tag"/> after <paramref name="after"/>, and the last
    /// such event's offset (<paramref name="after"/> when none): the ids alone, no event is read.
    /// </summary>
    public async Task<(IReadOnlySet<string> PersistenceIds, long Offset)> PersistenceIdsAsync(string tag, long after, CancellationToken cancellationToken)
    {
        var until = await horizon.CurrentAsync(cancellationToken);
        await using var connection = connect();
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            $"SELECT persistence_id, MAX(ordering_id) FROM {JournalTables.Tags} " +
            "WHERE tag = @tag AND ordering_id > @after AND ordering_id <= @until GROUP BY persistence_id";
        command.Parameters.Add(JournalTables.Parameter(command, "@tag", tag));
        command.Parameters.Add(JournalTables.Parameter(command, "@after", after));
        command.Parameters.Add(JournalTables.Parameter(command, "@until", until));
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var last = after;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
            last = Math.Max(last, reader.GetInt64(1));
        }

        return (ids, last);
    }

    private async Task<List<EventEnvelope>> ReadBatchAsync(string tag, long after, long until, CancellationToken cancellationToken)
    {
        await using var connection = connect();
        await connection.OpenAsync(cancellationToken);
        var rows = await RowsAsync(connection, tag, after, until, batchSize, cancellationToken);
        var tags = rows.Count == 0 ? [] : await TagsOfAsync(connection, rows.Select(row => row.Ordering).ToList(), cancellationToken);
        var serialization = system().Serialization;
        return
        [
            .. rows.Select(row => new EventEnvelope(
                Offset.Sequence(row.Ordering),
                row.PersistenceId,
                row.SequenceNr,
                serialization.Deserialize(row.Message, row.SerializerId, row.Manifest),
                row.Created,
                tags.TryGetValue(row.Ordering, out var own) ? [.. own] : [])),
        ];
    }

    private static async Task<List<StoredRow>> RowsAsync(DbConnection connection, string tag, long after, long until, int limit, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT j.ordering, j.persistence_id, j.sequence_number, j.message, j.manifest, j.identifier, j.created " +
            $"FROM {JournalTables.Tags} t JOIN {JournalTables.Journal} j ON j.ordering = t.ordering_id " +
            "WHERE t.tag = @tag AND t.ordering_id > @after AND t.ordering_id <= @until AND NOT j.deleted " +
            "ORDER BY t.ordering_id LIMIT @limit";
        command.Parameters.Add(JournalTables.Parameter(command, "@tag", tag));
        command.Parameters.Add(JournalTables.Parameter(command, "@after", after));
        command.Parameters.Add(JournalTables.Parameter(command, "@until", until));
        command.Parameters.Add(JournalTables.Parameter(command, "@limit", limit));
        var rows = new List<StoredRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var ordering = reader.GetInt64(0);
            if (reader.IsDBNull(5))
            {
                throw new InvalidOperationException($"Journal row {ordering} names no serializer; it was not written by this node's journal.");
            }

            rows.Add(new StoredRow(
                ordering,
                reader.GetString(1),
                reader.GetInt64(2),
                reader.GetFieldValue<byte[]>(3),
                reader.IsDBNull(4) ? string.Empty : reader.GetString(4),
                Convert.ToInt32(reader.GetValue(5), System.Globalization.CultureInfo.InvariantCulture),
                reader.GetInt64(6)));
        }

        return rows;
    }

    private static async Task<Dictionary<long, List<string>>> TagsOfAsync(DbConnection connection, IReadOnlyList<long> orderings, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        var names = new string[orderings.Count];
        for (var i = 0; i < orderings.Count; i++)
        {
            names[i] = $"@o{i}";
            command.Parameters.Add(JournalTables.Parameter(command, names[i], orderings[i]));
        }

        command.CommandText = $"SELECT ordering_id, tag FROM {JournalTables.Tags} WHERE ordering_id IN ({string.Join(", ", names)})";
        var tags = new Dictionary<long, List<string>>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var ordering = reader.GetInt64(0);
            if (!tags.TryGetValue(ordering, out var own))
            {
                tags[ordering] = own = [];
            }

            own.Add(reader.GetString(1));
        }

        return tags;
    }

    private sealed record StoredRow(long Ordering, string PersistenceId, long SequenceNr, byte[] Message, string Manifest, int SerializerId, long Created);
}
