namespace PublishingCluster.LoadTests;

/// <summary>The runner's flags (<see cref="RunCommand"/> reads them). Every run is bounded: each simulation lasts --duration, the warm-up --warm-up.</summary>
public sealed record RunOptions
{
    public IReadOnlyList<string> Scenarios { get; init; } = [];

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(20);

    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(5);

    public IReadOnlyList<int> Concurrency { get; init; } = [32, 64, 128];

    public IReadOnlyList<int> Rates { get; init; } = [];

    /// <summary>Accounts opened in set-up, when the flag gives them; each scenario has its own default.</summary>
    public int? Accounts { get; init; }

    /// <summary>The accounts to open: the flag's, else the scenario's default.</summary>
    public int AccountsOr(int scenarioDefault) => Accounts ?? scenarioDefault;

    public TimeSpan? RampUp { get; init; }

    /// <summary>agency-day: virtual seconds per real second while the load runs.</summary>
    public double ClockSpeed { get; init; } = 60;

    /// <summary>engagement-firehose: one engagement in this many is a negative one towards a spike.</summary>
    public int SpikeEvery { get; init; } = 100;

    /// <summary>Replaces every scenario's error-rate limit (percent), e.g. for a short run on a busy machine.</summary>
    public double? MaxErrorRate { get; init; }

    /// <summary>Replaces every scenario's p99 limit (milliseconds).</summary>
    public double? MaxP99Ms { get; init; }

    /// <summary>Server nodes the runner starts as one cluster.</summary>
    public int Nodes { get; init; } = 1;

    public string Provider { get; init; } = "sqlite";

    public string? ConnectionString { get; init; }

    public int Events { get; init; } = 1000;

    /// <summary>account-memory: how long an account stays idle before sharding passivates it.</summary>
    public TimeSpan PassivateAfter { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>top-of-hour: how long the node idles between the set-up and the hour (zero: none).</summary>
    public TimeSpan IdleBefore { get; init; } = TimeSpan.Zero;

    /// <summary>For the accounts under load, in the server process and in this one: the server's default unless set.</summary>
    public int SnapshotEvery { get; init; } = 200;

    public IReadOnlyList<string> ServerArgs { get; init; } = [];

    /// <summary>HOCON lines that refine the SQLite journal's tuning, to try a setting without editing hocon/.</summary>
    public IReadOnlyList<string> JournalSettings { get; init; } = [];

    /// <summary>For journal-commands: "sqlite" (the server's set-up) or "memory" (no storage cost at all).</summary>
    public string Journal { get; init; } = "sqlite";

    public string? OutFolder { get; init; }

    /// <summary>
    /// The hocon/ folder to run with: the one beside the runner, or, with --journal-setting (or a scenario's own
    /// <paramref name="akkaSettings"/>), a copy in a temporary folder whose persistence.sqlite.hocon (and akka.hocon)
    /// end with those settings (later lines win in HOCON).
    /// </summary>
    public string HoconFolder(IReadOnlyList<string>? akkaSettings = null)
    {
        var shipped = Path.Combine(AppContext.BaseDirectory, "hocon");
        if (JournalSettings.Count == 0 && akkaSettings is not { Count: > 0 })
        {
            return shipped;
        }

        var folder = Directory.CreateTempSubdirectory("publishingcluster-hocon-").FullName;
        // The server process reads the folder only while it starts, and every scenario has stopped by exit.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(folder, recursive: true);
        foreach (var file in Directory.GetFiles(shipped))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        File.AppendAllLines(Path.Combine(folder, "persistence.sqlite.hocon"), ["", "# Set for this load test run:", .. JournalSettings]);
        File.AppendAllLines(Path.Combine(folder, "akka.hocon"), ["", "# Set for this load test run:", .. akkaSettings ?? []]);
        return folder;
    }

    /// <summary>The measured simulations: one per --rate if given, else one per --concurrency; after a ramp with --ramp-up.</summary>
    public IReadOnlyList<LoadSimulation> Simulations()
    {
        var loads = new List<LoadSimulation>();
        if (RampUp is { } ramp)
        {
            loads.Add(Rates.Count > 0 ? new LoadSimulation.RampingInject(0, Rates[0], ramp) : new LoadSimulation.RampingConstant(0, Concurrency[0], ramp));
        }

        loads.AddRange(Rates.Count > 0
            ? Rates.Select(rate => new LoadSimulation.Inject(rate, Duration))
            : Concurrency.Select(copies => new LoadSimulation.KeepConstant(copies, Duration)));
        return loads;
    }

    /// <summary>A scenario's thresholds with --max-error-rate and --max-p99 applied.</summary>
    public IReadOnlyList<Threshold> Thresholds(params Threshold[] scenarioThresholds) =>
        [.. scenarioThresholds.Select(t => t.Metric switch
        {
            ThresholdMetric.ErrorRatePercent when MaxErrorRate is { } rate => t with { Limit = rate },
            ThresholdMetric.P99Ms when MaxP99Ms is { } p99 => t with { Limit = p99 },
            _ => t,
        })];

    /// <summary>The flags every server node of the run gets for its journal.</summary>
    public IReadOnlyList<string> ProviderArgs() =>
        Provider == "sqlite" && ConnectionString is null
            ? []
            : ["--provider", Provider, .. ConnectionString is { } connection ? new[] { "--connection-string", connection } : []];
}
