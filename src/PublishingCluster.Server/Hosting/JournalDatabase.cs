using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using PublishingCluster.Actors.Hosting;

namespace PublishingCluster.Server.Hosting;

/// <summary>
/// The node's journal database, prepared once before the actor system starts: for SQLite the folder, file and WAL;
/// for PostgreSQL the connection string given (the journal creates its tables there on first start).
/// </summary>
public sealed class JournalDatabase
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    public JournalDatabase(NodeOptions node)
    {
        if (string.Equals(node.Provider, Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            Provider = Sqlite;
            ProviderName = LinqToDB.ProviderName.SQLiteMS;
            ConnectionString = SqliteDatabase.Prepare(node.Database);
        }
        else if (string.Equals(node.Provider, Postgres, StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(node.ConnectionString))
            {
                throw new InvalidOperationException(
                    "The provider 'postgres' needs a connection string: --connection-string or PUBLISHINGCLUSTER_Node__ConnectionString (Host=...;Port=...;Database=...;Username=...).");
            }

            Provider = Postgres;
            ProviderName = LinqToDB.ProviderName.PostgreSQL15;
            ConnectionString = PostgresDatabase.Check(node.ConnectionString);
        }
        else
        {
            throw new InvalidOperationException($"Unknown persistence provider '{node.Provider}'; this node supports '{Sqlite}' and '{Postgres}'.");
        }
    }

    /// <summary>"sqlite" or "postgres": also the name of the provider's HOCON file (persistence.&lt;provider&gt;.hocon).</summary>
    public string Provider { get; }

    /// <summary>The linq2db provider name Akka.Persistence.Sql talks to the database with.</summary>
    public string ProviderName { get; }

    public string ConnectionString { get; }

    public bool IsPostgres => Provider == Postgres;

    public JournalConnectivityCheck ConnectivityCheck() => IsPostgres
        ? JournalConnectivityCheck.ForPostgres(ConnectionString)
        : JournalConnectivityCheck.ForSqlite(ConnectionString);

    /// <summary>A new, unopened connection to the journal's database, for the node's own reads of its tables.</summary>
    public DbConnection Connect() => IsPostgres ? new NpgsqlConnection(ConnectionString) : new SqliteConnection(ConnectionString);
}
