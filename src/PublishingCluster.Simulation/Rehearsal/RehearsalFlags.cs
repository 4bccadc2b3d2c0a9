using System.CommandLine;
using System.Globalization;
using PublishingCluster.Simulation.Cli;
using PublishingCluster.Simulation.Scenarios;

namespace PublishingCluster.Simulation.Rehearsal;

/// <summary>
/// The flags of <c>simulate --server</c>: where the server is and how to reach it, the bounds of the rehearsal, and
/// the scenario flags (everything else, as for an in-process run).
/// </summary>
public sealed record RehearsalFlags(ScenarioFlags Scenario, RehearsalOptions Options)
{
    /// <summary>The flags read from <paramref name="args"/>, which name a server; anything wrong is refused with a <see cref="ScenarioException"/> naming the flag.</summary>
    public static RehearsalFlags Parse(IReadOnlyList<string> args)
    {
        var scenario = new ScenarioOptions();
        var rehearsal = new RehearsalFlagOptions();
        var command = new Command("simulate");
        scenario.AddTo(command);
        rehearsal.AddTo(command);
        var result = command.Parse(args);
        return Flag.Refusal(result) is { } refusal ? throw refusal : rehearsal.Read(result, scenario);
    }

    /// <summary>A duration as 90s, 10m, 2h or 1d, or as a time span (00:10:00).</summary>
    public static TimeSpan Duration(string text)
    {
        var units = new Dictionary<char, double> { ['s'] = 1, ['m'] = 60, ['h'] = 3600, ['d'] = 86400 };
        var span = text.Length > 1 && units.TryGetValue(text[^1], out var unit) && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var count)
            ? TimeSpan.FromSeconds(count * unit)
            : TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var parsed) ? parsed : TimeSpan.Zero;
        return span > TimeSpan.Zero && span <= TimeSpan.FromDays(365)
            ? span
            : throw new ScenarioException("--for", $"'{text}' is not a duration: give 90s, 10m, 2h or 1d (up to a year).");
    }
}

/// <summary>
/// The options of a rehearsal against a running server, for a command to carry beside the <see cref="ScenarioOptions"/>.
/// With <c>--server</c>, the flags that set the pace or the storage of an in-process run are refused: the server's
/// clock and journal decide those.
/// </summary>
public sealed class RehearsalFlagOptions
{
    public Option<Uri?> Server { get; } = Flag.Of<Uri?>("--server", "url", "rehearse against this running server over HTTP (http:// or https://)", ServerAddress);

    public Option<string?> OperatorKey { get; } = new("--operator-key") { HelpName = "token", Description = "the node's --operator-token (none: the server's loopback admin listener as --server)" };

    public Option<string?> AgencyKey { get; } = new("--agency-key") { HelpName = "key", Description = "act with this AgencyAdmin key instead of registering a new agency" };

    public Option<TimeSpan?> For { get; } = Flag.Of<TimeSpan?>("--for", "duration", "stop after this much wall time: 90s, 10m, 2h (default: when the server passes --days)", text => RehearsalFlags.Duration(text));

    public Option<int?> Concurrency { get; } = Flag.Of<int?>("--concurrency", "n", $"requests in flight at once, 1 to 256 (default {RehearsalOptions.DefaultConcurrency})", text =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 256 ? n : throw new ScenarioException("--concurrency", $"'{text}' is not a whole number from 1 to 256."));

    public Option<double?> ClockSpeed { get; } = Flag.Of<double?>("--clock-speed", "factor", "once the accounts are open, set the server's virtual clock to this speed (default: as it runs)", text =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var factor) && factor is > 0 and <= 1_000_000 ? factor : throw new ScenarioException("--clock-speed", $"'{text}' is not a speed above 0 and up to 1,000,000 (virtual seconds per real second)."));

    private IReadOnlyList<Option> All => [Server, OperatorKey, AgencyKey, For, Concurrency, ClockSpeed];

    public void AddTo(Command command)
    {
        foreach (var option in All)
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Whether the command line names a server to rehearse against.</summary>
    public bool Wanted(ParseResult result) => result.GetResult(Server) is not null;

    /// <summary>The rehearsal's flags, the scenario's read by <paramref name="scenario"/>; the in-process run's own flags are refused.</summary>
    public RehearsalFlags Read(ParseResult result, ScenarioOptions scenario)
    {
        if (!Wanted(result))
        {
            throw new ScenarioException("--server", "a rehearsal needs the server's address.");
        }

        if (scenario.InProcessOnly.FirstOrDefault(o => result.GetResult(o) is not null) is { } local)
        {
            throw new ScenarioException(local.Name, "does not apply with --server: the server's clock and journal decide it.");
        }

        var flags = scenario.Read(result);
        return new RehearsalFlags(flags, new RehearsalOptions(
            result.GetValue(Server)!, result.GetValue(OperatorKey), result.GetValue(AgencyKey), result.GetValue(For),
            result.GetValue(Concurrency) ?? RehearsalOptions.DefaultConcurrency, flags.Run.OutputFolder, null, result.GetValue(ClockSpeed)));
    }

    /// <summary>Refuses the rehearsal's own flags on a command line that names no server.</summary>
    public void RefuseWithoutServer(ParseResult result)
    {
        if (All.FirstOrDefault(o => result.GetResult(o) is not null) is { } stray)
        {
            throw new ScenarioException(stray.Name, "applies only to a rehearsal against a server: give --server <url>.");
        }
    }

    private static Uri ServerAddress(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.PathAndQuery == "/" && string.IsNullOrEmpty(uri.UserInfo)
            ? uri
            : throw new ScenarioException("--server", $"'{text}' is not a server address: give http://host:port or https://host:port, without a path.");
}
