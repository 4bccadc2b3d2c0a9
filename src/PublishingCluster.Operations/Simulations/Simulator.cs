using System.Globalization;
using Akka.Actor;
using Microsoft.Extensions.Options;
using PublishingCluster.Operations.NodeAccess;
using PublishingCluster.Simulation.Scenarios;

namespace PublishingCluster.Operations.Simulations;

/// <summary>
/// The node's way to its simulator, for the <c>sim</c> palette: whether it runs one, the scenarios it can play,
/// and the <see cref="SimulatorActor"/>, started the first time it is needed.
/// </summary>
public sealed class Simulator
{
    /// <summary>Long enough for a stop to reach the end of the step under way on a large scenario.</summary>
    public static readonly TimeSpan AskTimeout = TimeSpan.FromMinutes(5);

    private readonly Lazy<IActorRef>? _actor;

    public Simulator(IOptions<SimulatorOptions> simulator, NodeConventions node, ActorSystem system)
    {
        if (!simulator.Value.Runs)
        {
            return;
        }

        Folder = simulator.Value.FolderFor(node.DatabasePath);
        Catalog = new ScenarioCatalog([Folder, Path.GetFullPath(Path.Combine(node.HoconFolder, "scenarios"))]);
        _actor = new Lazy<IActorRef>(() => system.ActorOf(SimulatorActor.PropsFor(Folder), "simulator"));
    }

    public bool Enabled => _actor is not null;

    /// <summary>Where scenarios are looked up first and runs write their output (<c>runs/&lt;run id&gt;</c>).</summary>
    public string? Folder { get; }

    public ScenarioCatalog? Catalog { get; }

    public const string NotEnabled = "This node does not run the simulator; start it with --simulator true, or --simulations <folder>.";

    public IActorRef Actor => (_actor ?? throw CommandException.Failed(NotEnabled)).Value;

    /// <summary>
    /// The scenario and how to run it: the file <paramref name="scenario"/> names, refined by <paramref name="overrides"/>
    /// (simulate's flags, read by its own parser), writing to a new folder under runs/.
    /// </summary>
    public StartSimulation Prepare(string scenario, IEnumerable<string> overrides)
    {
        var catalog = Catalog ?? throw CommandException.Failed(NotEnabled);
        var source = catalog.Resolve(scenario);
        // Run ids name folders on this machine: the wall clock's time, whatever the node's clock says.
        var runId = RunId(Path.GetFileNameWithoutExtension(source), TimeProvider.System.GetUtcNow());
        ScenarioFlags flags;
        try
        {
            flags = ScenarioFlags.Parse(["--scenario", source, .. overrides, "--output", Path.Combine(Folder!, "runs", runId)]);
        }
        catch (ScenarioException e)
        {
            throw CommandException.Usage($"The scenario {source} is refused: {ScenarioCatalog.OneLine(e.Message)}");
        }

        return new StartSimulation(runId, flags.Scenario, flags.Run, source);
    }

    /// <summary>The start time and the scenario's file name; a second run in the same second gets a number.</summary>
    private string RunId(string name, DateTimeOffset now)
    {
        var stem = $"{now.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}-{name}";
        var runId = stem;
        for (var n = 2; Directory.Exists(Path.Combine(Folder!, "runs", runId)); n++)
        {
            runId = $"{stem}-{n}";
        }

        return runId;
    }
}
