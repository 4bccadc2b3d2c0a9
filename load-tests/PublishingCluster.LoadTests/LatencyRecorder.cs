using HdrHistogram;

namespace PublishingCluster.LoadTests;

/// <summary>
/// Counts and latencies of one measured simulation. Latencies go to an HdrHistogram in microseconds, so
/// percentiles stay exact to three significant digits however many requests there are.
/// </summary>
public sealed class LatencyRecorder
{
    // Anything slower than a minute is off the scale; the runner's requests time out well before that.
    private static readonly long HighestMicroseconds = TimeSpan.FromMinutes(1).Ticks / TimeSpan.TicksPerMicrosecond;

    private readonly LongHistogram _histogram = new(HighestMicroseconds, 3);
    private readonly Dictionary<string, long> _failures = [];
    private readonly Lock _lock = new();
    private long _ok;
    private long _min = long.MaxValue;

    public void Record(TimeSpan latency, StepOutcome outcome)
    {
        var micros = Math.Clamp(latency.Ticks / TimeSpan.TicksPerMicrosecond, 1, HighestMicroseconds);
        // A lock is cheap next to a request that crosses HTTP or the journal, and keeps the histogram exact.
        lock (_lock)
        {
            _histogram.RecordValue(micros);
            _min = Math.Min(_min, micros);
            if (outcome.Ok)
            {
                _ok++;
            }
            else
            {
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
            double Ms(double micros) => count == 0 ? 0 : micros / 1000.0;
            return new StepStats(
                scenario,
                step,
                count,
                _ok,
                count - _ok,
                elapsed,
                Ms(count == 0 ? 0 : _min),
                Ms(_histogram.GetMean()),
                Ms(_histogram.GetMaxValue()),
                Ms(_histogram.GetValueAtPercentile(50)),
                Ms(_histogram.GetValueAtPercentile(75)),
                Ms(_histogram.GetValueAtPercentile(95)),
                Ms(_histogram.GetValueAtPercentile(99)),
                Ms(_histogram.GetStdDeviation()),
                new Dictionary<string, long>(_failures));
        }
    }
}

/// <summary>The figures of one measured simulation; latencies in milliseconds, throughput counts only ok requests.</summary>
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
}
