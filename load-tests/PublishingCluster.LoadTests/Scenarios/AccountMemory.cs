using System.Diagnostics;
using System.Globalization;
using PublishingCluster.Actors.Accounts;

namespace PublishingCluster.LoadTests.Scenarios;

/// <summary>
/// <c>account-memory</c>: what an account costs a node in memory, awake and asleep. A node's actor system runs inside
/// the runner (<see cref="InProcessNode"/>, SQLite journal, or PostgreSQL with <c>--provider postgres</c>);
/// <c>--accounts</c> accounts (default 100,000) are opened
/// through the account shard region, each with an X channel and one draft post (the posting coordinators track every
/// account anyway: each has its reporting period's close ahead). Then the managed heap is measured after a full, compacting
/// collection three times: with the node up and no account, with every account awake (a read of each wakes the ones
/// already passivated), and once idle passivation (<c>--passivate-after</c>) has stopped them all. The differences,
/// divided by the accounts, are the cost per awake and per passivated account.
/// </summary>
public sealed class AccountMemory
{
    public const string Name = "account-memory";
    public const string OpenStep = "open account, connect channel, draft a post (3 commands)";
    public const string WakeStep = "wake account (first read after set-up)";

    // Enough requests in flight for the journal to write in full batches.
    private const int Parallelism = 256;

    private readonly RunOptions _options;
    private readonly string _folder = Directory.CreateTempSubdirectory("publishingcluster-memory-").FullName;
    private InProcessNode? _node;
    private HeapReading _empty;
    private string[] _ids = [];

    private AccountMemory(RunOptions options) => _options = options;

    public static Scenario Create(RunOptions options)
    {
        var memory = new AccountMemory(options);
        // No load simulation: the set-up and the readings after it are the measurement.
        return new Scenario(Name, OpenStep, _ => Task.FromResult(StepOutcome.Fail("account-memory has no load step")))
        {
            Init = memory.InitAsync,
            Clean = memory.CleanAsync,
            After = memory.AfterAsync,
            Thresholds = options.Thresholds(Threshold.ErrorRate(OpenStep, 0), Threshold.ErrorRate(WakeStep, 0)),
        };
    }

    private async Task InitAsync(CancellationToken cancellationToken)
    {
        var hocon = _options.HoconFolder([$"akka.cluster.sharding.passivate-idle-entity-after = {_options.PassivateAfter.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s"]);
        _node = await InProcessNode.StartAsync(_folder, hocon, _options, cancellationToken);
        // The ids exist before the first reading, so the runner's own list is not counted as the accounts' cost. A
        // run's own prefix lets runs share a PostgreSQL database without opening each other's accounts again.
        var run = Guid.NewGuid().ToString("N")[..6];
        _ids = [.. Enumerable.Range(0, _options.AccountsOr(100_000)).Select(i => $"acc_mem_{run}_{i:D6}")];
        // Let the node settle (cluster gossip, the coordinators' first beats, the dispatcher's first poll).
        await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
        _empty = HeapReading.Take();
        Console.WriteLine($"  node up, no accounts: {_empty}");
    }

    private async Task<IReadOnlyList<StepStats>> AfterAsync(CancellationToken cancellationToken)
    {
        var node = _node!;
        var ids = _ids;
        var accounts = ids.Length;

        var opening = new LatencyRecorder(TimeSpan.FromMinutes(10));
        var opened = Stopwatch.StartNew();
        var lap = Stopwatch.StartNew();
        var laps = new List<string>();
        var done = 0;
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (id, ct) =>
        {
            var started = opened.Elapsed;
            var outcome = await OpenAsync(node, id, ct);
            opening.Record(opened.Elapsed - started, outcome, opened.Elapsed);
            var count = Interlocked.Increment(ref done);
            if (count % 10_000 == 0 || count == accounts)
            {
                lock (laps)
                {
                    laps.Add(string.Create(CultureInfo.InvariantCulture, $"{lap.Elapsed.TotalSeconds:0}"));
                    lap.Restart();
                }

                Console.WriteLine($"  {count} accounts opened after {opened.Elapsed.TotalSeconds:0} s");
            }
        });
        var openedIn = opened.Elapsed;

