using System.Diagnostics;
using System.Globalization;

namespace PublishingCluster.LoadTests.Scenarios;

/// <summary>
/// The top-of-the-hour spike: <c>--accounts</c> accounts each with a post due at the same instant. The server runs
/// on a virtual clock held still while the posts are set up, then released at real speed two seconds before the
/// hour, so what follows is real time on this machine. "post published" is each post's lateness: the network's
/// receipt minus the hour (the coordinators' tick, the account's write before sending, the gateway's queue); a post
/// not on the network within ten minutes fails. Throughput is posts received per second from the first to the
/// last. Then the node idles with every account still tracked, and its CPU over <c>--duration</c> is the idle cost.
/// </summary>
public sealed class TopOfTheHour
{
    public const string Name = "top-of-hour";
    public const string PublishedStep = "post published (lateness after the hour)";

    private static readonly DateTimeOffset Start = new(2027, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Hour = Start.AddHours(1);
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);

    private readonly RunOptions _options;
    private ServerNodes? _nodes;
    private double _emptyIdle;
    private TimeSpan _setUp;

    private TopOfTheHour(RunOptions options) => _options = options;

    public static Scenario Create(RunOptions options)
    {
        var top = new TopOfTheHour(options);
        // No load simulation: the hour is the load.
        return new Scenario(Name, PublishedStep, _ => Task.FromResult(StepOutcome.Fail("top-of-hour has no load step")))
        {
            Init = top.InitAsync,
            Clean = top.CleanAsync,
            ServerCpuTime = () => top._nodes?.CpuTime() ?? TimeSpan.Zero,
            After = top.AfterAsync,
            Thresholds = options.Thresholds(
                Threshold.ErrorRate(PublishedStep, 0),
                // A post due at the hour is out within the minute.
                Threshold.P99(PublishedStep, TimeSpan.FromSeconds(60))),
        };
    }

    private async Task InitAsync(CancellationToken cancellationToken)
    {
        var accounts = _options.AccountsOr(10_000);
        _nodes = await ServerNodes.StartAsync(
            _options,
            [
                "--clock", "virtual", "--clock-start", Start.ToString("O", CultureInfo.InvariantCulture), "--clock-speed", "0",
                "--rate-limit", "1000000", "--rate-burst", "1000000",
            ],
            cancellationToken);
        // The node's own idle cost (cluster gossip, timers, the coordinators' beat) before any account exists.
        await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
        _emptyIdle = await IdleShareAsync(_nodes, _options.Duration, cancellationToken);

        var token = await AgencyFixture.RegisterAgencyWithAdminKeyAsync(_nodes.Nodes[0].AdminAddress, cancellationToken);
        using var api = _nodes.Api(token, TimeSpan.FromSeconds(60));
        var setUp = Stopwatch.StartNew();
        Console.WriteLine($"  opening {accounts} accounts with a post due at {Hour:HH:mm} (virtual) ...");
        var schedule = $$"""{ "at": "{{Hour.ToString("O", CultureInfo.InvariantCulture)}}" }""";
        var ready = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, accounts), new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var account = await AgencyFixture.PostAsync(api, "/accounts", AgencyFixture.OpenAccountBody($"Client {i}"), $"account-{i}", ct);
            var channel = await AgencyFixture.PostAsync(api, $"{account}/channels", AgencyFixture.ConnectChannelBody($"client-{i}"), $"channel-{i}", ct);
            var post = await AgencyFixture.PostAsync(api, $"{account}/posts", AgencyFixture.CreatePostBody(channel[(channel.LastIndexOf('/') + 1)..]), $"post-{i}", ct);
            foreach (var step in new[] { "submit", "approve", "client-approve" })
            {
                await AgencyFixture.PostAsync(api, $"{post}/{step}", null, null, ct);
            }

