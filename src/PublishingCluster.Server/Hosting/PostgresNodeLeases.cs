using Npgsql;
using PublishingCluster.Actors.Standing;

namespace PublishingCluster.Server.Hosting;

/// <summary>
/// The nodes' leases in the PostgreSQL database the cluster shares (table <c>node_leases</c>, beside the journal's).
/// Every time is the database's (<c>clock_timestamp()</c>), so the nodes' own clocks never compare with each other.
/// The table is created on first use, under an advisory lock since nodes start together.
/// </summary>
public sealed class PostgresNodeLeases(string connectionString) : INodeLeases, IDisposable
{
    private const long SchemaLock = 0x5075_624C_6561_7365;

    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);
    private readonly SemaphoreSlim _schema = new(1, 1);
    private bool _created;

    public async Task<LeaseRound> RenewAsync(string node, TimeSpan ttl, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        bool renewed;
        await using (var renew = new NpgsqlCommand("""
            INSERT INTO node_leases AS lease (node, expires_at, revoked) VALUES (@node, clock_timestamp() + @ttl, false)
            ON CONFLICT (node) DO UPDATE SET expires_at = EXCLUDED.expires_at WHERE NOT lease.revoked
            """, connection))
        {
            renew.Parameters.AddWithValue("node", node);
            renew.Parameters.AddWithValue("ttl", ttl);
            // No row changed: the lease exists and was revoked.
            renewed = await renew.ExecuteNonQueryAsync(cancellationToken) == 1;
        }

        var live = new List<LiveLease>();
        await using (var others = new NpgsqlCommand("""
            SELECT node, revoked, extract(epoch FROM expires_at - clock_timestamp())::float8
            FROM node_leases WHERE node <> @node AND expires_at > clock_timestamp()
            """, connection))
        {
            others.Parameters.AddWithValue("node", node);
            await using var reader = await others.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                live.Add(new LiveLease(reader.GetString(0), reader.GetBoolean(1), TimeSpan.FromSeconds(reader.GetDouble(2))));
            }
        }

        return new LeaseRound(renewed, live);
    }

    public async Task RevokeAsync(string node, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        // A node revoked before it ever took a lease must not take one later: the row is written revoked, run out.
        await using var revoke = new NpgsqlCommand("""
            INSERT INTO node_leases AS lease (node, expires_at, revoked) VALUES (@node, clock_timestamp(), true)
            ON CONFLICT (node) DO UPDATE SET revoked = true
            """, connection);
        revoke.Parameters.AddWithValue("node", node);
        await revoke.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task ReleaseAsync(string node, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var release = new NpgsqlCommand("""
            INSERT INTO node_leases AS lease (node, expires_at, revoked) VALUES (@node, clock_timestamp(), true)
            ON CONFLICT (node) DO UPDATE SET revoked = true, expires_at = least(lease.expires_at, clock_timestamp())
            """, connection);
        release.Parameters.AddWithValue("node", node);
        await release.ExecuteNonQueryAsync(cancellationToken);
    }

    public void Dispose()
    {
        _dataSource.Dispose();
        _schema.Dispose();
    }

    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (_created)
        {
            return;
        }

        await _schema.WaitAsync(cancellationToken);
        try
        {
            if (_created)
            {
                return;
            }

            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using (var create = new NpgsqlCommand($"""
                SELECT pg_advisory_xact_lock({SchemaLock});
                CREATE TABLE IF NOT EXISTS node_leases (
                    node TEXT PRIMARY KEY,
                    expires_at TIMESTAMPTZ NOT NULL,
                    revoked BOOLEAN NOT NULL);
                -- Leases of nodes long gone are of no use to anyone.
                DELETE FROM node_leases WHERE expires_at < clock_timestamp() - interval '1 day';
                """, connection, transaction))
            {
                await create.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            _created = true;
        }
        finally
        {
            _schema.Release();
        }
    }
}
