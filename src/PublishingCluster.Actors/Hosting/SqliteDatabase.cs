using Microsoft.Data.Sqlite;

namespace PublishingCluster.Actors.Hosting;

/// <summary>The embedded journal's file: created with its folder on first start, and switched to WAL.</summary>
public static class SqliteDatabase
{
    /// <summary>Creates the folder, puts the file in WAL mode (which the file keeps) and returns the connection string.</summary>
    public static string Prepare(string path)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();

        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        // WAL lets readers (recovery, queries) proceed while the journal writes; NORMAL sync is durable in WAL
        // against process crashes, which is the failure this server must survive.
        command.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;";
        command.ExecuteNonQuery();
        return connectionString;
    }
}
