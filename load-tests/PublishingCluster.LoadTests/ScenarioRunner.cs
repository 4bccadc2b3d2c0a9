using System.Diagnostics;

namespace PublishingCluster.LoadTests;

/// <summary>
/// Runs scenarios: set-up, warm-up (figures dropped), each load simulation in turn (figures kept), tear-down.
/// Every loop ends when its simulation's time is up; requests still in flight then get a bounded grace period.
/// </summary>
public static class ScenarioRunner
{
    /// <summary>How long requests still in flight at the end of a simulation may take before they are abandoned.</summary>
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(15);

    public static async Task<IReadOnlyList<StepStats>> RunAsync(Scenario scenario, CancellationToken cancellationToken)
    {
        var results = new List<StepStats>();
        var inner = new List<(LoadSimulation Simulation, TimeSpan Elapsed, Dictionary<string, LatencyRecorder> Recorders)>();
        try
        {
            if (scenario.Init is { } init)
            {
                Console.WriteLine($"[{scenario.Name}] set-up");
                await init(cancellationToken);
            }

            if (scenario.WarmUp is { } warmUp)
            {
                Console.WriteLine($"[{scenario.Name}] warm-up: {warmUp}");
                // The warm-up's inner steps go to a set of recorders that is dropped with its figures.
                scenario.InnerSteps?.Begin(measured: false);
                await RunSimulationAsync(scenario, warmUp, cancellationToken);
            }

            foreach (var simulation in scenario.Simulations)
            {
                Console.WriteLine($"[{scenario.Name}] {simulation}");
                var recorders = scenario.InnerSteps?.Begin();
                var stats = await RunSimulationAsync(scenario, simulation, cancellationToken);
                Print(stats);
                results.Add(stats);
                if (recorders is not null)
                {
                    inner.Add((simulation, stats.Elapsed, recorders));
                }
            }

            if (scenario.After is { } after && !cancellationToken.IsCancellationRequested)
            {
                Console.WriteLine($"[{scenario.Name}] after the load");
                foreach (var stats in await after(cancellationToken))
                {
                    Print(stats);
                    results.Add(stats);
                }
            }

            // Inner steps last: a step measured later (a notification) has had the after-phase to arrive.
            foreach (var (simulation, elapsed, recorders) in inner)
            {
                foreach (var (name, recorder) in recorders.OrderBy(r => r.Key, StringComparer.Ordinal))
                {
                    var stats = recorder.Snapshot(scenario.Name, $"{name}, {simulation}", elapsed) with { StepName = name };
                    Print(stats);
                    results.Add(stats);
                }
            }
        }
        finally
        {
            if (scenario.Clean is { } clean)
            {
                await clean();
            }
        }

        return results;
    }

    private static void Print(StepStats stats) =>
        Console.WriteLine($"[{stats.Scenario}]   {stats.Step}: ok {stats.Ok}, failed {stats.Failed}, {stats.OkPerSecond:0} ok/s, " +
            $"p50 {stats.P50Ms:0.0} ms, p99 {stats.P99Ms:0.0} ms, client {stats.ClientCores?.ToString("0.00") ?? "-"} cores, server {stats.ServerCores?.ToString("0.00") ?? "-"} cores, " +
            $"machine {stats.MachineCores?.ToString("0.00") ?? "-"} cores, server CPU {stats.ServerCpuMsPerOk?.ToString("0.00") ?? "-"} ms/ok");

