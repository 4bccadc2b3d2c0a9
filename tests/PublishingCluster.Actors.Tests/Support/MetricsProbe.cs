using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace PublishingCluster.Actors.Tests.Support;

/// <summary>Listens to one meter's instruments: the last value each observable reported, and how many values each histogram took.</summary>
public sealed class MetricsProbe : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _observed = new();
    private readonly ConcurrentDictionary<string, int> _recorded = new();

    public MetricsProbe(Meter meter)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => _observed[Key(instrument.Name, tags)] = value);
        _listener.SetMeasurementEventCallback<double>((instrument, _, tags, _) =>
        {
            _recorded.AddOrUpdate(instrument.Name, 1, (_, n) => n + 1);
            if (tags.Length > 0)
            {
                _recorded.AddOrUpdate(Key(instrument.Name, tags), 1, (_, n) => n + 1);
            }
        });
        _listener.Start();
    }

    /// <summary>What the observable <paramref name="name"/> reports now, for the tag <paramref name="tag"/> (<c>key=value</c>) if given.</summary>
    public long Observe(string name, string? tag = null)
    {
        _listener.RecordObservableInstruments();
        return _observed.TryGetValue(tag is null ? name : $"{name}{{{tag}}}", out var value)
            ? value
            : throw new KeyNotFoundException($"No value of {name} {tag}; seen: {string.Join(", ", _observed.Keys)}");
    }

    /// <summary>How many values the histogram <paramref name="name"/> took (with the tag <paramref name="tag"/> if given).</summary>
    public int Recorded(string name, string? tag = null) => _recorded.GetValueOrDefault(tag is null ? name : $"{name}{{{tag}}}");

    public void Dispose() => _listener.Dispose();

    private static string Key(string name, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.Length == 0)
        {
            return name;
        }

        var parts = new List<string>(tags.Length);
        foreach (var (key, value) in tags)
        {
            parts.Add($"{key}={value}");
        }

        return $"{name}{{{string.Join(",", parts)}}}";
    }
}
