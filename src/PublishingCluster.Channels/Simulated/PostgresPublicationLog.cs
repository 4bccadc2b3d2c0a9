using System.Globalization;
using Npgsql;
using PublishingCluster.Domain.Channels;

namespace PublishingCluster.Channels.Simulated;

/// <summary>
/// A publication log in PostgreSQL, for a cluster: every node publishes to the same simulated networks, so they
/// must share one memory of what is on them, as a real network is one place whichever node calls it. The key's
/// primary key makes "published once" hold across nodes: of two nodes publishing the same key at once, one insert
/// wins and the other is counted as a duplicate send. The time is kept as the SQLite log keeps it (ticks to
/// count by, the exact text to read back), so both logs give back what they were given. Tables are created on first use (simulated_*), beside the
/// journal's but apart from them. Each call takes a pooled connection, so nodes and threads do not wait on a lock.
/// </summary>
public sealed class PostgresPublicationLog : IPublicationLog, IDisposable
{
    // Nodes starting together would race on CREATE TABLE IF NOT EXISTS (it is not atomic in PostgreSQL); one
    // transaction-scoped advisory lock makes them take turns.
    private const long SchemaLock = 0x5075_626C_4C6F_67;

    private const string Columns = "idempotency_key, network, handle, external_id, published_at, text";

    private readonly NpgsqlDataSource _dataSource;

    public PostgresPublicationLog(string connectionString)
    {
        _dataSource = NpgsqlDataSource.Create(connectionString);
        using var connection = _dataSource.OpenConnection();
        using var transaction = connection.BeginTransaction();
        Execute(connection, $"SELECT pg_advisory_xact_lock({SchemaLock})");
        Execute(connection, """
            CREATE TABLE IF NOT EXISTS simulated_publications (
                idempotency_key TEXT PRIMARY KEY,
                network TEXT NOT NULL,
                handle TEXT NOT NULL,
                external_id TEXT NOT NULL,
                published_at_ticks BIGINT NOT NULL,
                published_at TEXT NOT NULL,
                text TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS simulated_publications_by_profile ON simulated_publications (network, handle, published_at_ticks);
            CREATE TABLE IF NOT EXISTS simulated_publish_attempts (idempotency_key TEXT PRIMARY KEY, attempts INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS simulated_duplicate_sends (idempotency_key TEXT NOT NULL, counted_at TIMESTAMPTZ NOT NULL DEFAULT now());
            """);
        transaction.Commit();
    }

    public long DuplicateSends => Scalar<long>("SELECT COUNT(*) FROM simulated_duplicate_sends");

    public int NextAttempt(string idempotencyKey) => Scalar<int>(
        """
        INSERT INTO simulated_publish_attempts (idempotency_key, attempts) VALUES (@key, 1)
        ON CONFLICT (idempotency_key) DO UPDATE SET attempts = simulated_publish_attempts.attempts + 1 RETURNING attempts
        """,
        ("key", idempotencyKey));

    public Publication? Find(string idempotencyKey) =>
        Query($"SELECT {Columns} FROM simulated_publications WHERE idempotency_key = @key", ("key", idempotencyKey)).SingleOrDefault();

    public void CountDuplicateSend(string idempotencyKey)
    {
        using var connection = _dataSource.OpenConnection();
        Execute(connection, "INSERT INTO simulated_duplicate_sends (idempotency_key) VALUES (@key)", ("key", idempotencyKey));
    }

    public (Publication Stored, bool Added) Add(Publication publication)
    {
        using var connection = _dataSource.OpenConnection();
        var added = Execute(
            connection,
            $"INSERT INTO simulated_publications ({Columns}, published_at_ticks) VALUES (@key, @network, @handle, @external, @at, @text, @ticks) ON CONFLICT (idempotency_key) DO NOTHING",
            ("key", publication.IdempotencyKey),
            ("network", publication.Network.ToString()),
            ("handle", publication.Handle),
            ("external", publication.ExternalId),
            ("at", publication.PublishedAt.ToString("O", CultureInfo.InvariantCulture)),
            ("text", publication.Text),
            ("ticks", publication.PublishedAt.UtcTicks)) == 1;
        if (added)
        {
            return (publication, true);
        }

        Execute(connection, "INSERT INTO simulated_duplicate_sends (idempotency_key) VALUES (@key)", ("key", publication.IdempotencyKey));
        return (Find(publication.IdempotencyKey)!, false);
    }

    public int CountSince(Network network, string handle, DateTimeOffset since) => (int)Scalar<long>(
        "SELECT COUNT(*) FROM simulated_publications WHERE network = @network AND handle = @handle AND published_at_ticks >= @since",
        ("network", network.ToString()),
        ("handle", handle),
        ("since", since.UtcTicks));

    public int Count() => (int)Scalar<long>("SELECT COUNT(*) FROM simulated_publications");

    public IReadOnlyList<Publication> All() =>
        Query($"SELECT {Columns} FROM simulated_publications ORDER BY published_at_ticks, idempotency_key");

    public void Dispose() => _dataSource.Dispose();

    private static int Execute(NpgsqlConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        return command.ExecuteNonQuery();
    }

    private T Scalar<T>(string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = _dataSource.OpenConnection();
        using var command = Command(connection, sql, parameters);
        return (T)command.ExecuteScalar()!;
    }

    private List<Publication> Query(string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = _dataSource.OpenConnection();
        using var command = Command(connection, sql, parameters);
        using var reader = command.ExecuteReader();
        var rows = new List<Publication>();
        while (reader.Read())
        {
            rows.Add(Publication.FromRow(reader));
        }

        return rows;
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, (string Name, object Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }
}
