using System.Text.Json.Nodes;

namespace PublishingCluster.Operations;

/// <summary>
/// The node's palettes: every <see cref="ICommandPalette"/> in this assembly, built from the node's services the first
/// time a command arrives (by then the actor system runs). It finds commands and suggests names for typos.
/// </summary>
public sealed class PaletteRegistry
{
    private readonly Lazy<IReadOnlyList<ICommandPalette>> _palettes;

    public PaletteRegistry(IServiceProvider services) =>
        _palettes = new Lazy<IReadOnlyList<ICommandPalette>>(() => [.. typeof(ICommandPalette).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(ICommandPalette).IsAssignableFrom(t))
            .Select(t => (ICommandPalette)ActivatorUtilities.CreateInstance(services, t))
            .OrderBy(p => p.Name, StringComparer.Ordinal)]);

    public IReadOnlyList<ICommandPalette> Palettes => _palettes.Value;

    /// <summary>The command; an unknown palette or command is a usage error naming the closest ones.</summary>
    public CommandDefinition Find(string? paletteName, string? commandName)
    {
        if (string.IsNullOrWhiteSpace(paletteName))
        {
            throw CommandException.Usage($"Name a palette: {string.Join(", ", Palettes.Select(p => p.Name))}.");
        }

        var palette = Palettes.FirstOrDefault(p => p.Name == paletteName)
            ?? throw CommandException.Usage($"Unknown palette '{paletteName}'.{DidYouMean(paletteName, Palettes.Select(p => p.Name))} Palettes: {string.Join(", ", Palettes.Select(p => p.Name))}.");
        if (string.IsNullOrWhiteSpace(commandName))
        {
            throw CommandException.Usage($"Name a command of '{palette.Name}': {string.Join(", ", palette.Commands.Select(c => c.Name))}.");
        }

        return palette.Commands.FirstOrDefault(c => c.Name == commandName)
            ?? throw CommandException.Usage(UnknownCommand(palette, commandName));
    }

    private string UnknownCommand(ICommandPalette palette, string commandName)
    {
        var here = CommandText.Suggestions(commandName, palette.Commands.Select(c => c.Name));
        // A command typed under the wrong palette: point to where it lives.
        var elsewhere = here.Count > 0 ? [] : Palettes.Where(p => p != palette)
            .SelectMany(p => p.Commands.Where(c => c.Name == commandName).Select(c => $"{p.Name} {c.Name}"))
            .ToList();
        var suggestions = here.Select(c => $"{palette.Name} {c}").Concat(elsewhere).ToList();
        var hint = suggestions.Count > 0 ? $" Did you mean {string.Join(" or ", suggestions.Select(s => $"'{s}'"))}?" : string.Empty;
        return $"Unknown command '{palette.Name} {commandName}'.{hint} Commands: {string.Join(", ", palette.Commands.Select(c => c.Name))}.";
    }

    private static string DidYouMean(string word, IEnumerable<string> names) =>
        CommandText.Suggestions(word, names) is { Count: > 0 } close ? $" Did you mean {string.Join(" or ", close.Select(c => $"'{c}'"))}?" : string.Empty;

    /// <summary>Every palette and command with its usage: what the client completes and prints as help.</summary>
    public JsonNode Describe() => new JsonObject
    {
        ["palettes"] = new JsonArray([.. Palettes.Select(p => (JsonNode)new JsonObject
        {
            ["name"] = p.Name,
            ["description"] = p.Description,
            ["commands"] = new JsonArray([.. p.Commands.Select(c => (JsonNode)new JsonObject
            {
                ["name"] = c.Name,
                ["usage"] = c.Usage,
                ["description"] = c.Description,
                ["accountId"] = c.TakesAccountId,
                ["options"] = new JsonArray([.. c.Options.Select(o => (JsonNode)JsonValue.Create(o.Long)!)]),
            })]),
        })]),
    };
}
