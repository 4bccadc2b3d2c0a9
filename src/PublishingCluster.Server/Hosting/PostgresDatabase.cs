using Npgsql;

namespace PublishingCluster.Server.Hosting;

/// <summary>The PostgreSQL journal's connection string, checked before the actor system starts.</summary>
public static class PostgresDatabase
{
    /// <summary>
    /// Parses the connection string, so a typo stops the node at start with a clear message instead of failing
    /// every write later, and returns it in Npgsql's normal form.
    /// </summary>
    public static string Check(string connectionString)
    {
        try
        {
            return new NpgsqlConnectionStringBuilder(connectionString).ConnectionString;
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException($"The PostgreSQL connection string is not valid: {e.Message}", e);
        }
    }
}
