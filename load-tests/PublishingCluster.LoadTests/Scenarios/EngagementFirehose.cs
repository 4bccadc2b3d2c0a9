using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;

namespace PublishingCluster.LoadTests.Scenarios;

/// <summary>
/// engagement-firehose: engagements arrive over HTTP across every account, and now and then an account is hit by
/// a negative spike (five negative engagements; the domain's rule is five within an hour) that must be escalated.
/// Each ok is a <c>201 Created</c>, sent once the engagement's event is durable in the journal: the ingest rate. The
/// server notifies escalations to a webhook receiver in this process; the time from the start of a spike's last
/// engagement to the arrival of its escalation's notification is the inner step "negative spike → notification".
/// The node's virtual clock stands still on a Monday morning, so no response deadline passes and the only
/// escalations are the spikes.
/// </summary>
public sealed class EngagementFirehose
{
    public const string Name = "engagement-firehose";
    public const string ReceiveStep = "POST /accounts/{id}/engagements";
    public const string SpikeStep = "negative spike → notification";

    /// <summary>Negative engagements that make a spike (the domain's <c>SpikeRule.Default</c>).</summary>
    private const int SpikeSize = 5;

    private static readonly DateTimeOffset Start = new(2027, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan NotificationLimit = TimeSpan.FromSeconds(60);

    private readonly RunOptions _options;
    private readonly InnerSteps _steps = new();
    private readonly ConcurrentDictionary<string, Spike> _spikes = new(StringComparer.Ordinal);
    private long _otherNotifications;
    private AgencyUnderLoad? _agency;
    private WebhookReceiver? _receiver;
    private long _next;
    private long _negatives;

    private EngagementFirehose(RunOptions options) => _options = options;

    public static Scenario Create(RunOptions options)
    {
        var firehose = new EngagementFirehose(options);
        return new Scenario(Name, ReceiveStep, firehose.ReceiveAsync)
        {
            Init = firehose.InitAsync,
            Clean = firehose.CleanAsync,
            WarmUp = new LoadSimulation.KeepConstant(options.Concurrency.Max(), options.WarmUp),
            Simulations = options.Simulations(),
            ServerCpuTime = () => firehose._agency?.Nodes.CpuTime() ?? TimeSpan.Zero,
            InnerSteps = firehose._steps,
            After = firehose.AfterAsync,
            Thresholds = options.Thresholds(
                Threshold.ErrorRate(ReceiveStep, 1),
                Threshold.P99(ReceiveStep, TimeSpan.FromSeconds(2)),
                // Every spike must reach the webhook (none lost), and soon.
                Threshold.ErrorRate(SpikeStep, 0),
                Threshold.P99(SpikeStep, TimeSpan.FromSeconds(10))),
        };
    }

    private async Task InitAsync(CancellationToken cancellationToken)
    {
        _receiver = await WebhookReceiver.StartAsync(Notified);
        Console.WriteLine($"  webhook receiver at {_receiver.Url}");
        _agency = await AgencyUnderLoad.StartAsync(_options, _options.AccountsOr(10_000), Start, ["--webhook-url", _receiver.Url.ToString()], cancellationToken);
    }

    private async Task<StepOutcome> ReceiveAsync(CancellationToken cancellationToken)
    {
        var accounts = _agency!.Accounts;
        var n = Interlocked.Increment(ref _next);
        LoadAccount account;
        string sentiment;
        Spike? spike = null;
        // Spikes begin after the warm-up: each account has one, and one spent in the warm-up would go unmeasured.
        if (n % _options.SpikeEvery == 0 && _steps.Measuring)
        {
            // The next negative of the spike under way: spike k hits one account with its five, a new account each.
            var negative = Interlocked.Increment(ref _negatives) - 1;
            var k = negative / SpikeSize;
            if (k >= accounts.Count)
            {
                // Every account has had its spike; more engagements are ordinary ones.
                account = accounts[(int)(n % accounts.Count)];
                sentiment = "Neutral";
            }
            else
            {
                // Spread over the accounts (a prime stride), so the spikes do not follow the ordinary traffic's order.
                account = accounts[(int)(k * 7919 % accounts.Count)];
                sentiment = "Negative";
                spike = _spikes.GetOrAdd(AgencyUnderLoad.IdOf(account), _ => new Spike());
            }
        }
        else
        {
            account = accounts[(int)(n % accounts.Count)];
            sentiment = n % 3 == 0 ? "Positive" : "Neutral";
        }

        spike?.Sending(_steps);
        var body = Encoding.UTF8.GetBytes($$"""
            { "engagementId": "e{{n}}", "channelId": "{{account.ChannelId}}", "kind": "Comment", "author": "reader-{{n % 977}}",
              "text": "Comment {{n}} on the autumn blend", "receivedAt": "{{Start.ToString("O", CultureInfo.InvariantCulture)}}", "sentiment": "{{sentiment}}" }
            """);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{account.AccountPath}/engagements")
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new("application/json") } },
        };
        using var response = await _agency.Api.SendAsync(request, cancellationToken);
        var ok = response.StatusCode == HttpStatusCode.Created;
        spike?.Answered(ok);
        return ok ? StepOutcome.Success : StepOutcome.Fail($"HTTP {(int)response.StatusCode}");
    }

    private void Notified(ReceivedNotification notification)
    {
        if (notification.Kind == "EscalationRaised" && notification.Message.StartsWith("NegativeSpike", StringComparison.Ordinal)
            && _spikes.TryGetValue(notification.AccountId, out var spike) && spike.Notified(notification.ArrivedAt))
        {
            return;
        }

        Interlocked.Increment(ref _otherNotifications);
    }

    /// <summary>Waits (bounded) for the notifications of spikes still on their way; a spike never notified counts as failed.</summary>
    private async Task<IReadOnlyList<StepStats>> AfterAsync(CancellationToken cancellationToken)
    {
        var waiting = Stopwatch.StartNew();
        while (waiting.Elapsed < NotificationLimit && _spikes.Values.Any(s => s.Pending))
        {
            await Task.Delay(250, cancellationToken);
        }

        var lost = 0;
        foreach (var spike in _spikes.Values.Where(s => s.Pending))
        {
            lost++;
            spike.GiveUp($"no notification within {NotificationLimit.TotalSeconds:0} s of the load's end");
        }

        Console.WriteLine($"  spikes sent whole: {_spikes.Values.Count(s => s.Whole)}, not notified: {lost}, " +
            $"other notifications: {Interlocked.Read(ref _otherNotifications)}, repeated deliveries: {_receiver?.Repeats ?? 0}");
        return [];
    }

    private async Task CleanAsync()
    {
        if (_agency is not null)
        {
            await _agency.DisposeAsync();
        }

        if (_receiver is not null)
        {
            await _receiver.DisposeAsync();
        }
    }

    /// <summary>
    /// One account's spike: its five negatives sent (each answered ok or not), the start of the last one, and where its
    /// notification's latency goes (the inner steps of the simulation in which the spike was completed).
    /// </summary>
    private sealed class Spike
    {
        private readonly Lock _lock = new();
        private int _sent;
        private int _answeredOk;
        private long _lastSentAt;
        private Action<TimeSpan, StepOutcome>? _record;
        private bool _done;

        /// <summary>All five sent and answered 201: an escalation must follow.</summary>
        public bool Whole
        {
            get
            {
                lock (_lock)
                {
                    return _answeredOk == SpikeSize;
                }
            }
        }

        public bool Pending
        {
            get
            {
                lock (_lock)
                {
                    return _answeredOk == SpikeSize && !_done;
                }
            }
        }

        public void Sending(InnerSteps steps)
        {
            lock (_lock)
            {
                _sent++;
                _lastSentAt = Stopwatch.GetTimestamp();
                if (_sent == SpikeSize)
                {
                    _record = steps.Later(SpikeStep);
                }
            }
        }

        public void Answered(bool ok)
        {
            lock (_lock)
            {
                _answeredOk += ok ? 1 : 0;
            }
        }

        /// <summary>Records the latency if this spike was complete and not yet notified; false if it was not one of ours.</summary>
        public bool Notified(long arrivedAt)
        {
            lock (_lock)
            {
                if (_sent < SpikeSize || _done || _record is null)
                {
                    return false;
                }

                _done = true;
                _record(Stopwatch.GetElapsedTime(_lastSentAt, arrivedAt), StepOutcome.Success);
                return true;
            }
        }

        public void GiveUp(string reason)
        {
            lock (_lock)
            {
                _done = true;
                _record?.Invoke(TimeSpan.Zero, StepOutcome.Fail(reason));
            }
        }
    }
}
