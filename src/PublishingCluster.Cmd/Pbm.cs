using System.Text.Json.Nodes;

namespace PublishingCluster.Cmd;

/// <summary>
/// pbm's entry: <c>pbm &lt;host:port&gt; &lt;palette&gt; &lt;command&gt; [args]</c>, with <c>--json</c> and <c>--token</c>
/// anywhere; with only the node given, the interactive shell. Errors end in one line on stderr and a non-zero
/// exit code (<see cref="ExitCodes"/>).
/// </summary>
public static class Pbm
{
    public const string TokenVariable = "PBM_TOKEN";

    /// <summary>JSON as the node sent it: one value per line, '+' and quotes in text left readable.</summary>
    private static readonly System.Text.Json.JsonSerializerOptions Unescaped = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public const string Usage = """
        Usage: pbm <host:port> <palette> <command> [args] [--json] [--token <token>]
               pbm <host:port>                   interactive: history, tab completion
               pbm <host:port> help              the node's palettes and commands
        The node's command endpoint listens on port 9110 by default (--cmd-port on the server).
        --json     machine-readable output: one JSON value per line
        --token    the node's command token (or the PBM_TOKEN environment variable)
        Exit codes: 0 ok, 1 failed or not found, 2 bad argument or unknown command, 3 unreachable, 4 refused token.
        """;

    public static async Task<int> RunAsync(string[] args, ITerminal terminal)
    {
        var words = new List<string>();
        var json = false;
        var token = Environment.GetEnvironmentVariable(TokenVariable);
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--json":
                    json = true;
                    break;
                case "--token" when i + 1 < args.Length:
                    token = args[++i];
                    break;
                case "--token":
                    return Fail(terminal, ExitCodes.Usage, "--token needs a value.");
                case var arg when arg.StartsWith("--token=", StringComparison.Ordinal):
                    token = arg["--token=".Length..];
                    break;
                case "-h" or "--help" when words.Count == 0:
                    terminal.Out.WriteLine(Usage);
                    return ExitCodes.Ok;
                default:
                    words.Add(args[i]);
                    break;
            }
        }

        if (words.Count == 0)
        {
            terminal.Error.WriteLine(Usage);
            return Fail(terminal, ExitCodes.Usage, "name the node: pbm <host:port> ...");
        }

        if (!NodeEndpoint.TryParse(words[0], out var endpoint))
        {
            return Fail(terminal, ExitCodes.Usage, $"'{words[0]}' is not a node address; give host:port, such as 127.0.0.1:9110.");
        }

        var client = new CommandClient(endpoint, string.IsNullOrEmpty(token) ? null : token);
        if (words.Count == 1)
        {
            return await new Shell(client, terminal).RunAsync();
        }

        var outcome = await RunOneAsync(client, terminal, words.Skip(1).ToList(), json);
        return outcome.ExitCode == ExitCodes.Ok ? ExitCodes.Ok : Fail(terminal, outcome.ExitCode, outcome.Reason!);
    }

    /// <summary>Runs one command line (palette, command, args) and prints what comes back.</summary>
    public static async Task<Outcome> RunOneAsync(CommandClient client, ITerminal terminal, IReadOnlyList<string> words, bool json)
    {
        if (words[0] == "help")
        {
            var (outcome, description) = await client.DescribeAsync(terminal.BeginCommand());
            if (outcome.ExitCode == ExitCodes.Ok)
            {
                if (json)
                {
                    terminal.Out.WriteLine(description?.ToJsonString(Unescaped));
                }
                else
                {
                    PrintHelp(terminal, Palettes.From(description), words.Count > 1 ? words[1] : null);
                }
            }

            return outcome;
        }

        return await client.RunAsync(words[0], words.Count > 1 ? words[1] : null, [.. words.Skip(2)], json,
            terminal.Out.WriteLine, node => terminal.Out.WriteLine(node?.ToJsonString(Unescaped) ?? "null"), terminal.BeginCommand());
    }

    public static void PrintHelp(ITerminal terminal, Palettes palettes, string? only)
    {
        foreach (var palette in palettes.All.Where(p => only is null || p.Name == only))
        {
            terminal.Out.WriteLine($"{palette.Name}: {palette.Description}");
            foreach (var command in palette.Commands)
            {
                terminal.Out.WriteLine($"  {palette.Name} {command.Usage}");
                terminal.Out.WriteLine($"      {command.Description}");
            }
        }
    }

    private static int Fail(ITerminal terminal, int exitCode, string reason)
    {
        terminal.Error.WriteLine($"pbm: {reason}");
        return exitCode;
    }
}

/// <summary>The node's palettes as <c>describe</c> tells them: for help and tab completion.</summary>
public sealed record Palettes(IReadOnlyList<PaletteInfo> All)
{
    public static Palettes From(JsonNode? description) => new([.. (description?["palettes"] as JsonArray ?? []).Select(p => new PaletteInfo(
        p!["name"]!.GetValue<string>(),
        p["description"]!.GetValue<string>(),
        [.. (p["commands"] as JsonArray ?? []).Select(c => new CommandInfo(
            c!["name"]!.GetValue<string>(),
            c["usage"]!.GetValue<string>(),
            c["description"]!.GetValue<string>(),
            c["accountId"]?.GetValue<bool>() ?? false,
            [.. (c["options"] as JsonArray ?? []).Select(o => o!.GetValue<string>())]))]))]);
}

public sealed record PaletteInfo(string Name, string Description, IReadOnlyList<CommandInfo> Commands);

public sealed record CommandInfo(string Name, string Usage, string Description, bool TakesAccountId, IReadOnlyList<string> Options);
