namespace PublishingCluster.Operations.Simulations;

/// <summary>
/// The scenarios a node can run: a file path, or a name (the file's name without extension) of a scenario file in
/// the simulations folder or in the node's <c>hocon/scenarios</c> folder; the simulations folder wins a tie.
/// </summary>
public sealed class ScenarioCatalog(IReadOnlyList<string> folders)
{
    private static readonly string[] Extensions = [".json", ".hocon", ".conf"];

    public IReadOnlyList<string> Folders { get; } = folders;

    /// <summary>Every scenario name the folders hold, in order.</summary>
    public IReadOnlyList<string> Names() => [.. Files().Select(f => f.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>The file <paramref name="scenario"/> names; unknown: a not-found error naming what exists.</summary>
    public string Resolve(string scenario)
    {
        if (File.Exists(scenario))
        {
            return Path.GetFullPath(scenario);
        }

        if (Files().FirstOrDefault(f => f.Name == scenario) is { Path: { } path })
        {
            return path;
        }

        var names = Names();
        var close = CommandText.Suggestions(scenario, names);
        var hint = close.Count > 0 ? $" Did you mean {string.Join(" or ", close.Select(c => $"'{c}'"))}?" : string.Empty;
        var known = names.Count > 0 ? $"Scenarios: {string.Join(", ", names)}" : "There are no scenario files";
        throw CommandException.NotFound($"Unknown scenario '{scenario}': no such file, and no scenario of that name.{hint} {known} (in {string.Join(" and ", Folders)}).");
    }

    internal static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private IEnumerable<(string Name, string Path)> Files() => Folders
        .Where(Directory.Exists)
        .SelectMany(folder => Directory.EnumerateFiles(folder)
            .Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal))
        .Select(f => (Path.GetFileNameWithoutExtension(f), f));
}
