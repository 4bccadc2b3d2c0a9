namespace PublishingCluster.Operations;

/// <summary>
/// A named group of commands (Petabridge.Cmd's word). Every non-abstract implementation in this assembly is found
/// and built from the node's services by <see cref="PaletteRegistry"/>, so a new palette is one new file.
/// </summary>
public interface ICommandPalette
{
    string Name { get; }

    string Description { get; }

    IReadOnlyList<CommandDefinition> Commands { get; }
}

/// <summary>Runs one command; it writes its output to the context and returns when done (or when the client goes).</summary>
public delegate Task CommandHandler(CommandContext context);

/// <summary>
/// One command of a palette: its positional arguments (<c>&lt;id&gt;</c> required, <c>[id]</c> optional), its
/// options, and what it does. Arguments are checked against these before the handler runs.
/// </summary>
public sealed record CommandDefinition(
    string Name,
    string Description,
    IReadOnlyList<string> Positionals,
    IReadOnlyList<OptionSpec> Options,
    CommandHandler Run)
{
    /// <summary>The first positional argument is an account id (the client completes it with tab).</summary>
    public bool TakesAccountId { get; init; }

    public int RequiredPositionals => Positionals.Count(p => p.StartsWith('<'));

    public string Usage => string.Join(' ', new[] { Name }.Concat(Positionals).Concat(Options.Select(o => o.Usage)));
}

/// <summary>An option: <c>--long</c> (and <c>-s</c>), a flag or one taking a value.</summary>
public sealed record OptionSpec(string Long, string? Short, string? ValueName, string Description)
{
    public bool TakesValue => ValueName is not null;

    public string Usage => $"[{(Short is null ? Long : $"{Short}|{Long}")}{(TakesValue ? $" <{ValueName}>" : string.Empty)}]";

    public bool Matches(string token) => token == Long || token == Short;
}
