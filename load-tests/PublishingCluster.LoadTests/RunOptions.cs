using System.Globalization;

namespace PublishingCluster.LoadTests;

/// <summary>The runner's flags. Every run is bounded: each simulation lasts --duration, the warm-up --warm-up.</summary>
public sealed record RunOptions
{
    public const string Usage = """
        usage: PublishingCluster.LoadTests <scenario>[,<scenario>...] [flags]

        scenarios:
          accepted-commands   create posts over HTTP against a server process started for the run
          account-reads       read accounts over HTTP (same request path, no journal write)
          journal-commands    create posts straight to account actors in this process (no HTTP)
          cold-recovery       time to recover an account and answer its first query, with and without snapshots
          top-of-hour         --accounts accounts with a post due at the same instant: lateness and posts/s, then the
                              node's CPU while idle for --duration with every account tracked (default 10,000 accounts)
          agency-day          operators create, approve and schedule posts over HTTP on --accounts accounts while the
                              node's virtual clock runs at --clock-speed and posts fall due and are published
          engagement-firehose engagements over HTTP across --accounts accounts, with negative spikes (one engagement in
                              --spike-every goes to an account being spiked) whose escalations reach a webhook receiver
                              in the runner: ingest rate and spike-to-notification time
          month-end           --accounts accounts on monthly reporting; the clock passes the month's end and every
                              account must issue its report: time until all reports exist
          account-memory      a node's actor system in this process opens --accounts accounts (default 100,000) with a
                              scheduled post each: managed heap per awake and per passivated account

        flags:
          --duration <s>          each measured simulation, seconds (default 20)
          --warm-up <s>           warm-up before measuring, seconds, figures dropped (default 5)
          --concurrency <n,...>   keep this many concurrent clients, one simulation each (default 32,64,128)
          --rate <n,...>          instead: inject this many requests a second, one simulation each
          --accounts <n>          accounts opened in set-up (default 200; 10,000 for agency-day, engagement-firehose,
                                  top-of-hour and month-end)
          --ramp-up <s>           a ramp from 0 to the first load before the measured loads, reported as a load of its own
          --clock-speed <x>       agency-day: virtual seconds per real second while the load runs (default 60)
          --spike-every <n>       engagement-firehose: one engagement in n is a negative one towards a spike (default 100)
          --max-error-rate <pct>  replaces every scenario's error-rate threshold for this run
          --max-p99 <ms>          replaces every scenario's p99 threshold for this run
          --nodes <n>             server nodes started as one cluster (default 1); more than one needs a shared journal
          --provider <name>       the servers' persistence provider (default sqlite; e.g. postgres)
          --connection-string <s> the servers' journal connection string, for a provider other than sqlite
          --passivate-after <s>   account-memory: idle passivation of the node's accounts, seconds (default 600)
          --idle-before <s>       top-of-hour: wait this long after the set-up before the hour (default none); past
                                  the server's two-minute idle passivation the due accounts are asleep at the hour
          --events <n>            cold-recovery: events in the account's history (default 1000)
          --snapshot-every <n>    accounts snapshot after this many events (default 200, as the server)
          --journal <sqlite|memory>  journal-commands: the server's SQLite journal (default) or Akka's in-memory one,
                                  to tell the journal's cost from the actors'
          --journal-setting <hocon>  a HOCON line appended to hocon/persistence.sqlite.hocon, for the server process and the
                                  in-process journal alike; repeat it
                                  (e.g. --journal-setting "akka.persistence.journal.sql.tag-write-mode = Csv")
          --server-arg <flag>     passed on to the server process; repeat it (e.g. --server-arg --shards=10)
          --out <folder>          where report.md, report.html and report.csv go (default load-tests/reports/<UTC timestamp>)

        The runner exits with 1 when a scenario's threshold fails (it prints which, measured against its limit), 2 on
        bad flags, and 3 when a scenario could not run at all (its set-up failed, a server would not start).
        """;

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

    public static RunOptions Parse(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith('-'))
        {
            throw new ArgumentException("Name a scenario first.");
        }

        var options = new RunOptions { Scenarios = args[0].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) };
        var serverArgs = new List<string>();
        var journalSettings = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            var flag = args[i];
            var value = i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{flag} needs a value.");
            options = flag switch
            {
                "--duration" => options with { Duration = Seconds(flag, value) },
                "--warm-up" => options with { WarmUp = Seconds(flag, value) },
                "--concurrency" => options with { Concurrency = Numbers(flag, value) },
                "--rate" => options with { Rates = Numbers(flag, value) },
                "--accounts" => options with { Accounts = Numbers(flag, value).Single() },
                "--ramp-up" => options with { RampUp = Seconds(flag, value) },
                "--clock-speed" => options with { ClockSpeed = Positive(flag, value, 1_000_000) },
                "--spike-every" => options with { SpikeEvery = Numbers(flag, value).Single() },
                "--max-error-rate" => options with { MaxErrorRate = Positive(flag, value, 100) },
                "--max-p99" => options with { MaxP99Ms = Positive(flag, value, 3_600_000) },
                "--nodes" => options with { Nodes = Numbers(flag, value).Single() },
                "--provider" when value is "sqlite" or "postgres" => options with { Provider = value },
                "--connection-string" => options with { ConnectionString = value },
                "--passivate-after" => options with { PassivateAfter = Seconds(flag, value) },
                "--idle-before" => options with { IdleBefore = Seconds(flag, value) },
                "--events" => options with { Events = Numbers(flag, value).Single() },
                "--snapshot-every" => options with { SnapshotEvery = Numbers(flag, value).Single() },
                "--out" => options with { OutFolder = value },
                "--journal" when value is "sqlite" or "memory" => options with { Journal = value },
                "--server-arg" or "--journal-setting" => options,
                _ => throw new ArgumentException($"Unknown flag {flag}."),
            };
            if (flag == "--server-arg")
            {
                serverArgs.Add(value);
            }
            else if (flag == "--journal-setting")
            {
                journalSettings.Add(value);
            }
        }

        if (options.Events < 10)
        {
            throw new ArgumentException("--events must be at least 10.");
        }

        if (options.SpikeEvery < 2)
        {
            throw new ArgumentException("--spike-every must be at least 2 (one in n engagements goes to a spike).");
        }

        if (options.Nodes > 1 && options.Provider == "sqlite")
        {
            throw new ArgumentException("--nodes above 1 needs a journal the nodes share: --provider postgres --connection-string ...");
        }

        if (options.Provider != "sqlite" && options.ConnectionString is null)
        {
            throw new ArgumentException($"--provider {options.Provider} needs --connection-string.");
        }

        return options with { ServerArgs = serverArgs, JournalSettings = journalSettings };
    }

    private static TimeSpan Seconds(string flag, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 && seconds <= 3600
            ? TimeSpan.FromSeconds(seconds)
            : throw new ArgumentException($"{flag} takes seconds between 0 and 3600, not '{value}'.");

    private static double Positive(string flag, string value, double max) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number > 0 && number <= max
            ? number
            : throw new ArgumentException($"{flag} takes a number above 0 and at most {max.ToString(CultureInfo.InvariantCulture)}, not '{value}'.");

    private static int[] Numbers(string flag, string value)
    {
        var numbers = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(n => int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0 ? number : -1)
            .ToArray();
        return numbers.Length > 0 && numbers.All(n => n > 0) ? numbers : throw new ArgumentException($"{flag} takes positive whole numbers, not '{value}'.");
    }
}
