using System.Text;

namespace PublishingCluster.Cmd;

/// <summary>
/// A small line editor for the interactive prompt: typing and backspace, Up/Down through the history, Tab to
/// complete (the common prefix of the candidates; a second Tab lists them), Escape to clear, Enter to run.
/// </summary>
public sealed class LineEditor(List<string> history)
{
    public string? ReadLine(string prompt, Func<string, IReadOnlyList<string>> complete)
    {
        var buffer = new StringBuilder();
        var position = history.Count;
        var lastWasTab = false;
        Console.Write(prompt);
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            var tab = false;
            switch (key.Key)
            {
                case ConsoleKey.Enter:
                    Console.WriteLine();
                    var line = buffer.ToString();
                    if (!string.IsNullOrWhiteSpace(line) && (history.Count == 0 || history[^1] != line))
                    {
                        history.Add(line);
                    }

                    return line;
                case ConsoleKey.Backspace when buffer.Length > 0:
                    buffer.Length--;
                    break;
                case ConsoleKey.Escape:
                    buffer.Clear();
                    break;
                case ConsoleKey.UpArrow when position > 0:
                    position--;
                    buffer.Clear().Append(history[position]);
                    break;
                case ConsoleKey.DownArrow when position < history.Count:
                    position++;
                    buffer.Clear().Append(position < history.Count ? history[position] : string.Empty);
                    break;
                case ConsoleKey.Tab:
                    tab = true;
                    var text = buffer.ToString();
                    var candidates = complete(text);
                    var word = text.Length == 0 || text.EndsWith(' ') ? string.Empty : text.Split(' ')[^1];
                    if (candidates.Count == 1)
                    {
                        buffer.Append(candidates[0].AsSpan(word.Length)).Append(' ');
                    }
                    else if (candidates.Count > 1)
                    {
                        var common = CommonPrefix(candidates);
                        if (common.Length > word.Length)
                        {
                            buffer.Append(common.AsSpan(word.Length));
                        }
                        else if (lastWasTab)
                        {
                            Console.WriteLine();
                            Console.WriteLine(string.Join("  ", candidates));
                        }
                    }

                    break;
                case ConsoleKey.D when key.Modifiers.HasFlag(ConsoleModifiers.Control) && buffer.Length == 0:
                    Console.WriteLine();
                    return null;
                default:
                    if (!char.IsControl(key.KeyChar))
                    {
                        buffer.Append(key.KeyChar);
                    }

                    break;
            }

            lastWasTab = tab;
            // Redraw the line: back to its start, prompt and text, clear what is left of the old one.
            Console.Write($"\r{prompt}{buffer}\u001b[K");
        }
    }

    private static string CommonPrefix(IReadOnlyList<string> words)
    {
        var prefix = words[0];
        foreach (var word in words.Skip(1))
        {
            var n = 0;
            while (n < prefix.Length && n < word.Length && prefix[n] == word[n])
            {
                n++;
            }

            prefix = prefix[..n];
        }

        return prefix;
    }
}
