using Microsoft.Data.Sqlite;
using PublishingCluster.Actors.Clocks;
using PublishingCluster.Server.Hosting;
using PublishingCluster.Server.Tests.Support;

namespace PublishingCluster.Server.Tests;

/// <summary>
/// The journal horizon on a real SQLite file: reads stop below a hole in the journal's ordering (a write that may
/// still commit) until it is filled or its grace has passed, on the horizon's own clock.
/// </summary>
public sealed class JournalHorizonTests : IDisposable
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);
    private readonly TempFolder _folder = new();
    private readonly VirtualClock _clock = new(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));
    private readonly string _connectionString;

    public JournalHorizonTests()
    {
        _connectionString = new SqliteConnectionStringBuilder { DataSource = _folder.File("journal.db"), Pooling = false }.ToString();
        Execute($"CREATE TABLE {JournalTables.Journal} (ordering INTEGER PRIMARY KEY)");
    }

    private JournalHorizon NewHorizon() => new(() => new SqliteConnection(_connectionString), _clock, Grace);

    [Fact]
    public async Task An_empty_journal_and_an_unbroken_run_are_read_to_their_end()
    {
        var horizon = NewHorizon();
        Assert.Equal(0, await horizon.CurrentAsync(CancellationToken.None));

        Store(1, 2, 3);
        Assert.Equal(3, await horizon.CurrentAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_hole_holds_the_horizon_below_it_until_it_is_filled()
    {
        var horizon = NewHorizon();
        Store(1, 2, 4, 5);
        Assert.Equal(2, await horizon.CurrentAsync(CancellationToken.None));

        _clock.Advance(Grace / 2);
        Assert.Equal(2, await horizon.CurrentAsync(CancellationToken.None));

        // The write of ordering 3 commits: the horizon moves at once.
        Store(3);
        Assert.Equal(5, await horizon.CurrentAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_hole_never_filled_is_passed_after_its_grace()
    {
        var horizon = NewHorizon();
        Store(1, 3);
        Assert.Equal(1, await horizon.CurrentAsync(CancellationToken.None));

        _clock.Advance(Grace - TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, await horizon.CurrentAsync(CancellationToken.None));

        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(3, await horizon.CurrentAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Many_old_holes_cost_one_grace_together_not_one_each()
    {
        var horizon = NewHorizon();
        Store(1, 3, 5, 7, 10);
        Assert.Equal(1, await horizon.CurrentAsync(CancellationToken.None));

        _clock.Advance(Grace);
        Assert.Equal(10, await horizon.CurrentAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_hole_first_seen_later_gets_its_own_grace()
    {
        var horizon = NewHorizon();
        Store(1, 3);
        Assert.Equal(1, await horizon.CurrentAsync(CancellationToken.None));

        _clock.Advance(Grace);
        Store(5);
        // The hole at 2 is old and passed; the one at 4 was seen only now.
        Assert.Equal(3, await horizon.CurrentAsync(CancellationToken.None));

        _clock.Advance(Grace);
        Assert.Equal(5, await horizon.CurrentAsync(CancellationToken.None));
    }

    private void Store(params long[] orderings)
    {
        foreach (var ordering in orderings)
        {
            Execute($"INSERT INTO {JournalTables.Journal} (ordering) VALUES ({ordering})");
        }
    }

    private void Execute(string sql)
    {
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose() => _folder.Dispose();
}
