using System.Globalization;
using Microsoft.Data.Sqlite;
using PublishingCluster.Domain.Channels;

namespace PublishingCluster.Channels.Simulated;

/// <summary>
/// A publication log in a SQLite file: the simulated networks outlive the node that publishes to them, as real
/// networks do, so a node killed between "sent" and "recorded" finds its post still there after a restart, and a
/// test in another process can count what was published. One connection, serialised by a lock: the calls are
/// tiny and SQLite has a single writer anyway. WAL with synchronous NORMAL: a killed process loses nothing
/// committed (only a power cut could), and a commit costs no flush to disk.
/// </summary>
public sealed class SqlitePublicationLog : IPublicationLog, IDisposable
{
    private readonly Lock _gate = new();
    private readonly SqliteConnection _connection;

    public SqlitePublicationLog(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _connection.Open();
        Execute("""
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = NORMAL;
            PRAGMA busy_timeout = 5000;
            CREATE TABLE IF NOT EXISTS publications (
                idempotency_key TEXT PRIMARY KEY,
                network TEXT NOT NULL,
                handle TEXT NOT NULL,
                external_id TEXT NOT NULL,
                published_at_ticks INTEGER NOT NULL,
                published_at TEXT NOT NULL,
                text TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS publications_by_profile ON publications (network, handle, published_at_ticks);
            CREATE TABLE IF NOT EXISTS publish_attempts (idempotency_key TEXT PRIMARY KEY, attempts INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS duplicate_sends (idempotency_key TEXT NOT NULL, counted_at INTEGER NOT NULL);
            """);
    }

    public long DuplicateSends
    {
        get
        {
            lock (_gate)
            {
                return Scalar<long>("SELECT COUNT(*) FROM duplicate_sends");
            }
        }
    }

    public int NextAttempt(string idempotencyKey)
    {
        lock (_gate)
        {
            return (int)Scalar<long>(
                "INSERT INTO publish_attempts (idempotency_key, attempts) VALUES ($key, 1) ON CONFLICT (idempotency_key) DO UPDATE SET attempts = attempts + 1 RETURNING attempts",
                ("$key", idempotencyKey));
        }
    }

    public Publication? Find(string idempotencyKey)
    {
        lock (_gate)
        {
            return Query("SELECT idempotency_key, network, handle, external_id, published_at, text FROM publications WHERE idempotency_key = $key", ("$key", idempotencyKey))
                .SingleOrDefault();
        }
    }

    public void CountDuplicateSend(string idempotencyKey)
    {
        lock (_gate)
        {
            Execute("INSERT INTO duplicate_sends (idempotency_key, counted_at) VALUES ($key, $at)", ("$key", idempotencyKey), ("$at", DateTime.UtcNow.Ticks));
        }
    }

    public (Publication Stored, bool Added) Add(Publication publication)
    {
        lock (_gate)
        {
            var added = Execute(
                """
                INSERT INTO publications (idempotency_key, network, handle, external_id, published_at_ticks, published_at, text)
                VALUES ($key, $network, $handle, $external, $ticks, $at, $text) ON CONFLICT (idempotency_key) DO NOTHING
                """,
                ("$key", publication.IdempotencyKey),
                ("$network", publication.Network.ToString()),
                ("$handle", publication.Handle),
                ("$external", publication.ExternalId),
                ("$ticks", publication.PublishedAt.UtcTicks),
                ("$at", publication.PublishedAt.ToString("O", CultureInfo.InvariantCulture)),
                ("$text", publication.Text)) == 1;
            if (added)
            {
                return (publication, true);
            }

            Execute("INSERT INTO duplicate_sends (idempotency_key, counted_at) VALUES ($key, $at)", ("$key", publication.IdempotencyKey), ("$at", DateTime.UtcNow.Ticks));
            var existing = Query("SELECT idempotency_key, network, handle, external_id, published_at, text FROM publications WHERE idempotency_key = $key", ("$key", publication.IdempotencyKey)).Single();
            return (existing, false);
        }
    }

    public int CountSince(Network network, string handle, DateTimeOffset since)
    {
        lock (_gate)
        {
            return (int)Scalar<long>(
                "SELECT COUNT(*) FROM publications WHERE network = $network AND handle = $handle AND published_at_ticks >= $since",
                ("$network", network.ToString()),
                ("$handle", handle),
                ("$since", since.UtcTicks));
        }
    }

    public int Count()
    {
        lock (_gate)
        {
            return (int)Scalar<long>("SELECT COUNT(*) FROM publications");
        }
    }

    public IReadOnlyList<Publication> All()
    {
        lock (_gate)
        {
            return Query("SELECT idempotency_key, network, handle, external_id, published_at, text FROM publications ORDER BY published_at_ticks, idempotency_key");
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _connection.Dispose();
        }
    }

    private int Execute(string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        return command.ExecuteNonQuery();
    }

    private T Scalar<T>(string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        return (T)Convert.ChangeType(command.ExecuteScalar()!, typeof(T), CultureInfo.InvariantCulture);
    }

    private List<Publication> Query(string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        using var reader = command.ExecuteReader();
        var rows = new List<Publication>();
        while (reader.Read())
        {
            rows.Add(Publication.FromRow(reader));
        }

        return rows;
    }

    private SqliteCommand Command(string sql, (string Name, object Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }
}
