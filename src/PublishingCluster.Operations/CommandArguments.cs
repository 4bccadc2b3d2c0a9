using System.Globalization;

namespace PublishingCluster.Operations;

/// <summary>A command's arguments, parsed against its <see cref="CommandDefinition"/>: positionals in order, options by name.</summary>
public sealed class CommandArguments
{
    private readonly IReadOnlyList<string> _positionals;
    private readonly Dictionary<string, string?> _options;
    private readonly CommandDefinition _command;

    private CommandArguments(CommandDefinition command, IReadOnlyList<string> positionals, Dictionary<string, string?> options)
    {
        _command = command;
        _positionals = positionals;
        _options = options;
    }

    /// <summary>Parses <paramref name="args"/>; an unknown option, a missing value or a wrong count is a usage error.</summary>
    public static CommandArguments Parse(CommandDefinition command, IReadOnlyList<string> args)
    {
        var positionals = new List<string>();
        var options = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg.Length > 1 && arg[0] == '-' && !double.TryParse(arg, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            {
                var name = arg;
                string? inline = null;
                if (arg.StartsWith("--", StringComparison.Ordinal) && arg.IndexOf('=', StringComparison.Ordinal) is > 2 and var eq)
                {
                    name = arg[..eq];
                    inline = arg[(eq + 1)..];
                }

                var spec = command.Options.FirstOrDefault(o => o.Matches(name))
                    ?? throw CommandException.Usage($"'{command.Name}' has no option {name}{Expected(command)}.");
                if (options.ContainsKey(spec.Long))
                {
                    throw CommandException.Usage($"{spec.Long} is given twice.");
                }

                if (!spec.TakesValue)
                {
                    options[spec.Long] = inline;
                    continue;
                }

                var value = inline ?? (i + 1 < args.Count ? args[++i] : throw CommandException.Usage($"{spec.Long} needs a value: <{spec.ValueName}>."));
                options[spec.Long] = value;
            }
            else
            {
                positionals.Add(arg);
            }
        }

        if (positionals.Count < command.RequiredPositionals)
        {
            throw CommandException.Usage($"'{command.Name}' needs {string.Join(' ', command.Positionals.Skip(positionals.Count).Where(p => p.StartsWith('<')))}: {command.Usage}");
        }

        if (positionals.Count > command.Positionals.Count)
        {
            throw CommandException.Usage($"'{command.Name}' takes no argument '{positionals[command.Positionals.Count]}': {command.Usage}");
        }

        return new CommandArguments(command, positionals, options);
    }

    private static string Expected(CommandDefinition command) =>
        command.Options.Count == 0 ? " (it takes no options)" : $" (it takes {string.Join(", ", command.Options.Select(o => o.Long))})";

    /// <summary>The positional argument at <paramref name="index"/>, or null when an optional one is not given.</summary>
    public string? Positional(int index) => index < _positionals.Count ? _positionals[index] : null;

    public string Required(int index) => Positional(index) ?? throw CommandException.Usage($"'{_command.Name}' needs {_command.Positionals[index]}.");

    public bool Has(string option) => _options.ContainsKey(option);

    public string? Value(string option) => _options.GetValueOrDefault(option);

    /// <summary>A flag that may also be given a value: <c>--open</c> (true), <c>--open=false</c>.</summary>
    public bool? Flag(string option) => _options.TryGetValue(option, out var value)
        ? value switch
        {
            null or "true" => true,
            "false" => false,
            _ => throw CommandException.Usage($"{option} is true or false, not '{value}'."),
        }
        : null;

    public int Int(string option, int fallback, int min, int max)
    {
        if (Value(option) is not { } text)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw CommandException.Usage($"{option} is a whole number from {min} to {max}, not '{text}'.");
    }

    /// <summary>A duration: 90s, 15m, 1h, 2d, or a TimeSpan (01:30:00).</summary>
    public TimeSpan Duration(string option, TimeSpan fallback)
    {
        if (Value(option) is not { } text)
        {
            return fallback;
        }

        return CommandText.TryParseDuration(text, out var duration) && duration >= TimeSpan.Zero
            ? duration
            : throw CommandException.Usage($"{option} is a duration such as 90s, 15m, 1h or 2d, not '{text}'.");
    }

    public T? Enum<T>(string option)
        where T : struct, System.Enum
    {
        if (Value(option) is not { } text)
        {
            return null;
        }

        return CommandText.TryParseEnum<T>(text, out var value)
            ? value
            : throw CommandException.Usage($"{option} is one of {string.Join(", ", System.Enum.GetNames<T>())}, not '{text}'.");
    }
}