            await AgencyFixture.PostAsync(api, $"{post}/schedule", schedule, null, ct);
            if (Interlocked.Increment(ref ready) % 1000 == 0)
            {
                Console.WriteLine($"  {ready} accounts ready after {setUp.Elapsed.TotalSeconds:0} s");
            }
        });
        _setUp = setUp.Elapsed;
        Console.WriteLine($"  set up in {_setUp.TotalSeconds:0} s");
    }

    private async Task<IReadOnlyList<StepStats>> AfterAsync(CancellationToken cancellationToken)
    {
        var nodes = _nodes!;
        var accounts = _options.AccountsOr(10_000);
        if (_options.IdleBefore > TimeSpan.Zero)
        {
            // Nothing is due meanwhile, so idle passivation stops the accounts: at the hour they wake from the journal.
            Console.WriteLine($"  idle for {_options.IdleBefore.TotalSeconds:0} s before the hour");
            await Task.Delay(_options.IdleBefore, cancellationToken);
        }

        Console.WriteLine("  releasing the clock two seconds before the hour");
        var released = Stopwatch.StartNew();
        await nodes.MoveClocksAsync(Hour.AddSeconds(-2), 1, cancellationToken);
        var cpuBefore = nodes.CpuTime();
        // A count while waiting, the rows once at the end: this runner shares the machine with the node.
        while (released.Elapsed < Limit && nodes.Published() < accounts)
        {
            await Task.Delay(250, cancellationToken);
        }

        var (published, duplicates) = nodes.Publications();
        var spikeCpu = nodes.CpuTime() - cpuBefore;
        if (published.Count < accounts)
        {
            // What the node said while it fell short, for whoever reads the report.
            Console.WriteLine($"  only {published.Count} of {accounts} published; the server's last output:");
            Console.WriteLine(nodes.Output);
        }

        var lateness = new LatencyRecorder(TimeSpan.FromHours(1));
        foreach (var publication in published)
        {
            var late = publication.PublishedAt - Hour;
            lateness.Record(late < TimeSpan.Zero ? TimeSpan.Zero : late, StepOutcome.Success, late < TimeSpan.Zero ? TimeSpan.Zero : late);
        }

        for (var missing = published.Count; missing < accounts; missing++)
        {
            lateness.Record(Limit, StepOutcome.Fail($"not on the network {Limit.TotalMinutes:0} min after the hour"), Limit);
        }

        var first = published.Count == 0 ? Hour : published.Min(p => p.PublishedAt);
        var last = published.Count == 0 ? Hour : published.Max(p => p.PublishedAt);
        var perSecond = published.Count / Math.Max(0.001, (last - first).TotalSeconds);

        // Idle: every account still tracked by the coordinators (each has a reporting period ahead), nothing due.
        // First let the accounts record the networks' answers, which arrive after the networks have the posts.
        await Task.Delay(TimeSpan.FromSeconds(15), cancellationToken);
        var idleShare = await IdleShareAsync(nodes, _options.Duration, cancellationToken);
        var inv = CultureInfo.InvariantCulture;
        return
        [
            lateness.Snapshot(Name, PublishedStep, last - first) with
            {
                StepName = PublishedStep,
                Notes = new Dictionary<string, string>
                {
                    ["accounts"] = string.Create(inv, $"{accounts}, one post each due at {Hour:HH:mm} (set-up took {_setUp.TotalSeconds:0} s{(_options.IdleBefore > TimeSpan.Zero ? $", then {_options.IdleBefore.TotalSeconds:0} s idle" : "")})"),
                    ["throughput"] = string.Create(inv, $"{perSecond:0} posts/s from the first to the last ({(last - first).TotalSeconds:0.0} s)"),
                    ["server CPU during the spike"] = string.Create(inv, $"{spikeCpu.TotalSeconds:0.0} s ({spikeCpu.TotalMilliseconds / Math.Max(1, published.Count):0.00} ms per post)"),
                    ["idle, nothing due"] = string.Create(inv, $"over {_options.Duration.TotalSeconds:0} s: server CPU {_emptyIdle:P1} of one core with no accounts, {idleShare:P1} with {accounts} accounts tracked"),
                    ["publish calls for a key already published (must be 0)"] = $"{duplicates}",
                },
            },
        ];
    }

    private static async Task<double> IdleShareAsync(ServerNodes nodes, TimeSpan duration, CancellationToken cancellationToken)
    {
        var before = nodes.CpuTime();
        var clock = Stopwatch.StartNew();
        await Task.Delay(duration, cancellationToken);
        return (nodes.CpuTime() - before) / clock.Elapsed;
    }

    private async Task CleanAsync()
    {
        if (_nodes is not null)
        {
            await _nodes.DisposeAsync();
        }
    }
}