    private static async Task<StepStats> RunSimulationAsync(Scenario scenario, LoadSimulation simulation, CancellationToken cancellationToken)
    {
        var recorder = new LatencyRecorder();
        var machineBefore = MachineCpu.Read();
        var clientCpuBefore = ClientCpu();
        var serverCpuBefore = scenario.ServerCpuTime?.Invoke();
        var clock = Stopwatch.StartNew();
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        abandon.CancelAfter(simulation.During + Grace);

        var running = simulation switch
        {
            LoadSimulation.KeepConstant keep => KeepConstantAsync(scenario, keep, recorder, abandon.Token, cancellationToken),
            LoadSimulation.Inject inject => InjectAsync(scenario, inject.During, elapsed => (long)(inject.Rate * Math.Min(elapsed.TotalSeconds, inject.During.TotalSeconds)), recorder, abandon.Token, cancellationToken),
            LoadSimulation.RampingInject ramp => InjectAsync(scenario, ramp.During, ramp.StartedBy, recorder, abandon.Token, cancellationToken),
            LoadSimulation.RampingConstant ramp => RampingConstantAsync(scenario, ramp, recorder, abandon.Token, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(simulation), simulation, "Unknown load simulation."),
        };
        await LoadProgress.WhileAsync(running, $"{scenario.Name}: {simulation}", simulation.During, clock, recorder);
        var elapsed = clock.Elapsed;

        var cores = (TimeSpan cpu) => cpu.TotalSeconds / elapsed.TotalSeconds;
        return recorder.Snapshot(scenario.Name, $"{scenario.StepName}, {simulation}", elapsed) with
        {
            StepName = scenario.StepName,
            ClientCores = cores(ClientCpu() - clientCpuBefore),
            ServerCores = serverCpuBefore is { } before ? cores(scenario.ServerCpuTime!() - before) : null,
            MachineCores = MachineCpu.Read().CoresSince(machineBefore),
            Notes = scenario.Notes?.Invoke() ?? new Dictionary<string, string>(),
        };
    }

    private static async Task KeepConstantAsync(Scenario scenario, LoadSimulation.KeepConstant keep, LatencyRecorder recorder, CancellationToken abandon, CancellationToken stop)
    {
        var deadline = Stopwatch.StartNew();
        async Task ClientAsync()
        {
            // Yield first so that all copies start together rather than one after another on this thread.
            await Task.Yield();
            while (deadline.Elapsed < keep.During && !stop.IsCancellationRequested)
            {
                await InvokeAsync(scenario, recorder, abandon);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, keep.Copies).Select(_ => ClientAsync()));
    }

    private static async Task RampingConstantAsync(Scenario scenario, LoadSimulation.RampingConstant ramp, LatencyRecorder recorder, CancellationToken abandon, CancellationToken stop)
    {
        var deadline = Stopwatch.StartNew();
        async Task ClientAsync(int index)
        {
            await Task.Yield();
            while (deadline.Elapsed < ramp.During && !stop.IsCancellationRequested)
            {
                // A client beyond the ramp's count for now waits its turn (or, ramping down, its retirement).
                if (index >= ramp.CopiesAt(deadline.Elapsed))
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(20), CancellationToken.None);
                    continue;
                }

                await InvokeAsync(scenario, recorder, abandon);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Math.Max(ramp.From, ramp.Copies)).Select(ClientAsync));
    }

    /// <param name="startedBy">How many requests should have started this far into the simulation.</param>
    private static async Task InjectAsync(Scenario scenario, TimeSpan during, Func<TimeSpan, long> startedBy, LatencyRecorder recorder, CancellationToken abandon, CancellationToken stop)
    {
        // Requests start in small groups every tick: a timer per request would cost more than the request.
        var tick = TimeSpan.FromMilliseconds(50);
        var inFlight = new List<Task>();
        var clock = Stopwatch.StartNew();
        long started = 0;
        using var timer = new PeriodicTimer(tick);
        while (clock.Elapsed < during && !stop.IsCancellationRequested && await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
        {
            // Catch up to where the rate says we should be, so a late tick does not lower the offered load.
            var due = startedBy(clock.Elapsed);
            for (; started < due; started++)
            {
                inFlight.Add(InvokeAsync(scenario, recorder, abandon));
            }

            inFlight.RemoveAll(task => task.IsCompleted);
        }

        await Task.WhenAll(inFlight);
    }

    private static async Task InvokeAsync(Scenario scenario, LatencyRecorder recorder, CancellationToken abandon)
    {
        var started = Stopwatch.GetTimestamp();
        StepOutcome outcome;
        try
        {
            outcome = await scenario.Step(abandon);
        }
        catch (OperationCanceledException) when (abandon.IsCancellationRequested)
        {
            // Abandoned at the end of the grace period: neither ok nor a failure of the system under test.
            return;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            outcome = StepOutcome.Fail(e.GetType().Name);
        }

        recorder.Record(outcome.Latency ?? Stopwatch.GetElapsedTime(started), outcome);
    }

    private static TimeSpan ClientCpu()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }
}
