using System.CommandLine;
using System.Globalization;
using PublishingCluster.Simulation.Cli;
using PublishingCluster.Simulation.Running;

namespace PublishingCluster.Simulation.Scenarios;

/// <summary>
/// The simulate command's flags: a scenario file (optional) refined by flags, and how to run it.
/// </summary>
public sealed record ScenarioFlags(Scenario Scenario, RunOptions Run)
{
    /// <summary>The flags read from <paramref name="args"/>; anything wrong is refused with a <see cref="ScenarioException"/> naming the flag.</summary>
    public static ScenarioFlags Parse(IReadOnlyList<string> args)
    {
        var options = new ScenarioOptions();
        var command = new Command("simulate");
        options.AddTo(command);
        var result = command.Parse(args);
        return Flag.Refusal(result) is { } refusal ? throw refusal : options.Read(result);
    }
}

/// <summary>
/// The options of a scenario run, for a command to carry: each refines the scenario file, if one is given. A bad
/// value is refused naming the flag; the scenario as a whole is checked by <see cref="ScenarioRules"/>.
/// </summary>
public sealed class ScenarioOptions
{
    public const string DefaultOutput = "simulation-output";

    public Option<string?> File { get; } = new("--scenario") { HelpName = "file.json|file.hocon", Description = "a scenario file to start from: JSON (.json) or HOCON (any other extension)" };

    public Option<int?> Accounts { get; } = Flag.Of<int?>("--accounts", "n", "client accounts (default 100)", text => Int("--accounts", text));

    public Option<ClientMix?> Clients { get; } = Flag.Of<ClientMix?>("--clients", "mix", "behaviour shares, e.g. responsive=0.37,slow=0.2,outsource-and-forget=0.33,cherry-picker=0.1", Mix);

    public Option<int?> Channels { get; } = Flag.Of<int?>("--channels", "n", "channels per account (default 4)", text => Int("--channels", text));

    public Option<int?> Days { get; } = Flag.Of<int?>("--days", "n", "simulated days (default 30)", text => Int("--days", text));

    public Option<int?> Seed { get; } = Flag.Of<int?>("--seed", "n", "seed of every chance (default 1)", text => Int("--seed", text));

    public Option<int?> PostsPerWeek { get; } = Flag.Of<int?>("--posts-per-week", "n", "posts a week per channel (default 3)", text => Int("--posts-per-week", text));

    public Option<double?> ResponsesPerHour { get; } = Flag.Of<double?>("--responses-per-hour", "x", "the agency's engagement answers per hour (default: accounts / 2)", text => Double("--responses-per-hour", text));

    public Option<SlotPolicy?> SlotPolicy { get; } = Flag.Of<SlotPolicy?>("--slot-policy", "best|worst|spread", "where the agency puts queue slots (default best)", text => Enum<SlotPolicy>("--slot-policy", text));

    public Option<int?> StepMinutes { get; } = Flag.Of<int?>("--step-minutes", "n", "the virtual clock's step (default 15)", text => Int("--step-minutes", text));

    public Option<DateTimeOffset?> Start { get; } = Flag.Of<DateTimeOffset?>("--start", "instant", "first instant, ISO 8601 UTC (default 2027-03-01T00:00:00Z)", Instant);

    public Option<double?> Speed { get; } = Flag.Of<double?>("--speed", "max|factor", "as fast as possible (default), or virtual seconds per real second", Pace);

    public Option<JournalKind?> Journal { get; } = Flag.Of<JournalKind?>("--journal", "memory|sqlite", "where events go (default memory; sqlite writes journal.db in the output folder)", text => Enum<JournalKind>("--journal", text));

    public Option<string?> Output { get; } = new("--output") { HelpName = "folder", Description = $"where summary.json and report.html go (default {DefaultOutput})" };

    /// <summary>The flags that set the pace or the storage of an in-process run (a rehearsal's server decides those).</summary>
    public IReadOnlyList<Option> InProcessOnly => [Start, Speed, Journal];

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { File, Accounts, Clients, Channels, Days, Seed, PostsPerWeek, ResponsesPerHour, SlotPolicy, StepMinutes, Start, Speed, Journal, Output })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The scenario file's scenario (or the default one) with the flags given applied, checked as a whole, and how to run it.</summary>
    public ScenarioFlags Read(ParseResult result)
    {
        var s = result.GetValue(File) is { } file ? ScenarioFile.Load(file) : new Scenario();
        s = s with
        {
            Accounts = result.GetValue(Accounts) ?? s.Accounts,
            ChannelsPerAccount = result.GetValue(Channels) ?? s.ChannelsPerAccount,
            Days = result.GetValue(Days) ?? s.Days,
            Seed = result.GetValue(Seed) ?? s.Seed,
            PostsPerWeek = result.GetValue(PostsPerWeek) ?? s.PostsPerWeek,
            StepMinutes = result.GetValue(StepMinutes) ?? s.StepMinutes,
            Start = result.GetValue(Start) ?? s.Start,
            Clients = result.GetValue(Clients) ?? s.Clients,
            Agency = s.Agency with
            {
                ResponsesPerHour = result.GetValue(ResponsesPerHour) ?? s.Agency.ResponsesPerHour,
                SlotPolicy = result.GetValue(SlotPolicy) ?? s.Agency.SlotPolicy,
            },
        };
        ScenarioRules.Validate(s);
        return new ScenarioFlags(s, new RunOptions(result.GetValue(Journal) ?? JournalKind.Memory, result.GetValue(Speed), result.GetValue(Output) ?? DefaultOutput, null));
    }

    private static int Int(string flag, string text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : throw new ScenarioException(flag, $"'{text}' is not a whole number.");

    private static double Double(string flag, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : throw new ScenarioException(flag, $"'{text}' is not a number.");

    private static DateTimeOffset? Instant(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at.ToUniversalTime()
            : throw new ScenarioException("--start", $"'{text}' is not an ISO 8601 instant.");

    /// <summary>"max" (as fast as possible: null) or a factor of virtual seconds per real second.</summary>
    private static double? Pace(string text) =>
        text == "max" ? null
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var factor) && factor > 0 && factor <= 1e9 ? factor
        : throw new ScenarioException("--speed", "must be 'max' or a factor above 0 (virtual seconds per real second).");

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
