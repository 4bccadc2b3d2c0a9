using System.Globalization;
using PublishingCluster.Simulation.Running;

namespace PublishingCluster.Simulation.Scenarios;

/// <summary>
/// The simulate command's flags: a scenario file (optional) refined by flags, and how to run it. An unknown flag
/// or a bad value is refused with a message naming the flag.
/// </summary>
public sealed record ScenarioFlags(Scenario Scenario, RunOptions Run, bool Help)
{
    public const string Usage = """
        simulate [--scenario <file.json|file.hocon>] [flags]
          --accounts <n>              client accounts (default 100)
          --clients <mix>             behaviour shares, e.g. responsive=0.37,slow=0.2,outsource-and-forget=0.33,cherry-picker=0.1
          --channels <n>              channels per account (default 4)
          --days <n>                  simulated days (default 30)
          --seed <n>                  seed of every chance (default 1)
          --posts-per-week <n>        posts a week per channel (default 3)
          --responses-per-hour <x>    the agency's engagement answers per hour (default: accounts / 2)
          --slot-policy <p>           best | worst | spread: where the agency puts queue slots (default best)
          --step-minutes <n>          the virtual clock's step (default 15)
          --start <instant>           first instant, ISO 8601 UTC (default 2027-03-01T00:00:00Z)
          --speed <max|factor>        as fast as possible (default), or virtual seconds per real second
          --journal <memory|sqlite>   where events go (default memory; sqlite writes journal.db in the output folder)
          --output <folder>           where summary.json and report.html go (default simulation-output)
        """;

    public static ScenarioFlags Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var flag = args[i];
            if (flag is "--help" or "-h")
            {
                return new ScenarioFlags(new Scenario(), RunOptions.InMemory("simulation-output"), Help: true);
            }

            if (!Known.Contains(flag))
            {
                throw new ScenarioException(flag, $"unknown flag.\n{Usage}");
            }

            if (i + 1 >= args.Count)
            {
                throw new ScenarioException(flag, "needs a value.");
            }

            values[flag] = args[++i];
        }

        var s = values.TryGetValue("--scenario", out var file) ? ScenarioFile.Load(file) : new Scenario();
        s = s with
        {
            Accounts = Int(values, "--accounts") ?? s.Accounts,
            ChannelsPerAccount = Int(values, "--channels") ?? s.ChannelsPerAccount,
            Days = Int(values, "--days") ?? s.Days,
            Seed = Int(values, "--seed") ?? s.Seed,
            PostsPerWeek = Int(values, "--posts-per-week") ?? s.PostsPerWeek,
            StepMinutes = Int(values, "--step-minutes") ?? s.StepMinutes,
            Start = values.TryGetValue("--start", out var start) ? Instant("--start", start) : s.Start,
            Clients = values.TryGetValue("--clients", out var mix) ? Mix(mix) : s.Clients,
            Agency = s.Agency with
            {
                ResponsesPerHour = Double(values, "--responses-per-hour") ?? s.Agency.ResponsesPerHour,
                SlotPolicy = values.TryGetValue("--slot-policy", out var policy) ? Enum<SlotPolicy>("--slot-policy", policy) : s.Agency.SlotPolicy,
            },
        };
        ScenarioRules.Validate(s);

        var journal = values.TryGetValue("--journal", out var j) ? Enum<JournalKind>("--journal", j) : JournalKind.Memory;
        double? speed = null;
        if (values.TryGetValue("--speed", out var pace) && pace != "max")
        {
            speed = double.TryParse(pace, NumberStyles.Float, CultureInfo.InvariantCulture, out var factor) && factor > 0 && factor <= 1e9
                ? factor
                : throw new ScenarioException("--speed", "must be 'max' or a factor above 0 (virtual seconds per real second).");
        }

        return new ScenarioFlags(s, new RunOptions(journal, speed, values.GetValueOrDefault("--output", "simulation-output"), null), Help: false);
    }

    private static readonly HashSet<string> Known =
    [
        "--scenario", "--accounts", "--clients", "--channels", "--days", "--seed", "--posts-per-week", "--responses-per-hour",
        "--slot-policy", "--step-minutes", "--start", "--speed", "--journal", "--output",
    ];

    private static int? Int(Dictionary<string, string> values, string flag) =>
        !values.TryGetValue(flag, out var text) ? null
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n
        : throw new ScenarioException(flag, $"'{text}' is not a whole number.");

    private static double? Double(Dictionary<string, string> values, string flag) =>
        !values.TryGetValue(flag, out var text) ? null
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n
        : throw new ScenarioException(flag, $"'{text}' is not a number.");

    private static DateTimeOffset Instant(string flag, string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at.ToUniversalTime()
            : throw new ScenarioException(flag, $"'{text}' is not an ISO 8601 instant.");

    private static T Enum<T>(string flag, string text)
        where T : struct, System.Enum =>
        System.Enum.TryParse<T>(text.Replace("-", string.Empty, StringComparison.Ordinal), ignoreCase: true, out var value) && System.Enum.IsDefined(value)
            ? value
            : throw new ScenarioException(flag, $"'{text}' is not one of {string.Join(", ", System.Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}.");

    private static ClientMix Mix(string text)
    {
        var mix = new ClientMix { Responsive = 0, Slow = 0, OutsourceAndForget = 0, CherryPicker = 0 };
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pair = part.Split('=');
            if (pair.Length != 2 || !double.TryParse(pair[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var share))
            {
                throw new ScenarioException("--clients", $"'{part}' is not behaviour=share.");
            }

            mix = pair[0].ToLowerInvariant() switch
            {
                "responsive" => mix with { Responsive = share },
                "slow" => mix with { Slow = share },
                "outsource-and-forget" or "outsource" => mix with { OutsourceAndForget = share },
                "cherry-picker" or "cherry" => mix with { CherryPicker = share },
                _ => throw new ScenarioException("--clients", $"'{pair[0]}' is not a behaviour: responsive, slow, outsource-and-forget or cherry-picker."),
            };
        }

        return mix;
    }
}
