using PublishingCluster.Server.Tests.Support;

namespace PublishingCluster.Server.Tests.Commands;

/// <summary>
/// One server process that runs the simulator (<c>--simulations</c>), with two scenarios of its own in that folder:
/// <c>tiny</c> (three accounts on two networks for two days, hourly steps) and <c>bad</c> (a misspelt field).
/// </summary>
public sealed class SimulatorNode : IAsyncLifetime
{
    private readonly TempFolder _folder = new();

    public ServerProcess Server { get; private set; } = null!;

    public string Simulations => _folder.File("simulations");

    public string Tiny => Path.Combine(Simulations, "tiny.json");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Simulations);
        await File.WriteAllTextAsync(Tiny, """
            { "name": "tiny", "seed": 5, "days": 2, "accounts": 3, "channelsPerAccount": 2, "stepMinutes": 60 }
            """);
        await File.WriteAllTextAsync(Path.Combine(Simulations, "bad.json"), """
            { "name": "bad", "days": 2, "acounts": 3 }
            """);
        Server = await ServerProcess.StartAsync(_folder.File("journal.db"), "--simulations", Simulations);
    }

    /// <summary>Runs pbm against this node: <c>pbm &lt;node&gt; args...</c>.</summary>
    public Task<PbmResult> PbmAsync(params string[] args) => PbmRunner.RunAsync([Server.CommandEndpoint, .. args]);

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        _folder.Dispose();
    }
}
