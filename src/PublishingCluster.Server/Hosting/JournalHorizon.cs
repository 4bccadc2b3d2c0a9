using System.Data.Common;

namespace PublishingCluster.Server.Hosting;

/// <summary>
/// How far the journal's global ordering may be read without skipping an event that is still being written: the
/// highest ordering up to which every ordering is either stored or known never to come.
/// <para>
/// Orderings are handed out when a row is inserted, not when its transaction commits: on PostgreSQL, with several
/// writers, ordering 41 can still be in flight while 42 is already visible. A reader that took 42 and remembered it
/// as its offset would never see 41. So reads stop below the first hole, until the hole is filled or has stayed
/// open for <see cref="Grace"/> (a rolled-back write or a deleted event leaves a hole for good). This is the rule
/// Akka.Persistence.Sql's read journal keeps with its journal-sequence actor; <see cref="TaggedJournalReader"/>
/// reads the tables itself, so it keeps the rule itself.
/// </para>
/// <para>
/// Holes are timed on the wall clock, whatever clock the node runs its accounts on: they are about database
/// transactions, not about the agency's time. Every hole seen in a scan is timed from that scan, so a journal with
/// many old holes costs one grace period on a node's first read, not one per hole.
/// </para>
/// </summary>
public sealed class JournalHorizon(Func<DbConnection> connect, TimeProvider wallClock, TimeSpan grace)
{
    /// <summary>How long a hole in the ordering is waited on: far beyond a write's commit, and what a late reader pays.</summary>
    public static readonly TimeSpan DefaultGrace = TimeSpan.FromSeconds(10);

    private const int ScanBatch = 10_000;

    // Bounds one call on a large journal (a node's first read): the rest is scanned on the next calls.
    private const int MaxBatchesPerCall = 100;

    private readonly SemaphoreSlim _gate = new(1, 1);

    // The first ordering of each open hole, with when a scan first saw it open.
    private readonly Dictionary<long, DateTimeOffset> _holesSince = [];
    private long _complete;

    public TimeSpan Grace { get; } = grace;

    /// <summary>Reads the orderings stored since the last call and returns the horizon: every ordering up to it may be read as final.</summary>
    public async Task<long> CurrentAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = connect();
            await connection.OpenAsync(cancellationToken);
            for (var batch = 0; batch < MaxBatchesPerCall; batch++)
            {
                var orderings = await OrderingsAfterAsync(connection, _complete, cancellationToken);
                var stoppedAtHole = Advance(orderings, wallClock.GetUtcNow());
                if (stoppedAtHole || orderings.Count < ScanBatch)
                {
                    break;
                }
            }

            return _complete;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Moves the horizon over the orderings read; true when it stopped below a hole still within its grace.</summary>
    private bool Advance(IReadOnlyList<long> orderings, DateTimeOffset now)
    {
        var stopped = false;
        var cursor = _complete;
        foreach (var ordering in orderings)
        {
            if (ordering > cursor + 1)
            {
                var hole = cursor + 1;
                var since = _holesSince.TryGetValue(hole, out var seen) ? seen : now;
                _holesSince[hole] = since;
                // Past a young hole the scan goes on only to time the holes behind it.
                stopped |= now - since < Grace;
            }

            cursor = ordering;
            if (!stopped)
            {
                _complete = ordering;
            }
        }

        foreach (var passed in _holesSince.Keys.Where(hole => hole <= _complete).ToList())
        {
            _holesSince.Remove(passed);
        }

        return stopped;
    }

    private static async Task<List<long>> OrderingsAfterAsync(DbConnection connection, long after, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT ordering FROM {JournalTables.Journal} WHERE ordering > @after ORDER BY ordering LIMIT {ScanBatch}";
        command.Parameters.Add(JournalTables.Parameter(command, "@after", after));
        var orderings = new List<long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            orderings.Add(reader.GetInt64(0));
        }

        return orderings;
    }
}
