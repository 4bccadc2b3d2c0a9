using Akka.Actor;
using Akka.Event;
using PublishingCluster.Simulation.Cli;
using PublishingCluster.Simulation.Results;
using PublishingCluster.Simulation.Running;

namespace PublishingCluster.Operations.Simulations;

/// <summary>
/// The node's simulator (<c>/user/simulator</c>): runs at most one scenario at a time, in this process, on the
/// run's own actor system (it touches neither this node's cluster nor its journal). It keeps the running run's
/// progress, as the run reports it, and the last run's end; a stop cancels the run and is answered when it has ended.
/// </summary>
public sealed class SimulatorActor : ReceiveActor
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly string _folder;
    private RunState? _run;

    public SimulatorActor(string folder)
    {
        _folder = folder;
        Receive<StartSimulation>(Start);
        Receive<StopSimulation>(_ => Stop());
        Receive<GetSimulationStatus>(_ => Sender.Tell(Status()));
        Receive<SimulationProgressed>(progressed =>
        {
            if (_run is { } run && run.Start.RunId == progressed.RunId)
            {
                run.Progress = progressed.Progress;
            }
        });
        Receive<SimulationEnded>(Ended);
    }

    public static Props PropsFor(string folder) => Props.Create(() => new SimulatorActor(folder));

    private bool Running => _run is { State: SimulationStates.Running or SimulationStates.Stopping };

    private void Start(StartSimulation start)
    {
        if (Running)
        {
            Sender.Tell(new SimulationRefused($"A simulation is already running: {Describe(_run!)}; 'sim stop' stops it."));
            return;
        }

        // The folder exists from the start, so the next run id is another one even when this run writes nothing.
        Directory.CreateDirectory(start.Run.OutputFolder);
        var run = new RunState(start);
        _run = run;
        var self = Self;
        var options = start.Run with { Observer = progress => self.Tell(new SimulationProgressed(start.RunId, progress)) };
        var cancellation = run.Cancellation.Token;
        Task.Run(() => PlayAsync(start, options, cancellation), CancellationToken.None).PipeTo(Self);
        _log.Info("Simulation {0} started: scenario {1} from {2}, output {3}", start.RunId, start.Scenario.Name, start.Source, start.Run.OutputFolder);
        Sender.Tell(Status());
    }

    private void Stop()
    {
        if (!Running)
        {
            var last = _run is { } run ? $" (the last one, {run.Start.RunId}, {run.State})" : string.Empty;
            Sender.Tell(new SimulationRefused($"No simulation is running{last}; 'sim start <scenario>' starts one."));
            return;
        }

        _run!.State = SimulationStates.Stopping;
        _run.Stoppers.Add(Sender);
        _run.Cancellation.Cancel();
    }

    private void Ended(SimulationEnded ended)
    {
        if (_run is not { } run || run.Start.RunId != ended.RunId)
        {
            return;
        }

        run.State = ended.State;
        run.Summary = ended.Summary;
        run.Reason = ended.Reason;
        run.Cancellation.Dispose();
        if (ended.State == SimulationStates.Failed)
        {
            _log.Warning("Simulation {0} failed: {1}", ended.RunId, ended.Reason);
        }
        else
        {
            _log.Info("Simulation {0} {1} at {2:yyyy-MM-dd HH:mm}Z", ended.RunId, ended.State, run.Progress?.Simulated.UtcDateTime);
        }

        var status = Status();
        foreach (var stopper in run.Stoppers)
        {
            stopper.Tell(status);
        }

        run.Stoppers.Clear();
    }

    protected override void PostStop()
    {
        // The node stops: so does a run still under way.
        if (Running)
        {
            _run!.Cancellation.Cancel();
        }
    }

    private SimulationStatus Status() => _run is not { } run
        ? new SimulationStatus(true, SimulationStates.Idle, _folder)
        : new SimulationStatus(true, run.State, _folder)
        {
            RunId = run.Start.RunId,
            Scenario = run.Start.Scenario.Name,
            Source = run.Start.Source,
            Seed = run.Start.Scenario.Seed,
            Accounts = run.Start.Scenario.Accounts,
            Days = run.Start.Scenario.Days,
            Start = run.Start.Scenario.Start,
            End = run.Start.Scenario.End,
            Progress = run.Progress,
            Output = run.Start.Run.OutputFolder,
            Summary = run.Summary,
            Reason = run.Reason,
        };

    private static string Describe(RunState run) =>
        $"{run.Start.RunId} (scenario {run.Start.Scenario.Name}, day {run.Progress?.Day ?? 1} of {run.Start.Scenario.Days})";

    private static async Task<SimulationEnded> PlayAsync(StartSimulation start, RunOptions options, CancellationToken cancellation)
    {
        try
        {
            var outcome = await new SimulationRun(start.Scenario, options).RunAsync(cancellation);
            await RunOutputs.WriteAsync(start.Scenario, options, outcome, CancellationToken.None);
            var summary = SimulateCommand.Text(outcome.Summary).Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries);
            return new SimulationEnded(start.RunId, SimulationStates.Finished, summary, null);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            return new SimulationEnded(start.RunId, SimulationStates.Stopped, null, null);
        }
        catch (Exception e)
        {
            return new SimulationEnded(start.RunId, SimulationStates.Failed, null, ScenarioCatalog.OneLine($"{e.GetType().Name}: {e.Message}"));
        }
    }

    /// <summary>The running run, or the last one: what it plays, where it stands, who waits for it to stop.</summary>
    private sealed class RunState(StartSimulation start)
    {
        public StartSimulation Start { get; } = start;

        public CancellationTokenSource Cancellation { get; } = new();

        public string State { get; set; } = SimulationStates.Running;

        public SimulationProgress? Progress { get; set; }

        public IReadOnlyList<string>? Summary { get; set; }

        public string? Reason { get; set; }

        public List<IActorRef> Stoppers { get; } = [];
    }
}
