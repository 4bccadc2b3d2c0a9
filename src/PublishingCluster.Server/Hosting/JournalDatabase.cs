namespace PublishingCluster.Server.Hosting;

/// <summary>The node's journal database, prepared once (folder, file, WAL) before the actor system starts.</summary>
public sealed class JournalDatabase
{
    public JournalDatabase(NodeOptions node)
    {
        if (!string.Equals(node.Provider, "sqlite", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Unknown persistence provider '{node.Provider}'; this node supports 'sqlite'.");
        }

        ConnectionString = SqliteDatabase.Prepare(node.Database);
    }

    public string ConnectionString { get; }

    public JournalConnectivityCheck ConnectivityCheck() => JournalConnectivityCheck.ForSqlite(ConnectionString);
}
