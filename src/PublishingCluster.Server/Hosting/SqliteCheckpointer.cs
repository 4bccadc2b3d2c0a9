using Microsoft.Data.Sqlite;

namespace PublishingCluster.Server.Hosting;

/// <summary>
/// Keeps the SQLite journal's write-ahead log bounded. Reads run beside the writer (deferred transactions, see
/// hocon/persistence.sqlite.hocon), so under a steady load some reader is always inside the log, and SQLite's own
/// checkpoint after each commit can copy pages back but never start the log over: the log grows without end, and
/// every commit's checkpoint walks all of it. Every <see cref="Interval"/> this service checks the log's size and,
/// past <see cref="Threshold"/>, runs a TRUNCATE checkpoint, which waits (at most <see cref="MaxWait"/>) for the
/// readers inside the log to finish, copies it back and empties the file. Nothing runs on PostgreSQL.
/// </summary>
public sealed class SqliteCheckpointer(JournalDatabase journal, ILogger<SqliteCheckpointer> log) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    /// <summary>How long one checkpoint waits for the readers inside the log before it gives up until the next try.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(1);

    /// <summary>Below this the log is left to SQLite's own checkpoints.</summary>
    public const long Threshold = 64L * 1024 * 1024;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (journal.IsPostgres)
        {
            return;
        }

        var wal = new SqliteConnectionStringBuilder(journal.ConnectionString).DataSource + "-wal";
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var size = File.Exists(wal) ? new FileInfo(wal).Length : 0;
            if (size < Threshold)
            {
                continue;
            }

            try
            {
                var (busy, frames, copied) = await TruncateAsync(stoppingToken);
                log.LogDebug("SQLite log was {Size} MiB: truncating checkpoint {Outcome} ({Copied} of {Frames} frames copied).",
                    size / 1048576, busy ? "waited in vain for readers, next try in a few seconds" : "done", copied, frames);
            }
            catch (SqliteException e)
            {
                log.LogWarning(e, "SQLite checkpoint failed; the next try is in {Interval}.", Interval);
            }
        }
    }

    /// <summary>One TRUNCATE checkpoint: whether it gave up waiting, the log's frames and those copied back.</summary>
    public async Task<(bool Busy, long Frames, long Copied)> TruncateAsync(CancellationToken cancellationToken)
    {
        // Its own connection, outside the journal's pool, so the busy timeout below stays with it.
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder(journal.ConnectionString) { Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        await using (var wait = connection.CreateCommand())
        {
            // SQLite's own busy handler, so the checkpoint waits for the readers still inside the log (new readers
            // meanwhile read the newest state and do not hold it up). Writers wait while it waits: bounded well
            // below the journal's call timeout.
            wait.CommandText = $"PRAGMA busy_timeout = {(int)MaxWait.TotalMilliseconds};";
            await wait.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        // Microsoft.Data.Sqlite repeats a busy statement until the command timeout; once is enough here (writers
        // are held while it waits), the next try comes on the next interval.
        command.CommandTimeout = 1;
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return (reader.GetInt64(0) != 0, reader.GetInt64(1), reader.GetInt64(2));
        }
        catch (SqliteException e) when (e.SqliteErrorCode == SqliteBusy)
        {
            return (true, -1, -1);
        }
    }

    private const int SqliteBusy = 5;
}
