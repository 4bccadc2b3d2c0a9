using System.Diagnostics;

namespace PublishingCluster.LoadTests;

/// <summary>
/// Named steps inside one invocation of a scenario's step (NBomber's <c>Step.Run</c>), each with its own counts
/// and latencies per measured simulation: a flow of five requests reports the one that matters (schedule) on its
/// own row. Something measured later, outside the step (a notification arriving), records through
/// <see cref="Later"/> into the simulation during which it began.
/// </summary>
public sealed class InnerSteps
{
    private Dictionary<string, LatencyRecorder> _current = [];
    private readonly Lock _lock = new();

    /// <summary>
    /// Whether the simulation now running is measured (false during the warm-up, whose figures are dropped): a
    /// scenario that can start a thing to measure only once (one spike an account) waits for a measured simulation.
    /// </summary>
    public bool Measuring { get; private set; }

    /// <summary>Recorders of the simulation now running; the runner starts a fresh set for each.</summary>
    internal Dictionary<string, LatencyRecorder> Begin(bool measured = true)
    {
        lock (_lock)
        {
            _current = [];
            Measuring = measured;
            return _current;
        }
    }

    /// <summary>Times <paramref name="body"/> as the step <paramref name="name"/>; a thrown request error counts as failed.</summary>
    public async Task<StepOutcome> RunAsync(string name, Func<Task<StepOutcome>> body)
    {
        var record = Later(name);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var outcome = await body();
            record(outcome.Latency ?? Stopwatch.GetElapsedTime(started), outcome);
            return outcome;
        }
        catch (Exception e) when (e is HttpRequestException or IOException || e is TaskCanceledException { InnerException: TimeoutException })
        {
            // A request that failed or timed out (HttpClient's timeout); the runner's own abandonment is not a failure.
            var failed = StepOutcome.Fail(e is TaskCanceledException ? "timeout" : e.GetType().Name);
            record(Stopwatch.GetElapsedTime(started), failed);
            return failed;
        }
    }

    /// <summary>Where to record the step <paramref name="name"/> once its outcome is known, in the simulation running now.</summary>
    public Action<TimeSpan, StepOutcome> Later(string name)
    {
        LatencyRecorder recorder;
        lock (_lock)
        {
            if (!_current.TryGetValue(name, out recorder!))
            {
                recorder = new LatencyRecorder();
                _current[name] = recorder;
            }
        }

        return (latency, outcome) => recorder.Record(latency, outcome);
    }
}
