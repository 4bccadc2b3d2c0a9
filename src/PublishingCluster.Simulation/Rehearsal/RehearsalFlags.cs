using System.Globalization;
using PublishingCluster.Simulation.Scenarios;

namespace PublishingCluster.Simulation.Rehearsal;

/// <summary>
/// The flags of <c>simulate --server</c>: where the server is and how to reach it, the bounds of the rehearsal, and
/// the scenario flags (everything else, as for an in-process run). Flags that set the pace or the storage of an
/// in-process run are refused: the server's clock and journal decide those.
/// </summary>
public sealed record RehearsalFlags(ScenarioFlags Scenario, RehearsalOptions Options)
{
    public const string Usage = """
        simulate --server <url> [--operator-key <token>] [--agency-key <key>] [--for <duration>] [--concurrency <n>] [--clock-speed <factor>] [scenario flags]
          --server <url>              rehearse against this running server over HTTP (http:// or https://)
          --operator-key <token>      the node's --operator-token (none: the server's loopback admin listener as --server)
          --agency-key <key>          act with this AgencyAdmin key instead of registering a new agency
          --for <duration>            stop after this much wall time: 90s, 10m, 2h (default: when the server passes --days)
          --concurrency <n>           requests in flight at once, 1 to 256 (default 8)
          --clock-speed <factor>      once the accounts are open, set the server's virtual clock to this speed (default: as it runs)
        The scenario starts at the server's clock; --start, --speed and --journal do not apply.
        """;

    private static readonly HashSet<string> Own = ["--server", "--operator-key", "--agency-key", "--for", "--concurrency", "--clock-speed"];
    private static readonly HashSet<string> NotWithServer = ["--start", "--speed", "--journal"];

    public static bool Wants(IReadOnlyList<string> args) => args.Contains("--server");

    public static RehearsalFlags Parse(IReadOnlyList<string> args)
    {
        var own = new Dictionary<string, string>(StringComparer.Ordinal);
        var rest = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            if (NotWithServer.Contains(args[i]))
            {
                throw new ScenarioException(args[i], "does not apply with --server: the server's clock and journal decide it.");
            }

            if (!Own.Contains(args[i]))
            {
                rest.Add(args[i]);
                continue;
            }

            if (i + 1 >= args.Count)
            {
                throw new ScenarioException(args[i], "needs a value.");
            }

            own[args[i]] = args[++i];
        }

        var scenario = ScenarioFlags.Parse(rest);
        var server = Server(own["--server"]);
        var concurrency = own.TryGetValue("--concurrency", out var c)
            ? int.TryParse(c, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 256 ? n : throw new ScenarioException("--concurrency", $"'{c}' is not a whole number from 1 to 256.")
            : RehearsalOptions.DefaultConcurrency;
        var bound = own.TryGetValue("--for", out var f) ? Duration(f) : (TimeSpan?)null;
        var speed = own.TryGetValue("--clock-speed", out var v)
            ? double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var factor) && factor is > 0 and <= 1_000_000 ? factor : throw new ScenarioException("--clock-speed", $"'{v}' is not a speed above 0 and up to 1,000,000 (virtual seconds per real second).")
            : (double?)null;
        return new RehearsalFlags(scenario, new RehearsalOptions(server, own.GetValueOrDefault("--operator-key"), own.GetValueOrDefault("--agency-key"), bound, concurrency, scenario.Run.OutputFolder, null, speed));
    }

    private static Uri Server(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.PathAndQuery == "/" && string.IsNullOrEmpty(uri.UserInfo)
            ? uri
            : throw new ScenarioException("--server", $"'{text}' is not a server address: give http://host:port or https://host:port, without a path.");

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
