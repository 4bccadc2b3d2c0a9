using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace PublishingCluster.LoadTests.Scenarios;

/// <summary>
/// month-end: every account reports monthly, and the month ends for all of them at the same instant. The accounts
/// are opened on a virtual clock held still on 29 March; the clock then moves to two seconds before the period's
/// close (read from the reports route) and runs at real speed. The runner asks each account for its reports over
/// HTTP, round after round, until every account's report exists (or a bound passes): "report issued" is each
/// report's own <c>issuedAt</c> minus the month's end, which on a clock running at real speed is real time, so the
/// figure does not depend on how fast the rounds go. The time until the rounds had seen every report is a note.
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
        var sinceClose = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        sinceClose.Restart();

        var reports = new LatencyRecorder(Limit + TimeSpan.FromMinutes(1));
        var pending = new ConcurrentDictionary<string, LoadAccount>(agency.Accounts.Select(a => KeyValuePair.Create(a.AccountPath, a)), StringComparer.Ordinal);
        var rounds = 0;
        var lastIssued = TimeSpan.Zero;
        var gate = new Lock();
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
                if (body?["reports"] is JsonArray { Count: > 0 } issued && pending.TryRemove(account.AccountPath, out _))
                {
                    var after = issued[0]?["issuedAt"]?.GetValue<DateTimeOffset>() - close ?? sinceClose.Elapsed;
                    after = after < TimeSpan.Zero ? TimeSpan.Zero : after;
                    reports.Record(after, StepOutcome.Success, after);
                    lock (gate)
                    {
                        lastIssued = after > lastIssued ? after : lastIssued;
                    }
                }
            });
            Console.WriteLine($"  round {rounds}: {agency.Accounts.Count - pending.Count} of {agency.Accounts.Count} reports after {sinceClose.Elapsed.TotalSeconds:0} s");
            if (!pending.IsEmpty)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }

        foreach (var _ in pending)
        {
            reports.Record(Limit, StepOutcome.Fail($"no report {Limit.TotalMinutes:0} min after the month's end"), sinceClose.Elapsed);
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
            reports.Snapshot(Name, ReportStep, pending.IsEmpty ? lastIssued : sinceClose.Elapsed) with
            {
                StepName = ReportStep,
                Notes = new Dictionary<string, string>
                {
                    ["accounts"] = $"{agency.Accounts.Count} (opened in {agency.SetUp.TotalSeconds:0} s)",
                    ["rounds of GET /accounts/{id}/reports (16 at a time)"] = $"{rounds}, every report seen {sinceClose.Elapsed.TotalSeconds:0} s after the month's end",
                    ["server CPU from the month's end to the last report"] = $"{serverCpu.TotalSeconds:0.0} s ({serverCpu.TotalMilliseconds / Math.Max(1, agency.Accounts.Count):0.00} ms per account, polling included)",
                },
            },
        ];
    }

    private async Task CleanAsync()
    {
        if (_agency is not null)
        {
            await _agency.DisposeAsync();
        }
    }
}
