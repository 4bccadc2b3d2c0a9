using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace PublishingCluster.Server.Hosting;

/// <summary>
/// Readiness: the journal's database answers a trivial query. (Akka.Persistence.Sql.Hosting ships such a check,
/// but its build here is bound to an older linq2db and fails to load, so the node runs its own.)
/// </summary>
public sealed class JournalConnectivityCheck(Func<DbConnection> connect) : IHealthCheck
{
    public const string Name = "journal-connectivity";

    public static JournalConnectivityCheck ForSqlite(string connectionString) => new(() => new SqliteConnection(connectionString));

    public static JournalConnectivityCheck ForPostgres(string connectionString) => new(() => new NpgsqlConnection(connectionString));

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = connect();
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy("The journal's database answers.");
        }
        catch (DbException e)
        {
            return HealthCheckResult.Unhealthy("The journal's database does not answer.", e);
        }
    }
}
