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
                              node's CPU while idle for --duration with every account tracked

        flags:
          --duration <s>          each measured simulation, seconds (default 20)
          --warm-up <s>           warm-up before measuring, seconds, figures dropped (default 5)
          --concurrency <n,...>   keep this many concurrent clients, one simulation each (default 32,64,128)
          --rate <n,...>          instead: inject this many requests a second, one simulation each
          --accounts <n>          accounts opened in set-up (default 200)
          --events <n>            cold-recovery: events in the account's history (default 1000)
          --snapshot-every <n>    accounts snapshot after this many events (default 200, as the server)
          --journal <sqlite|memory>  journal-commands: the server's SQLite journal (default) or Akka's in-memory one,
                                  to tell the journal's cost from the actors'
          --journal-setting <hocon>  a HOCON line appended to hocon/persistence.sqlite.hocon, for the server process and the
                                  in-process journal alike; repeat it
                                  (e.g. --journal-setting "akka.persistence.journal.sql.tag-write-mode = Csv")
          --server-arg <flag>     passed on to the server process; repeat it (e.g. --server-arg --shards=10)
          --out <folder>          where report.md and report.csv go (default load-tests/reports/<UTC timestamp>)
        """;

    public IReadOnlyList<string> Scenarios { get; init; } = [];

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(20);

    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(5);

    public IReadOnlyList<int> Concurrency { get; init; } = [32, 64, 128];

    public IReadOnlyList<int> Rates { get; init; } = [];

    public int Accounts { get; init; } = 200;

    public int Events { get; init; } = 1000;

    /// <summary>For the accounts under load, in the server process and in this one: the server's default unless set.</summary>
    public int SnapshotEvery { get; init; } = 200;

    public IReadOnlyList<string> ServerArgs { get; init; } = [];

    /// <summary>HOCON lines that refine the SQLite journal's tuning, to try a setting without editing hocon/.</summary>
    public IReadOnlyList<string> JournalSettings { get; init; } = [];

    /// <summary>For journal-commands: "sqlite" (the server's set-up) or "memory" (no storage cost at all).</summary>
    public string Journal { get; init; } = "sqlite";

    public string? OutFolder { get; init; }

    /// <summary>
    /// The hocon/ folder to run with: the one beside the runner, or, with --journal-setting, a copy in a temporary
    /// folder whose persistence.sqlite.hocon ends with those settings (later lines win in HOCON).
    /// </summary>
    public string HoconFolder()
    {
        var shipped = Path.Combine(AppContext.BaseDirectory, "hocon");
        if (JournalSettings.Count == 0)
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
        return folder;
    }

    /// <summary>The measured simulations: one per --rate if given, else one per --concurrency.</summary>
    public IReadOnlyList<LoadSimulation> Simulations() =>
        Rates.Count > 0
            ? [.. Rates.Select(rate => new LoadSimulation.Inject(rate, Duration))]
            : [.. Concurrency.Select(copies => new LoadSimulation.KeepConstant(copies, Duration))];

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

        return options with { ServerArgs = serverArgs, JournalSettings = journalSettings };
    }

    private static TimeSpan Seconds(string flag, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 && seconds <= 3600
            ? TimeSpan.FromSeconds(seconds)
            : throw new ArgumentException($"{flag} takes seconds between 0 and 3600, not '{value}'.");

    private static int[] Numbers(string flag, string value)
    {
        var numbers = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(n => int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0 ? number : -1)
            .ToArray();
        return numbers.Length > 0 && numbers.All(n => n > 0) ? numbers : throw new ArgumentException($"{flag} takes positive whole numbers, not '{value}'.");
    }
}