        // Passivation may have stopped the first accounts while the last were opened: a read wakes each again.
        var waking = new LatencyRecorder(TimeSpan.FromMinutes(10));
        var woken = Stopwatch.StartNew();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (id, ct) =>
        {
            var started = woken.Elapsed;
            var outcome = await ReadAsync(node, id, ct);
            waking.Record(woken.Elapsed - started, outcome, woken.Elapsed);
        });
        var wokenIn = woken.Elapsed;
        var awake = await node.LiveAccountsAsync(cancellationToken);
        var awakeHeap = HeapReading.Take();
        Console.WriteLine($"  {awake} accounts awake: {awakeHeap}");

        var asleep = await WaitForPassivationAsync(node, cancellationToken);
        var asleepHeap = HeapReading.Take();
        Console.WriteLine($"  {asleep} accounts still awake after passivation: {asleepHeap}");

        var inv = CultureInfo.InvariantCulture;
        var notes = new Dictionary<string, string>
        {
            ["accounts"] = string.Create(inv, $"{accounts}, each with an X channel and one draft post; idle passivation after {_options.PassivateAfter.TotalSeconds:0} s"),
            ["opening"] = string.Create(inv, $"{openedIn.TotalSeconds:0} s ({accounts * 3 / Math.Max(openedIn.TotalSeconds, 0.001):0} commands/s); seconds per 10,000 accounts: {string.Join(", ", laps)}"),
            ["node up, no accounts"] = _empty.ToString(),
            ["every account awake"] = string.Create(inv, $"{awake} account actors alive; {awakeHeap}"),
            ["after idle passivation"] = string.Create(inv, $"{asleep} account actors alive; {asleepHeap}"),
            ["per awake account"] = PerAccount(awakeHeap, _empty, Math.Max(awake, 1)),
            ["per passivated account"] = PerAccount(asleepHeap, _empty, accounts),
        };
        return
        [
            opening.Snapshot(Name, OpenStep, openedIn) with { Notes = notes },
            waking.Snapshot(Name, WakeStep, wokenIn),
        ];
    }

    private static async Task<StepOutcome> OpenAsync(InProcessNode node, string accountId, CancellationToken cancellationToken)
    {
        try
        {
            var channelId = await LocalJournal.OpenWithChannelAsync(node.Accounts, accountId, cancellationToken);
            LocalJournal.Expect(await LocalJournal.AskAsync(node.Accounts, LocalJournal.CreatePost(accountId, channelId), cancellationToken));
            return StepOutcome.Success;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return StepOutcome.Fail(e.GetType().Name);
        }
    }

    private static async Task<StepOutcome> ReadAsync(InProcessNode node, string accountId, CancellationToken cancellationToken)
    {
        try
        {
            return await LocalJournal.AskAsync(node.Accounts, new GetAccount(accountId), cancellationToken) is AccountSummary
                ? StepOutcome.Success
                : StepOutcome.Fail("not an account view");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return StepOutcome.Fail(e.GetType().Name);
        }
    }

    /// <summary>Waits until idle passivation has stopped every account (bounded: twice the idle time plus two minutes).</summary>
    private async Task<int> WaitForPassivationAsync(InProcessNode node, CancellationToken cancellationToken)
    {
        var limit = Stopwatch.StartNew();
        var bound = (_options.PassivateAfter * 2) + TimeSpan.FromMinutes(2);
        var alive = await node.LiveAccountsAsync(cancellationToken);
        while (alive > 0 && limit.Elapsed < bound)
        {
            await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
            alive = await node.LiveAccountsAsync(cancellationToken);
        }

        // The partitions' and the journal's own caches settle a little after the last actor stops.
        await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
        return alive;
    }

    private static string PerAccount(HeapReading with, HeapReading without, int accounts) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{(with.ManagedBytes - without.ManagedBytes) / (double)accounts:0} bytes of managed heap, {(with.WorkingSetBytes - without.WorkingSetBytes) / (double)accounts:0} bytes of working set");

    private async Task CleanAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }

        Directory.Delete(_folder, recursive: true);
    }
}
