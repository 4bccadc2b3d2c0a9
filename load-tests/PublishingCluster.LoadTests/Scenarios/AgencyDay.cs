using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace PublishingCluster.LoadTests.Scenarios;

/// <summary>
/// agency-day: the agency's operators at work over HTTP while the day goes on. Each step is one post's way from
/// draft to the calendar: create, submit, approve, the client's approval, schedule (five requests, the inner steps
/// "create post" and "schedule" on rows of their own), on the accounts in turn. The node's virtual clock runs at
/// <c>--clock-speed</c> from a Monday 08:00, and each post is scheduled 3 to 30 real seconds ahead, so posts fall
/// due and are published by the coordinators while the operators keep scheduling. After the load the runner waits
/// (bounded) for every scheduled post to reach the simulated network: "post published" counts those that did, with
/// their lateness (network receipt minus the scheduled time, in real time: virtual lateness over the clock's speed).
/// </summary>
public sealed class AgencyDay
{
    public const string Name = "agency-day";
    public const string FlowStep = "create, approve and schedule a post";
    public const string CreateStep = "create post";
    public const string ScheduleStep = "schedule";
    public const string PublishedStep = "post published (lateness, real time)";

    private static readonly DateTimeOffset Start = new(2027, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan PublishLimit = TimeSpan.FromMinutes(3);

    private readonly RunOptions _options;
    private readonly InnerSteps _steps = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _scheduled = new(StringComparer.Ordinal);
    private AgencyUnderLoad? _agency;
    private readonly Stopwatch _released = new();
    private long _next;

    private AgencyDay(RunOptions options) => _options = options;

    public static Scenario Create(RunOptions options)
    {
        var day = new AgencyDay(options);
        return new Scenario(Name, FlowStep, day.FlowAsync)
        {
            Init = day.InitAsync,
            Clean = day.CleanAsync,
            WarmUp = new LoadSimulation.KeepConstant(options.Concurrency.Max(), options.WarmUp),
            Simulations = options.Simulations(),
            ServerCpuTime = () => day._agency?.Nodes.CpuTime() ?? TimeSpan.Zero,
            InnerSteps = day._steps,
            After = day.AfterAsync,
            Thresholds = options.Thresholds(
                Threshold.ErrorRate(ScheduleStep, 1),
                Threshold.P99(ScheduleStep, TimeSpan.FromSeconds(2)),
                Threshold.ErrorRate(FlowStep, 1),
                // Every post scheduled must be published: none lost.
                Threshold.ErrorRate(PublishedStep, 0),
                Threshold.P99(PublishedStep, TimeSpan.FromSeconds(30))),
        };
    }

    private async Task InitAsync(CancellationToken cancellationToken)
    {
        _agency = await AgencyUnderLoad.StartAsync(_options, _options.AccountsOr(10_000), Start, [], cancellationToken);
        await _agency.Nodes.MoveClocksAsync(Start, _options.ClockSpeed, cancellationToken);
        _released.Start();
        Console.WriteLine($"  clock released at {Start:HH:mm} (virtual), {_options.ClockSpeed} virtual seconds a second");
    }

    /// <summary>The nodes' virtual time now, from the moment the clock was released and its speed.</summary>
    private DateTimeOffset VirtualNow() => Start + (_released.Elapsed * _options.ClockSpeed);

    private async Task<StepOutcome> FlowAsync(CancellationToken cancellationToken)
    {
        var n = Interlocked.Increment(ref _next);
        var account = _agency!.Accounts[(int)(n % _agency.Accounts.Count)];
        var api = _agency.Api;
        var tag = $"#ad{n}";
        string? post = null;
        var created = await _steps.RunAsync(CreateStep, async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"{account.AccountPath}/posts")
            {
                Content = AgencyFixture.Json($$"""{ "title": "Post {{n}}", "variants": [ { "channelId": "{{account.ChannelId}}", "text": "Our autumn blend is here {{tag}}" } ] }"""),
            };
            request.Headers.Add("Idempotency-Key", $"agency-day-{n}");
            using var response = await api.SendAsync(request, cancellationToken);
            post = response.Headers.Location?.OriginalString;
            return response.StatusCode == HttpStatusCode.Created && post is not null ? StepOutcome.Success : StepOutcome.Fail($"create: HTTP {(int)response.StatusCode}");
        });
        if (!created.Ok)
        {
            return created;
        }

        foreach (var step in new[] { "submit", "approve", "client-approve" })
        {
            using var response = await api.PostAsync($"{post}/{step}", null, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return StepOutcome.Fail($"{step}: HTTP {(int)response.StatusCode}");
            }
        }

        // 3 to 30 real seconds ahead, so the load's own posts fall due while it runs.
        var at = VirtualNow() + TimeSpan.FromSeconds((3 + (n % 28)) * _options.ClockSpeed);
        var scheduled = await _steps.RunAsync(ScheduleStep, async () =>
        {
            using var response = await api.PostAsync($"{post}/schedule", AgencyFixture.Json($$"""{ "at": "{{at.ToString("O", CultureInfo.InvariantCulture)}}" }"""), cancellationToken);
            return response.IsSuccessStatusCode ? StepOutcome.Success : StepOutcome.Fail($"schedule: HTTP {(int)response.StatusCode}");
        });
        if (scheduled.Ok)
        {
            _scheduled[tag] = at;
        }

        return scheduled;
    }

    /// <summary>Waits (bounded) until every scheduled post is on the network, and measures each one's lateness.</summary>
    private async Task<IReadOnlyList<StepStats>> AfterAsync(CancellationToken cancellationToken)
    {
        var nodes = _agency!.Nodes;
        var due = _scheduled.Count;
        Console.WriteLine($"  waiting for {due} scheduled posts to be published (at most {PublishLimit.TotalMinutes:0} min) ...");
        var waiting = Stopwatch.StartNew();
        // Every agency-day post's text carries its tag; the networks hold nothing else from this run.
        while (waiting.Elapsed < PublishLimit && nodes.Published() < due)
        {
            await Task.Delay(500, cancellationToken);
        }

        var (publications, duplicates) = nodes.Publications();
        var lateness = new LatencyRecorder(TimeSpan.FromHours(1));
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var publication in publications)
        {
            var tag = publication.Text[(publication.Text.LastIndexOf(' ') + 1)..];
            if (_scheduled.TryGetValue(tag, out var at) && found.Add(tag))
            {
                var late = (publication.PublishedAt - at) / _options.ClockSpeed;
                lateness.Record(late < TimeSpan.Zero ? TimeSpan.Zero : late, StepOutcome.Success, (at - Start) / _options.ClockSpeed);
            }
        }

        foreach (var (_, at) in _scheduled.Where(s => !found.Contains(s.Key)))
        {
            lateness.Record(TimeSpan.Zero, StepOutcome.Fail($"not on the network {PublishLimit.TotalMinutes:0} min after the load"), (at - Start) / _options.ClockSpeed);
        }

        var stats = lateness.Snapshot(Name, PublishedStep, _released.Elapsed) with
        {
            StepName = PublishedStep,
            Notes = new Dictionary<string, string>
            {
                ["accounts"] = $"{_agency.Accounts.Count} (opened in {_agency.SetUp.TotalSeconds:0} s)",
                ["clock speed"] = $"{_options.ClockSpeed} virtual seconds a second",
                ["publish calls for a key already published (must be 0)"] = $"{duplicates}",
            },
        };
        return [stats];
    }

    private async Task CleanAsync()
    {
        if (_agency is not null)
        {
            await _agency.DisposeAsync();
        }
    }
}
