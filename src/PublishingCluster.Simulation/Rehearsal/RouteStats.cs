using HdrHistogram;

namespace PublishingCluster.Simulation.Rehearsal;

/// <summary>
/// Counts and latencies of one kind of request (schedule, client approval, engagement ...). Latencies of every
/// answered request go to an HdrHistogram in microseconds, so percentiles stay exact to three significant digits;
/// answers are counted by status code, and requests that got no answer at all under "unanswered".
/// </summary>
public sealed class RouteStats
{
    private static readonly long HighestMicroseconds = TimeSpan.FromMinutes(5).Ticks / TimeSpan.TicksPerMicrosecond;

    private readonly LongHistogram _histogram = new(HighestMicroseconds, 3);
    private readonly SortedDictionary<string, long> _byStatus = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private long _ok;
    private long _failed;

    public void Record(TimeSpan latency, int? status)
    {
        var micros = Math.Clamp(latency.Ticks / TimeSpan.TicksPerMicrosecond, 1, HighestMicroseconds);
        lock (_lock)
        {
            if (status is not null)
            {
                _histogram.RecordValue(micros);
            }

            if (status is >= 200 and < 300)
            {
                _ok++;
                return;
            }

            _failed++;
            var key = status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unanswered";
            _byStatus[key] = _byStatus.GetValueOrDefault(key) + 1;
        }
    }

    public RouteLine Snapshot(TimeSpan elapsed)
    {
        lock (_lock)
        {
            var answered = _histogram.TotalCount;
            // With no answer there are no latencies: HdrHistogram has no percentile of nothing.
            double Ms(Func<double> micros) => answered == 0 ? 0 : Math.Round(micros() / 1000.0, 3);
            var requests = _ok + _failed;
            return new RouteLine(
                requests,
                _ok,
                _failed,
                new SortedDictionary<string, long>(_byStatus, StringComparer.Ordinal),
                elapsed.TotalSeconds > 0 ? Math.Round(requests / elapsed.TotalSeconds, 2) : 0,
                Ms(() => _histogram.GetValueAtPercentile(50)),
                Ms(() => _histogram.GetValueAtPercentile(95)),
                Ms(() => _histogram.GetValueAtPercentile(99)),
                Ms(() => _histogram.GetMaxValue()));
        }
    }
}

/// <summary>One kind of request over the rehearsal: counts, failures by status code, requests per second and latency percentiles in milliseconds.</summary>
public sealed record RouteLine(
    long Requests,
    long Ok,
    long Failed,
    SortedDictionary<string, long> FailedByStatus,
    double PerSecond,
    double P50Ms,
    double P95Ms,
    double P99Ms,
    double MaxMs);
