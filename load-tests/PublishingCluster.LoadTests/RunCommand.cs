using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace PublishingCluster.LoadTests;

/// <summary>
/// The runner's command line: the scenarios to run and the flags that shape them, read into <see cref="RunOptions"/>.
/// A bad flag is refused with one line naming it (<see cref="ArgumentException"/>); <c>--help</c> lists them all.
/// </summary>
public sealed class RunCommand
{
    private const string Description = """
        Runs the named load scenarios one after another and writes report.md, report.html and report.csv.

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

        The runner exits with 1 when a scenario's threshold fails (it prints which, measured against its limit), 2 on
        bad flags, and 3 when a scenario could not run at all (its set-up failed, a server would not start).
        """;

    public RunCommand()
    {
        Root = new RootCommand(Description) { Scenarios };
        // The runner has no version of its own to show: it runs with the server it was built beside.
        Root.Options.Remove(Root.Options.OfType<VersionOption>().Single());
        foreach (var option in Options)
        {
            Root.Options.Add(option);
        }
    }

    public RootCommand Root { get; }

    private Argument<string[]> Scenarios { get; } = new("scenario[,scenario...]")
    {
        Description = "the scenarios to run, separated by commas",
        Arity = ArgumentArity.ExactlyOne,
        CustomParser = result => result.Tokens[0].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
    };

    private Option<TimeSpan?> Duration { get; } = Seconds("--duration", "each measured simulation, seconds (default 20)");

    private Option<TimeSpan?> WarmUp { get; } = Seconds("--warm-up", "warm-up before measuring, seconds, figures dropped (default 5)");

    private Option<int[]?> Concurrency { get; } = Numbers("--concurrency", "n,...", "keep this many concurrent clients, one simulation each (default 32,64,128)");

    private Option<int[]?> Rate { get; } = Numbers("--rate", "n,...", "instead: inject this many requests a second, one simulation each");

    private Option<int[]?> Accounts { get; } = Numbers("--accounts", "n", "accounts opened in set-up (default 200; 10,000 for agency-day, engagement-firehose, top-of-hour and month-end)");

    private Option<TimeSpan?> RampUp { get; } = Seconds("--ramp-up", "a ramp from 0 to the first load before the measured loads, reported as a load of its own");

    private Option<double?> ClockSpeed { get; } = Positive("--clock-speed", "x", 1_000_000, "agency-day: virtual seconds per real second while the load runs (default 60)");

    private Option<int[]?> SpikeEvery { get; } = Numbers("--spike-every", "n", "engagement-firehose: one engagement in n is a negative one towards a spike (default 100)");

    private Option<double?> MaxErrorRate { get; } = Positive("--max-error-rate", "pct", 100, "replaces every scenario's error-rate threshold for this run");

    private Option<double?> MaxP99 { get; } = Positive("--max-p99", "ms", 3_600_000, "replaces every scenario's p99 threshold for this run");

    private Option<int[]?> Nodes { get; } = Numbers("--nodes", "n", "server nodes started as one cluster (default 1); more than one needs a shared journal");

    private Option<string?> Provider { get; } = OneOf("--provider", "the servers' persistence provider (default sqlite; e.g. postgres)", "sqlite", "postgres");

    private Option<string?> ConnectionString { get; } = new("--connection-string") { HelpName = "s", Description = "the servers' journal connection string, for a provider other than sqlite" };

    private Option<TimeSpan?> PassivateAfter { get; } = Seconds("--passivate-after", "account-memory: idle passivation of the node's accounts, seconds (default 600)");

    private Option<TimeSpan?> IdleBefore { get; } = Seconds("--idle-before", "top-of-hour: wait this long after the set-up before the hour (default none); past the server's two-minute idle passivation the due accounts are asleep at the hour");

    private Option<int[]?> Events { get; } = Numbers("--events", "n", "cold-recovery: events in the account's history (default 1000)");

    private Option<int[]?> SnapshotEvery { get; } = Numbers("--snapshot-every", "n", "accounts snapshot after this many events (default 200, as the server)");

    private Option<string?> Journal { get; } = OneOf("--journal", "journal-commands: the server's SQLite journal (default) or Akka's in-memory one, to tell the journal's cost from the actors'", "sqlite", "memory");

    private Option<List<string>> JournalSettings { get; } = Repeated("--journal-setting", "hocon", "a HOCON line appended to hocon/persistence.sqlite.hocon, for the server process and the in-process journal alike; repeat it (e.g. --journal-setting \"akka.persistence.journal.sql.tag-write-mode = Csv\")");

    private Option<List<string>> ServerArgs { get; } = Repeated("--server-arg", "flag", "passed on to the server process; repeat it (e.g. --server-arg --shards=10)");

    private Option<string?> Out { get; } = new("--out") { HelpName = "folder", Description = "where report.md, report.html and report.csv go (default load-tests/reports/<UTC timestamp>)" };

