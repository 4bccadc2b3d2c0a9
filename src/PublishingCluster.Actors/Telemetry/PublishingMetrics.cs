using System.Diagnostics;
using System.Diagnostics.Metrics;
using PublishingCluster.Domain.Channels;
using PublishingCluster.Domain.Escalations;

namespace PublishingCluster.Actors.Telemetry;

/// <summary>
/// The node's own series, on one <see cref="Meter"/> named <see cref="MeterName"/>, recorded by the code that knows
/// each fact. Recording is a histogram record or an interlocked add: cheap enough for an account's write path.
/// Counters and the gauges of what waits are observed when a reader collects, so every series is there from the
/// start, at zero, not only once something happened.
/// <para>
/// Durations of the node's own work (journal writes, recoveries) are measured on <see cref="Stopwatch"/>; publish
/// lateness comes from the events' own times, so it is right on a virtual clock too.
/// </para>
/// </summary>
public sealed class PublishingMetrics
{
    public const string MeterName = "PublishingCluster";

    private static readonly Network[] Networks = Enum.GetValues<Network>();
    private static readonly EscalationCause[] Causes = Enum.GetValues<EscalationCause>();
    private static readonly string[] NetworkNames = [.. Networks.Select(n => n.ToString().ToLowerInvariant())];
    private static readonly string[] CauseNames = [.. Causes.Select(c => c.ToString())];

    private readonly bool _on;
    private readonly Histogram<double>? _lateness;
    private readonly Histogram<double>? _journalWrite;
    private readonly Histogram<double>? _recovery;
    private readonly long[] _waiting = new long[Networks.Length];
    private readonly long[] _escalations = new long[Causes.Length];
    private long _awake;
    private long _webhookFailures;

    /// <summary>Records nothing: for actors run outside a node (the simulator, unit tests).</summary>
    public static PublishingMetrics None { get; } = new();

    private PublishingMetrics()
    {
    }

    public PublishingMetrics(Meter meter)
    {
        _on = true;
        _lateness = meter.CreateHistogram(
            "publishingcluster.publish.lateness", "s",
            "Time from a variant's scheduled instant to its publication, by the events' times.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 14400, 86400] });
        _journalWrite = meter.CreateHistogram(
            "publishingcluster.journal.write.duration", "s",
            "Time from an account's write of a batch of events to the journal's confirmation of its last event.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
        _recovery = meter.CreateHistogram(
            "publishingcluster.account.recovery.duration", "s",
            "Time from an account actor's start to the end of its recovery (snapshot and events).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });
        meter.CreateObservableUpDownCounter(
            "publishingcluster.variants.waiting", ObserveWaiting, "{variant}",
            "Variants due and handed to this node's gateway for their network, waiting for a send slot or a paused network.");
        meter.CreateObservableUpDownCounter(
            "publishingcluster.accounts.awake", () => Volatile.Read(ref _awake), "{account}",
            "Account actors running on this node.");
        meter.CreateObservableCounter(
            "publishingcluster.escalations.raised", ObserveEscalations, "{escalation}",
            "Escalations raised by accounts on this node, by cause.");
        meter.CreateObservableCounter(
            "publishingcluster.sla.breaches", () => Volatile.Read(ref _escalations[(int)EscalationCause.SlaBreach]), "{breach}",
            "Engagements whose response deadline passed without a response (each raises an escalation).");
        meter.CreateObservableCounter(
            "publishingcluster.webhook.deliveries.failed", () => Volatile.Read(ref _webhookFailures), "{delivery}",
            "Webhook deliveries of notifications that failed (an error answer or none); each is tried again.");
    }

    public void VariantPublished(Network network, TimeSpan lateness)
    {
        _lateness?.Record(Math.Max(0, lateness.TotalSeconds), new KeyValuePair<string, object?>("network", NetworkName(network)));
    }

    /// <summary>A journal write began at <paramref name="startedAt"/> (a <see cref="Stopwatch.GetTimestamp"/>) and is confirmed now.</summary>
    public void JournalWritten(long startedAt) => _journalWrite?.Record(Stopwatch.GetElapsedTime(startedAt).TotalSeconds);

    /// <summary>An account that started at <paramref name="startedAt"/> (a <see cref="Stopwatch.GetTimestamp"/>) has recovered.</summary>
    public void AccountRecovered(long startedAt) => _recovery?.Record(Stopwatch.GetElapsedTime(startedAt).TotalSeconds);

    public void AccountStarted()
    {
        if (_on)
        {
            Interlocked.Increment(ref _awake);
        }
    }

    public void AccountStopped()
    {
        if (_on)
        {
            Interlocked.Decrement(ref _awake);
        }
    }

    /// <summary><paramref name="change"/> more (or, negative, fewer) variants wait in the gateway of <paramref name="network"/>.</summary>
    public void VariantsWaiting(Network network, int change)
    {
        if (_on && change != 0)
        {
            Interlocked.Add(ref _waiting[(int)network], change);
        }
    }

    public void EscalationRaised(EscalationCause cause)
    {
        if (_on)
        {
            Interlocked.Increment(ref _escalations[(int)cause]);
        }
    }

    public void WebhookDeliveryFailed()
    {
        if (_on)
        {
            Interlocked.Increment(ref _webhookFailures);
        }
    }

    private IEnumerable<Measurement<long>> ObserveWaiting()
    {
        var measurements = new Measurement<long>[Networks.Length];
        for (var i = 0; i < Networks.Length; i++)
        {
            measurements[i] = new Measurement<long>(Volatile.Read(ref _waiting[i]), new KeyValuePair<string, object?>("network", NetworkName(Networks[i])));
        }

        return measurements;
    }

    private IEnumerable<Measurement<long>> ObserveEscalations()
    {
        var measurements = new Measurement<long>[Causes.Length];
        for (var i = 0; i < Causes.Length; i++)
        {
            measurements[i] = new Measurement<long>(Volatile.Read(ref _escalations[i]), new KeyValuePair<string, object?>("cause", CauseNames[i]));
        }

        return measurements;
    }

    private static string NetworkName(Network network) => NetworkNames[(int)network];
}
