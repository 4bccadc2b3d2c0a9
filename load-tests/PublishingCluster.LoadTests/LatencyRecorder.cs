using HdrHistogram;

namespace PublishingCluster.LoadTests;

/// <summary>
/// Counts and latencies of one measured simulation. Latencies of ok requests go to an HdrHistogram in
/// microseconds, so percentiles stay exact to three significant digits however many requests there are; failures
/// are counted by reason (as NBomber keeps ok and failed apart, so a timeout does not pass for a latency). Beside
/// it, a coarser histogram per second of the run gives the latency-over-time chart.
/// </summary>
public sealed class LatencyRecorder
{
    // By default anything slower than a minute is off the scale; the runner's requests time out well before that.
    private static readonly TimeSpan DefaultHighest = TimeSpan.FromMinutes(1);

    private readonly long _highestMicroseconds;
    private readonly LongHistogram _histogram;
    private readonly List<Second?> _timeline = [];
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private readonly Dictionary<string, long> _failures = [];
    private readonly Lock _lock = new();
    private long _ok;
    private long _failed;
    private long _min = long.MaxValue;

    /// <param name="highest">The largest latency kept as measured; longer ones count as this (a spike's lateness needs an hour).</param>
    public LatencyRecorder(TimeSpan? highest = null)
    {
        _highestMicroseconds = (highest ?? DefaultHighest).Ticks / TimeSpan.TicksPerMicrosecond;
        _histogram = new LongHistogram(_highestMicroseconds, 3);
    }

    /// <summary>Requests that succeeded and failed so far, for a live display while the load runs.</summary>
    public (long Ok, long Failed) Counts
    {
        get
        {
            lock (_lock)
            {
                return (_ok, _failed);
            }
        }
    }

    /// <param name="at">When it happened, from the start of the measurement; by default, now.</param>
    public void Record(TimeSpan latency, StepOutcome outcome, TimeSpan? at = null)
    {
        var micros = Math.Clamp(latency.Ticks / TimeSpan.TicksPerMicrosecond, 1, _highestMicroseconds);
        var second = (int)Math.Clamp((at ?? _clock.Elapsed).TotalSeconds, 0, 24 * 3600);
        // A lock is cheap next to a request that crosses HTTP or the journal, and keeps the histogram exact.
        lock (_lock)
        {
            while (_timeline.Count <= second)
            {
                _timeline.Add(null);
            }

            (_timeline[second] ??= new Second(_highestMicroseconds)).Record(micros, outcome.Ok);
            if (outcome.Ok)
            {
                _histogram.RecordValue(micros);
                _min = Math.Min(_min, micros);
                _ok++;
            }
            else
            {
                _failed++;
                var reason = outcome.FailureReason ?? "unknown";
                _failures[reason] = _failures.GetValueOrDefault(reason) + 1;
            }
        }
    }

    public StepStats Snapshot(string scenario, string step, TimeSpan elapsed)
    {
        lock (_lock)
        {
            var count = _histogram.TotalCount;
            // With no ok request there are no latencies: HdrHistogram has no percentile of nothing.
            double Ms(Func<double> micros) => count == 0 ? 0 : micros() / 1000.0;
            // count is the ok requests (the histogram's); with the failures, every request.
            return new StepStats(
                scenario,
                step,
                _ok + _failed,
                _ok,
                _failed,
                elapsed,
                Ms(() => _min),
                Ms(() => _histogram.GetMean()),
                Ms(() => _histogram.GetMaxValue()),
                Ms(() => _histogram.GetValueAtPercentile(50)),
                Ms(() => _histogram.GetValueAtPercentile(75)),
                Ms(() => _histogram.GetValueAtPercentile(95)),
                Ms(() => _histogram.GetValueAtPercentile(99)),
                Ms(() => _histogram.GetStdDeviation()),
                new Dictionary<string, long>(_failures))
            {
                Timeline = [.. _timeline.Select((s, i) => s?.Point(i)).OfType<TimelinePoint>()],
            };
        }
    }

    /// <summary>One second of the run: its counts and a two-digit histogram, enough for a chart's p50 and p99.</summary>
    private sealed class Second(long highestMicroseconds)
    {
        private readonly IntHistogram _histogram = new(highestMicroseconds, 2);
        private long _ok;
        private long _failed;

        public void Record(long micros, bool ok)
        {
            if (ok)
            {
                _histogram.RecordValue(micros);
                _ok++;
            }
            else
            {
                _failed++;
            }
        }

        // A second with failures only has no latencies: HdrHistogram has no percentile of nothing, the chart shows 0.
        public TimelinePoint Point(int second) => _ok == 0
            ? new(second, _ok, _failed, 0, 0)
            : new(second, _ok, _failed, _histogram.GetValueAtPercentile(50) / 1000.0, _histogram.GetValueAtPercentile(99) / 1000.0);
    }
}

/// <summary>One second of a measured simulation: ok and failed counts, p50 and p99 in milliseconds.</summary>
public readonly record struct TimelinePoint(int Second, long Ok, long Failed, double P50Ms, double P99Ms);

/// <summary>The figures of one measured simulation; latencies (of ok requests) in milliseconds, throughput counts only ok requests.</summary>
public sealed record StepStats(
    string Scenario,
    string Step,
    long RequestCount,
    long Ok,
    long Failed,
    TimeSpan Elapsed,
    double MinMs,
    double MeanMs,
    double MaxMs,
    double P50Ms,
    double P75Ms,
    double P95Ms,
    double P99Ms,
    double StdDevMs,
    IReadOnlyDictionary<string, long> Failures)
{
    public double OkPerSecond => Elapsed.TotalSeconds > 0 ? Ok / Elapsed.TotalSeconds : 0;

    /// <summary>Cores' worth of CPU the runner used during the simulation (2.0 is all of a 2-core machine).</summary>
    public double? ClientCores { get; init; }

    /// <summary>Cores' worth of CPU the server process used, when it runs apart from the runner.</summary>
    public double? ServerCores { get; init; }

    /// <summary>Cores' worth of CPU the whole machine used: minus client and server, what other work took.</summary>
    public double? MachineCores { get; init; }

    /// <summary>Milliseconds of CPU the runner spent per ok request: the client's cost (with the actors, in-process scenarios).</summary>
    public double? ClientCpuMsPerOk => PerOk(ClientCores);

    /// <summary>Milliseconds of server CPU per ok request: with 2 cores, 2,000 / this is the most the server can serve a second.</summary>
    public double? ServerCpuMsPerOk => PerOk(ServerCores);

    private double? PerOk(double? cores) => cores is { } c && Ok > 0 ? c * Elapsed.TotalMilliseconds / Ok : null;

    /// <summary>Figures that are not latencies (recovery details, batch sizes) for the report's notes.</summary>
    public IReadOnlyDictionary<string, string> Notes { get; init; } = new Dictionary<string, string>();

    /// <summary>The step's own name, without its load: what a threshold names.</summary>
    public string StepName { get; init; } = Step;

    /// <summary>Second by second, for the report's latency-over-time chart.</summary>
    public IReadOnlyList<TimelinePoint> Timeline { get; init; } = [];

    /// <summary>Failed requests as a percentage of all (100 when nothing was measured at all).</summary>
    public double ErrorRatePercent => RequestCount > 0 ? 100.0 * Failed / RequestCount : 100;
}