    private IEnumerable<Option> Options =>
    [
        Duration, WarmUp, Concurrency, Rate, Accounts, RampUp, ClockSpeed, SpikeEvery, MaxErrorRate, MaxP99, Nodes, Provider, ConnectionString,
        PassivateAfter, IdleBefore, Events, SnapshotEvery, Journal, JournalSettings, ServerArgs, Out,
    ];

    /// <summary>The run's options; a bad or missing flag, or flags that do not go together, are refused with one line naming them.</summary>
    public RunOptions Read(ParseResult result)
    {
        if (result.GetResult(Scenarios) is not { Tokens.Count: > 0 })
        {
            throw new ArgumentException("Name a scenario first.");
        }

        if (result.UnmatchedTokens.Count > 0)
        {
            throw new ArgumentException($"Unknown flag {result.UnmatchedTokens[0]}.");
        }

        if (result.Errors.Count > 0)
        {
            var error = result.Errors[0];
            throw new ArgumentException(error.SymbolResult is OptionResult { Tokens.Count: 0 } missing ? $"{missing.Option.Name} needs a value." : error.Message);
        }

        var defaults = new RunOptions();
        var options = new RunOptions
        {
            Scenarios = result.GetValue(Scenarios) ?? [],
            Duration = result.GetValue(Duration) ?? defaults.Duration,
            WarmUp = result.GetValue(WarmUp) ?? defaults.WarmUp,
            Concurrency = Given(result, Concurrency) ?? defaults.Concurrency,
            Rates = Given(result, Rate) ?? defaults.Rates,
            Accounts = Single(result, Accounts),
            RampUp = result.GetValue(RampUp),
            ClockSpeed = result.GetValue(ClockSpeed) ?? defaults.ClockSpeed,
            SpikeEvery = Single(result, SpikeEvery) ?? defaults.SpikeEvery,
            MaxErrorRate = result.GetValue(MaxErrorRate),
            MaxP99Ms = result.GetValue(MaxP99),
            Nodes = Single(result, Nodes) ?? defaults.Nodes,
            Provider = result.GetValue(Provider) ?? defaults.Provider,
            ConnectionString = result.GetValue(ConnectionString),
            PassivateAfter = result.GetValue(PassivateAfter) ?? defaults.PassivateAfter,
            IdleBefore = result.GetValue(IdleBefore) ?? defaults.IdleBefore,
            Events = Single(result, Events) ?? defaults.Events,
            SnapshotEvery = Single(result, SnapshotEvery) ?? defaults.SnapshotEvery,
            Journal = result.GetValue(Journal) ?? defaults.Journal,
            JournalSettings = result.GetValue(JournalSettings) ?? [],
            ServerArgs = result.GetValue(ServerArgs) ?? [],
            OutFolder = result.GetValue(Out),
        };

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

        return options;
    }

    /// <summary>A flag that takes one number, as the numbers' reader reads it.</summary>
    private static int? Single(ParseResult result, Option<int[]?> option) => Given(result, option) switch
    {
        null => null,
        [var one] => one,
        _ => throw new ArgumentException($"{option.Name} takes one number."),
    };

    /// <summary>The numbers given with <paramref name="option"/>; null when it is not given.</summary>
    private static int[]? Given(ParseResult result, Option<int[]?> option) => result.GetResult(option) is null ? null : result.GetValue(option);

    private static Option<TimeSpan?> Seconds(string name, string description) => Read<TimeSpan?>(name, "s", description, value =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 && seconds <= 3600
            ? TimeSpan.FromSeconds(seconds)
            : throw new ArgumentException($"{name} takes seconds between 0 and 3600, not '{value}'."));

    private static Option<double?> Positive(string name, string valueName, double max, string description) => Read<double?>(name, valueName, description, value =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number > 0 && number <= max
            ? number
            : throw new ArgumentException($"{name} takes a number above 0 and at most {max.ToString(CultureInfo.InvariantCulture)}, not '{value}'."));

    private static Option<int[]?> Numbers(string name, string valueName, string description) => Read<int[]?>(name, valueName, description, value =>
    {
        var numbers = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(n => int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0 ? number : -1)
            .ToArray();
        return numbers.Length > 0 && numbers.All(n => n > 0) ? numbers : throw new ArgumentException($"{name} takes positive whole numbers, not '{value}'.");
    });

    private static Option<string?> OneOf(string name, string description, params string[] values) => Read<string?>(name, string.Join('|', values), description, value =>
        values.Contains(value, StringComparer.Ordinal) ? value : throw new ArgumentException($"{name} is one of {string.Join(", ", values)}, not '{value}'."));

    /// <summary>A flag given once per value; each occurrence takes exactly the token after it, even one that starts with dashes.</summary>
    private static Option<List<string>> Repeated(string name, string valueName, string description) => new(name)
    {
        HelpName = valueName,
        Description = description,
        Arity = ArgumentArity.ZeroOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    private static Option<T> Read<T>(string name, string valueName, string description, Func<string, T> read) => new(name)
    {
        HelpName = valueName,
        Description = description,
        CustomParser = result =>
        {
            try
            {
                return read(result.Tokens[^1].Value);
            }
            catch (ArgumentException e)
            {
                result.AddError(e.Message);
                return default!;
            }
        },
    };
}
