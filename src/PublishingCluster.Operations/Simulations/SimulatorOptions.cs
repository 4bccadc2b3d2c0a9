namespace PublishingCluster.Operations.Simulations;

/// <summary>
/// Whether this node runs the simulator for operators (<c>pbm ... sim start</c>), and its folder: where scenarios
/// are looked up by name and where each run writes its output. Bound from the "Simulator" section
/// (<c>--simulator true</c>, or <c>--simulations &lt;folder&gt;</c>, which also turns it on).
/// </summary>
public sealed class SimulatorOptions
{
    public const string Section = "Simulator";

    public bool Enabled { get; set; }

    /// <summary>The simulations folder; unset: <c>simulations/</c> beside the node's SQLite database.</summary>
    public string? Folder { get; set; }

    public bool Runs => Enabled || !string.IsNullOrWhiteSpace(Folder);

    /// <summary>The simulations folder, absolute, from <see cref="Folder"/> or the node's database path.</summary>
    public string FolderFor(string databasePath) => Path.GetFullPath(
        !string.IsNullOrWhiteSpace(Folder) ? Folder : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(databasePath)) ?? ".", "simulations"));
}
