using System.Collections.Concurrent;
using System.Diagnostics;

namespace PublishingCluster.Simulation.Rehearsal;

/// <summary>The load a rehearsal puts on the server, per kind of request and all together, from the first request on.</summary>
public sealed class LoadMeter
{
    private readonly ConcurrentDictionary<string, RouteStats> _routes = new(StringComparer.Ordinal);
    private readonly RouteStats _all = new();
    private readonly Stopwatch _wall = Stopwatch.StartNew();

    public TimeSpan Elapsed => _wall.Elapsed;

    public void Record(string kind, TimeSpan latency, int? status)
    {
        _routes.GetOrAdd(kind, _ => new RouteStats()).Record(latency, status);
        _all.Record(latency, status);
    }

    /// <summary>Every kind of request, by name, and all of them together.</summary>
    public (SortedDictionary<string, RouteLine> Routes, RouteLine Total) Snapshot()
    {
        var elapsed = _wall.Elapsed;
        var routes = new SortedDictionary<string, RouteLine>(StringComparer.Ordinal);
        foreach (var (kind, stats) in _routes)
        {
            routes[kind] = stats.Snapshot(elapsed);
        }

        return (routes, _all.Snapshot(elapsed));
    }
}
