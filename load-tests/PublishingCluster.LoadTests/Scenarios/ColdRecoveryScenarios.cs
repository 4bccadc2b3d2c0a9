using System.Diagnostics;
using Akka.Actor;
using Microsoft.Data.Sqlite;
using PublishingCluster.Actors.Accounts;

namespace PublishingCluster.LoadTests.Scenarios;

/// <summary>
/// <c>cold-recovery</c>: how long an account that is not in memory (passivated, or on a node that just started)
/// takes to answer its first query, when its history is <see cref="RunOptions.Events"/> events long. One scenario
/// per snapshot policy: none (every event is replayed), a snapshot some events back (the tail is replayed), and a
/// snapshot at the last event (nothing is replayed). Each step starts a new incarnation of the actor on the same
/// journal, asks it for the account, and stops it: the latency is the recovery plus one query.
/// </summary>
public sealed class ColdRecoveryScenarios
{
    private readonly RunOptions _options;
    private readonly string _variant;
    private readonly ClientAccountSettings _settings;
    private readonly string _folder = Directory.CreateTempSubdirectory("publishingcluster-recovery-").FullName;
    private readonly Dictionary<string, string> _notes = [];
    private LocalJournal? _journal;
    private string _accountId = string.Empty;

    private ColdRecoveryScenarios(RunOptions options, string variant, int snapshotEvery)
    {
        _options = options;
        _variant = variant;
        _settings = new ClientAccountSettings(SnapshotEvery: snapshotEvery);
    }

    /// <summary>The three snapshot policies, for an account of <paramref name="options"/>.Events events.</summary>
    public static IReadOnlyList<Scenario> All(RunOptions options)
    {
        var events = options.Events;
        // With one domain event per command, "every events*3/10" leaves a snapshot at 90% of the history and a
        // tail of 10% to replay; "every events/5" puts the last snapshot on the last event.
        (string Variant, int Every)[] variants =
        [
            ("no snapshot", int.MaxValue),
            ($"snapshot every {events * 3 / 10}", events * 3 / 10),
            ($"snapshot every {events / 5}", events / 5),
        ];
        return [.. variants.Select(v => new ColdRecoveryScenarios(options, v.Variant, v.Every).Build())];
    }

    private Scenario Build()
    {
        var step = $"recover + first query, {_options.Events} events, {_variant}";
        return new("cold-recovery", step, RecoverOnceAsync)
        {
            Init = InitAsync,
            Clean = CleanAsync,
            // One recovery at a time: the figure wanted is one account's recovery, not the journal under contention.
            WarmUp = new LoadSimulation.KeepConstant(1, _options.WarmUp),
            Simulations = [new LoadSimulation.KeepConstant(1, _options.Duration)],
            Notes = () => _notes,
            // A recovery must never fail; how long it may take depends on the history, so the p99 limit is generous.
            Thresholds = _options.Thresholds(Threshold.ErrorRate(step, 0), Threshold.P99(step, TimeSpan.FromSeconds(2))),
        };
    }

    private async Task InitAsync(CancellationToken cancellationToken)
    {
        var database = Path.Combine(_folder, "recovery.db");
        _accountId = "recovery";
        var hocon = _options.HoconFolder();
        var writer = await LocalJournal.StartAsync(database, hocon, cancellationToken);
        var account = writer.Incarnate(_accountId, _settings);
        var channelId = await LocalJournal.OpenWithChannelAsync(account, _accountId, cancellationToken);
        long version = 2;
        // One command at a time, so each is its own batch and snapshots land exactly where the policy says.
        while (version < _options.Events)
        {
            version = LocalJournal.Expect(await LocalJournal.AskAsync(account, LocalJournal.CreatePost(_accountId, channelId), cancellationToken)).Version;
        }

        await account.GracefulStop(TimeSpan.FromSeconds(10));
        // Snapshots are saved after the reply; give the last one time to land before the system stops.
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        await writer.DisposeAsync();

        _notes["account version (domain events)"] = $"{version}";
        await NoteWhatIsStoredAsync(database, cancellationToken);

        // The first recovery in a fresh actor system: cold JIT, cold connection pool, as after a node restart.
        var clock = Stopwatch.StartNew();
        _journal = await LocalJournal.StartAsync(database, hocon, cancellationToken);
        var started = clock.Elapsed;
        clock.Restart();
        await RecoverOnceAsync(cancellationToken);
        _notes["actor system start"] = $"{started.TotalMilliseconds:0} ms";
        _notes["first recovery after the actor system started"] = $"{clock.Elapsed.TotalMilliseconds:0.0} ms";
    }

    /// <summary>What recovery has to read: the journal's rows for the account and where its latest snapshot is.</summary>
    private async Task NoteWhatIsStoredAsync(string database, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        var persistenceId = ClientAccountActor.PersistenceIdFor(_accountId);
        async Task<long> ScalarAsync(string sql)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Parameters.AddWithValue("$id", persistenceId);
            return await command.ExecuteScalarAsync(cancellationToken) is long value ? value : 0;
        }

        var rows = await ScalarAsync("SELECT COUNT(*) FROM journal WHERE persistence_id = $id");
        var snapshotAt = await ScalarAsync("SELECT COALESCE(MAX(sequence_number), 0) FROM snapshot WHERE persistence_id = $id");
        var snapshotBytes = await ScalarAsync("SELECT COALESCE(LENGTH(snapshot), 0) FROM snapshot WHERE persistence_id = $id ORDER BY sequence_number DESC LIMIT 1");
        _notes["journal rows (events + their audit entries)"] = $"{rows}";
        _notes["latest snapshot"] = snapshotAt == 0 ? "none" : $"at sequence number {snapshotAt}, {snapshotBytes / 1024.0:0} KiB";
        _notes["journal rows replayed on recovery"] = $"{rows - snapshotAt}";
    }

    private async Task<StepOutcome> RecoverOnceAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var account = _journal!.Incarnate(_accountId, _settings);
        try
        {
            var reply = await LocalJournal.AskAsync(account, new GetAccount(_accountId), cancellationToken);
            var latency = clock.Elapsed;
            return reply is AccountSummary { Version: > 2 } ? StepOutcome.Success with { Latency = latency } : StepOutcome.Fail(reply.GetType().Name);
        }
        finally
        {
            // Stopping is not part of the figure but must finish, so incarnations never overlap.
            await account.GracefulStop(TimeSpan.FromSeconds(10));
        }
    }

    private async Task CleanAsync()
    {
        if (_journal is not null)
        {
            await _journal.DisposeAsync();
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A pooled connection may still hold the file for a moment; the folder is under the temp directory.
        }
    }
}
