using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace PublishingCluster.Operations;

/// <summary>How commands read words and write text: durations, enum names, instants, and aligned tables.</summary>
public static class CommandText
{
    public static bool TryParseDuration(string text, out TimeSpan duration)
    {
        duration = default;
        if (text.Length >= 2 && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && amount >= 0)
        {
            TimeSpan? parsed = char.ToLowerInvariant(text[^1]) switch
            {
                's' => TimeSpan.FromSeconds(amount),
                'm' => TimeSpan.FromMinutes(amount),
                'h' => TimeSpan.FromHours(amount),
                'd' => TimeSpan.FromDays(amount),
                _ => null,
            };
            if (parsed is { } value)
            {
                duration = value;
                return true;
            }
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out duration);
    }

    /// <summary>Enum names, case-insensitive; never numbers (a number would name whatever sits at that position).</summary>
    public static bool TryParseEnum<T>(string text, out T value)
        where T : struct, Enum
    {
        value = default;
        return text.Length > 0 && !char.IsAsciiDigit(text[0]) && text[0] != '-'
            && Enum.TryParse(text, ignoreCase: true, out value) && Enum.IsDefined(value);
    }

    public static string Instant(DateTimeOffset? at) =>
        at is { } value ? value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "-";

    public static string Span(TimeSpan? span) =>
        span is not { } value ? "-"
        : value.TotalDays >= 1 ? $"{value.TotalDays:0.#}d"
        : value.TotalHours >= 1 ? $"{value.TotalHours:0.#}h"
        : value.TotalMinutes >= 1 ? $"{value.TotalMinutes:0.#}m"
        : $"{value.TotalSeconds:0.#}s";

    /// <summary>
    /// Rows under a header, each column as wide as its widest cell, separated by " | ", each line without trailing
    /// blanks: Spectre.Console lays it out, counting a cell's width in terminal columns (a CJK title or an emoji
    /// takes two), so columns stay aligned whatever the names and titles hold.
    /// </summary>
    public static IEnumerable<string> Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var table = new Table { Border = PipeSeparatedBorder.Instance, UseSafeBorder = false };
        for (var c = 0; c < header.Count; c++)
        {
            // One space each side of a separator, none at the table's edges.
            var column = new TableColumn(new Text(header[c])) { NoWrap = true, Padding = new Padding(c == 0 ? 0 : 1, 0, c == header.Count - 1 ? 0 : 1, 0) };
            table.AddColumn(column);
        }

        foreach (var row in rows)
        {
            table.AddRow([.. Enumerable.Range(0, header.Count).Select(c => new Text(c < row.Count ? row[c] : string.Empty))]);
        }

        var text = new StringWriter(CultureInfo.InvariantCulture);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(text),
        });
        // The client's terminal is not known here: a line is as long as its cells, never wrapped or cut.
        console.Profile.Width = MaxTableWidth;
        console.Write(table);
        // The border draws no rules: the lines it would draw above, below and under the header come out empty.
        return text.ToString().Split('\n').Select(line => line.TrimEnd()).Where(line => line.Length > 0).ToList();
    }

    /// <summary>Wider than any table a command prints (a line is a few cells of ids, names and titles).</summary>
    private const int MaxTableWidth = 100_000;

    /// <summary>Columns separated by '|', and nothing else: no edges, no rules.</summary>
    private sealed class PipeSeparatedBorder : TableBorder
    {
        public static PipeSeparatedBorder Instance { get; } = new();

        public override string GetPart(TableBorderPart part) =>
            part is TableBorderPart.HeaderSeparator or TableBorderPart.CellSeparator ? "|" : string.Empty;
    }

    /// <summary>The names closest to <paramref name="word"/> (edit distance at most a third of its length, or a shared prefix).</summary>
    public static IReadOnlyList<string> Suggestions(string word, IEnumerable<string> names)
    {
        var limit = Math.Max(2, word.Length / 3);
        return names
            .Select(name => (Name: name, Distance: Distance(word.ToLowerInvariant(), name.ToLowerInvariant())))
            .Where(c => c.Distance <= limit || (word.Length >= 2 && c.Name.StartsWith(word, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .Take(3)
            .Select(c => c.Name)
            .ToList();
    }

    /// <summary>Levenshtein distance.</summary>
    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        var current = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
