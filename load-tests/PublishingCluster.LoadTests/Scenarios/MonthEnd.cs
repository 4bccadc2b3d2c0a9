using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace PublishingCluster.LoadTests.Scenarios;

/// <summary>
/// month-end: every account reports monthly, and the month ends for all of them at the same instant. The accounts
/// are opened on a virtual clock held still on 29 March; the clock then moves to two seconds before the period's
/// close (read from the reports route) and runs at real speed. The runner asks each account for its reports over
/// HTTP, round after round, until every account's report exists (or a bound passes). "report issued" is each
/// report's time after the month's end: on one SQLite node, the wall-clock time the journal stored its
/// <c>report-issued</c> event (the journal's <c>created</c> column), so the figure does not depend on how fast the
/// rounds go; otherwise the time the rounds first saw it (an upper bound, accurate to one round). A report's own
/// <c>issuedAt</c> is no use here: it is the logical time of the tick that closed the period, the same for all.
/// </summary>
public sealed class MonthEnd
{
    public const string Name = "month-end";
    public const string ReportStep = "report issued (after the month's end)";

    private static readonly DateTimeOffset Start = new(2027, 3, 29, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);

    private readonly RunOptions _options;
    private AgencyUnderLoad? _agency;

    private MonthEnd(RunOptions options) => _options = options;

    public static Scenario Create(RunOptions options)
    {
        var monthEnd = new MonthEnd(options);
        // No load simulation: the month's end is the load.
        return new Scenario(Name, ReportStep, _ => Task.FromResult(StepOutcome.Fail("month-end has no load step")))
        {
            Init = monthEnd.InitAsync,
            Clean = monthEnd.CleanAsync,
            ServerCpuTime = () => monthEnd._agency?.Nodes.CpuTime() ?? TimeSpan.Zero,
            After = monthEnd.AfterAsync,
            Thresholds = options.Thresholds(
                Threshold.ErrorRate(ReportStep, 0),
                Threshold.P99(ReportStep, TimeSpan.FromMinutes(2))),
        };
    }

    private async Task InitAsync(CancellationToken cancellationToken) =>
        _agency = await AgencyUnderLoad.StartAsync(_options, _options.AccountsOr(10_000), Start, [], cancellationToken);

    private async Task<IReadOnlyList<StepStats>> AfterAsync(CancellationToken cancellationToken)
    {
        var agency = _agency!;
        var first = await agency.Api.GetFromJsonAsync<JsonNode>($"{agency.Accounts[0].AccountPath}/reports", cancellationToken);
        var close = first?["nextClose"]?.GetValue<DateTimeOffset>() ?? throw new InvalidOperationException("The reports route gave no nextClose.");
        Console.WriteLine($"  the month closes at {close:O}; moving the clock to two seconds before it");
        var cpuBefore = agency.Nodes.CpuTime();
        await agency.Nodes.MoveClocksAsync(close.AddSeconds(-2), 1, cancellationToken);
        var closedAt = DateTime.UtcNow.AddSeconds(2);
        var sinceClose = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        sinceClose.Restart();

        var seen = new LatencyRecorder(Limit + TimeSpan.FromMinutes(1));
        var pending = new ConcurrentDictionary<string, LoadAccount>(agency.Accounts.Select(a => KeyValuePair.Create(a.AccountPath, a)), StringComparer.Ordinal);
        var rounds = 0;
        while (!pending.IsEmpty && sinceClose.Elapsed < Limit)
        {
            rounds++;
            await Parallel.ForEachAsync(pending.Values.ToList(), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (account, ct) =>
            {
                using var response = await agency.Api.GetAsync($"{account.AccountPath}/reports", ct);
                if (!response.IsSuccessStatusCode)
                {
                    return;
                }

                var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct));
                if (body?["reports"] is JsonArray { Count: > 0 } && pending.TryRemove(account.AccountPath, out _))
                {
                    seen.Record(sinceClose.Elapsed, StepOutcome.Success, sinceClose.Elapsed);
                }
            });
            Console.WriteLine($"  round {rounds}: {agency.Accounts.Count - pending.Count} of {agency.Accounts.Count} reports after {sinceClose.Elapsed.TotalSeconds:0} s");
            if (!pending.IsEmpty)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }

        var pollingTook = sinceClose.Elapsed;
        var written = _options is { Nodes: 1, Provider: "sqlite" } ? ReportWriteTimes(agency.Nodes.Nodes[0].DatabasePath) : null;
        var reports = written is null ? seen : new LatencyRecorder(Limit + TimeSpan.FromMinutes(1));
        var lastIssued = pollingTook;
        if (written is not null)
        {
            lastIssued = TimeSpan.Zero;
            foreach (var at in written)
            {
                var after = at - closedAt;
                after = after < TimeSpan.Zero ? TimeSpan.Zero : after;
                lastIssued = after > lastIssued ? after : lastIssued;
                reports.Record(after, StepOutcome.Success, after);
            }
        }

        foreach (var _ in pending)
        {
            reports.Record(Limit, StepOutcome.Fail($"no report {Limit.TotalMinutes:0} min after the month's end"), pollingTook);
        }

        var serverCpu = agency.Nodes.CpuTime() - cpuBefore;
        if (!pending.IsEmpty)
        {
            Console.WriteLine($"  {pending.Count} accounts without a report; the server's last output:");
            Console.WriteLine(agency.Nodes.Output);
        }

        return
        [
            // Throughput: reports issued per second from the month's end to the last one issued.
            reports.Snapshot(Name, ReportStep, pending.IsEmpty ? lastIssued : pollingTook) with
            {
                StepName = ReportStep,
                Notes = new Dictionary<string, string>
                {
                    ["accounts"] = $"{agency.Accounts.Count} (opened in {agency.SetUp.TotalSeconds:0} s)",
                    ["measured from"] = written is null ? "the polling rounds (an upper bound)" : $"the journal's write time of each report-issued event ({written.Count} found)",
                    ["rounds of GET /accounts/{id}/reports (16 at a time)"] = $"{rounds}, every report seen {pollingTook.TotalSeconds:0} s after the month's end",
                    ["server CPU from the month's end to the last report"] = $"{serverCpu.TotalSeconds:0.0} s ({serverCpu.TotalMilliseconds / Math.Max(1, agency.Accounts.Count):0.00} ms per account, polling included)",
                },
            },
        ];
    }

    /// <summary>
    /// When the journal stored each report-issued event, by the wall clock: Akka.Persistence.Sql's <c>created</c>
    /// column, in .NET ticks (UTC). Read once the rounds have seen every report; WAL lets it read beside the node.
    /// </summary>
    private static List<DateTime> ReportWriteTimes(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT created FROM journal WHERE manifest = 'report-issued.v1'";
        using var reader = command.ExecuteReader();
        var times = new List<DateTime>();
        while (reader.Read())
        {
            var created = reader.GetInt64(0);
            // Ticks since year 1 (what the journal writes); Unix milliseconds would be far smaller.
            times.Add(created > DateTime.UnixEpoch.Ticks
                ? new DateTime(created, DateTimeKind.Utc)
                : DateTime.UnixEpoch.AddMilliseconds(created));
        }

        return times;
    }

    private async Task CleanAsync()
    {
        if (_agency is not null)
        {
            await _agency.DisposeAsync();
        }
    }
}
