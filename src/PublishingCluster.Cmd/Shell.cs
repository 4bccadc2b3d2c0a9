using System.Text;

namespace PublishingCluster.Cmd;

/// <summary>
/// The interactive mode: a prompt that runs one command line after another against the node, with history and
/// tab completion of palettes, commands, options and account ids when a person types at a terminal. With input
/// from a pipe it reads one command per line and exits with the code of the last that failed (0 if none did).
/// </summary>
public sealed class Shell(CommandClient client, ITerminal terminal)
{
    public async Task<int> RunAsync()
    {
        var (outcome, description) = await client.DescribeAsync(terminal.BeginCommand());
        if (outcome.ExitCode != ExitCodes.Ok)
        {
            terminal.Error.WriteLine($"pbm: {outcome.Reason}");
            return outcome.ExitCode;
        }

        var palettes = Palettes.From(description);
        if (terminal.IsInteractive)
        {
            terminal.Out.WriteLine($"Connected to {client.Endpoint}. Palettes: {string.Join(", ", palettes.All.Select(p => p.Name))}. 'help' lists the commands, Tab completes, 'exit' leaves.");
        }

        var exitCode = ExitCodes.Ok;
        while (terminal.ReadLine($"pbm {client.Endpoint}> ", text => Complete(palettes, text)) is { } line)
        {
            var words = Split(line);
            if (words.Count == 0 || words[0].StartsWith('#'))
            {
                continue;
            }

            if (words[0] is "exit" or "quit")
            {
                break;
            }

            var json = words.Remove("--json");
            var result = words[0] == "help" && words.Count <= 2 && !json
                ? Help(palettes, words)
                : await Pbm.RunOneAsync(client, terminal, words, json);
            if (result.ExitCode != ExitCodes.Ok)
            {
                terminal.Error.WriteLine($"pbm: {result.Reason}");
                exitCode = result.ExitCode;
            }
        }

        return exitCode;
    }

    private Outcome Help(Palettes palettes, List<string> words)
    {
        Pbm.PrintHelp(terminal, palettes, words.Count > 1 ? words[1] : null);
        return Outcome.Ok;
    }

    /// <summary>Candidates for the word under the cursor: a palette, a command, an option, or an account id.</summary>
    public IReadOnlyList<string> Complete(Palettes palettes, string text)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        var word = text.Length == 0 || text.EndsWith(' ') ? string.Empty : words[^1];
        var index = text.Length == 0 || text.EndsWith(' ') ? words.Count : words.Count - 1;
        IEnumerable<string> candidates = [];
        var palette = words.Count > 0 ? palettes.All.FirstOrDefault(p => p.Name == words[0]) : null;
        var command = palette is not null && words.Count > 1 ? palette.Commands.FirstOrDefault(c => c.Name == words[1]) : null;
        if (index == 0)
        {
            candidates = palettes.All.Select(p => p.Name).Concat(["help", "exit"]);
        }
        else if (index == 1 && palette is not null)
        {
            candidates = palette.Commands.Select(c => c.Name);
        }
        else if (command is not null && word.StartsWith('-'))
        {
            candidates = command.Options.Concat(["--json"]);
        }
        else if (command is { TakesAccountId: true } && index == 2)
        {
            try
            {
                using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(3));
                candidates = client.CompleteAccountsAsync(word, quick.Token).GetAwaiter().GetResult();
            }
            catch (OperationCanceledException)
            {
                candidates = [];
            }
        }

        return [.. candidates.Where(c => c.StartsWith(word, StringComparison.Ordinal)).Order(StringComparer.Ordinal)];
    }

    /// <summary>Splits a command line into words; double or single quotes keep spaces inside one word.</summary>
    public static List<string> Split(string line)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        char? quote = null;
        var inWord = false;
        foreach (var c in line)
        {
            if (quote is { } q)
            {
                if (c == q)
                {
                    quote = null;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(current.ToString());
                    current.Clear();
                    inWord = false;
                }
            }
            else
            {
                current.Append(c);
                inWord = true;
            }
        }

        if (inWord)
        {
            words.Add(current.ToString());
        }

        return words;
    }
}
