using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using PublishingCluster.Server.Hosting;
using PublishingCluster.Server.Tests.Support;

namespace PublishingCluster.Server.Tests;

/// <summary>
/// The SQLite journal's log is emptied by the node's checkpointer once the readers that kept it growing are done,
/// and a checkpoint that finds a reader still inside the log gives up in bounded time without losing anything.
/// </summary>
public sealed class SqliteCheckpointerTests
{
    [Fact]
    public async Task A_log_that_grew_beside_a_reader_is_emptied_once_the_reader_is_done()
    {
        using var folder = new TempFolder();
        var (journal, checkpointer) = Start(folder);
        await using var reader = await OpenAsync(journal);
        await BeginReadingAsync(reader);
        await WriteAsync(journal, rows: 2_000);
        var wal = new SqliteConnectionStringBuilder(journal.ConnectionString).DataSource + "-wal";
        // The reader's snapshot keeps the log from starting over, so it holds every row written since.
        Assert.True(new FileInfo(wal).Length > 1_000_000, $"the log is {new FileInfo(wal).Length} bytes");

        await ExecuteAsync(reader, "COMMIT;");
        var (busy, frames, copied) = await checkpointer.TruncateAsync(CancellationToken.None);

        Assert.False(busy);
        Assert.Equal(frames, copied);
        Assert.Equal(0, new FileInfo(wal).Length);
        Assert.Equal(2_000, await CountAsync(journal));
    }

    [Fact]
    public async Task A_checkpoint_that_finds_a_reader_inside_the_log_gives_up_and_loses_nothing()
    {
        using var folder = new TempFolder();
        var (journal, checkpointer) = Start(folder);
        await WriteAsync(journal, rows: 10);
        await using var reader = await OpenAsync(journal);
        await BeginReadingAsync(reader);
        await WriteAsync(journal, rows: 10);

        var (busy, _, _) = await checkpointer.TruncateAsync(CancellationToken.None);
        await ExecuteAsync(reader, "COMMIT;");

        Assert.True(busy);
        await WriteAsync(journal, rows: 10);
        Assert.Equal(30, await CountAsync(journal));
    }

    private static (JournalDatabase Journal, SqliteCheckpointer Checkpointer) Start(TempFolder folder)
    {
        var journal = new JournalDatabase(new NodeOptions { Database = folder.File("journal.db") });
        return (journal, new SqliteCheckpointer(journal, NullLogger<SqliteCheckpointer>.Instance));
    }

    private static async Task<SqliteConnection> OpenAsync(JournalDatabase journal)
    {
        var connection = new SqliteConnection(journal.ConnectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, "CREATE TABLE IF NOT EXISTS facts (id INTEGER PRIMARY KEY, body TEXT NOT NULL);");
        return connection;
    }

    private static async Task WriteAsync(JournalDatabase journal, int rows)
    {
        await using var writer = await OpenAsync(journal);
        for (var i = 0; i < rows; i++)
        {
            await using var insert = writer.CreateCommand();
            // One commit a row, as the journal commits batch after batch; each a page or more of the log.
            insert.CommandText = "INSERT INTO facts (body) VALUES ($body);";
            insert.Parameters.AddWithValue("$body", new string('x', 600));
            await insert.ExecuteNonQueryAsync();
        }
    }

    private static async Task<long> CountAsync(JournalDatabase journal)
    {
        await using var connection = await OpenAsync(journal);
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT count(*) FROM facts;";
        return (long)(await count.ExecuteScalarAsync())!;
    }

    /// <summary>A deferred transaction that has read: its snapshot stays until COMMIT, as a long recovery's would.</summary>
    private static async Task BeginReadingAsync(SqliteConnection connection)
    {
        await ExecuteAsync(connection, "BEGIN;");
        await using var read = connection.CreateCommand();
        read.CommandText = "SELECT count(*) FROM facts;";
        await read.ExecuteScalarAsync();
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
