using Akka.Actor;
using Microsoft.Extensions.Options;

namespace PublishingCluster.Operations.Palettes;

/// <summary>
/// The node's log: its recent lines from the bounded ring the node keeps (<see cref="RecentLogs"/>), its lines as
/// they come (<c>slurp</c>), and its level, changed while it runs (<see cref="NodeLogLevel"/>).
/// </summary>
public sealed class LogPalette(RecentLogs logs, NodeLogLevel level, ActorSystem system, IOptionsMonitor<LoggerFilterOptions> filters, ILogger<LogPalette> log) : ICommandPalette
{
    private static readonly string Levels = "Debug, Information, Warning, Error or Critical (Trace too, which Akka.NET logs as Debug)";

    public string Name => "log";

    public string Description => "The node's log: recent lines, lines as they come, its level.";

    public IReadOnlyList<CommandDefinition> Commands =>
    [
        new("peek", $"The most recent log lines (the node keeps the last {RecentLogs.DefaultCapacity}), oldest first.", [],
            [new("--level", "-l", "level", "The lowest level shown: Information (default), Warning, Error or Critical."), new("--count", "-n", "count", "How many lines (default 50).")], PeekAsync),
        new("slurp", "The node's log lines as they are written, until Ctrl+C (at the node's level; see set-level).", [],
            [new("--level", "-l", "level", "The lowest level shown (default: every line the node logs).")], SlurpAsync),
        new("set-level", $"Set the node's log level while it runs, for Akka.NET and ASP.NET Core logging alike: {Levels}. Categories with a level of their own in the configuration keep it; a restart goes back to the configuration.", ["<level>"], [], SetLevelAsync),
    ];

    private async Task PeekAsync(CommandContext context)
    {
        var level = context.Args.Enum<LogLevel>("--level") ?? LogLevel.Information;
        var count = context.Args.Int("--count", 50, 1, RecentLogs.DefaultCapacity);
        var lines = logs.Peek(level, count);
        await context.WriteAsync(new { lines }, lines.Select(Line));
    }

    private async Task SlurpAsync(CommandContext context)
    {
        var minimum = context.Args.Enum<LogLevel>("--level") ?? LogLevel.Trace;
        await foreach (var line in logs.FollowAsync(context.Cancellation))
        {
            if (line.Level >= minimum)
            {
                await context.WriteAsync(line, Line(line));
            }
        }
    }

    private async Task SetLevelAsync(CommandContext context)
    {
        var text = context.Args.Required(0);
        if (!CommandText.TryParseEnum<LogLevel>(AkkaName(text), out var wanted) || wanted == LogLevel.None)
        {
            throw CommandException.Usage($"'{text}' is not a log level; give {Levels}.");
        }

        var before = level.Level ?? DefaultLevel(filters.CurrentValue);
        var akkaBefore = Akka.Event.Logging.StringFor(system.EventStream.LogLevel);
        var akka = Akka.Event.Logging.StringFor(NodeLogLevel.ToAkka(wanted));

        // A change of level is worth a warning in the log, written at whichever of the two levels shows it.
        void Record() => log.LogWarning("Log level set to {Level} (was {Before}); Akka.NET {Akka} (was {AkkaBefore}).", wanted, before, akka, akkaBefore);
        if (wanted > LogLevel.Warning)
        {
            Record();
        }

        level.Set(wanted, system);
        if (wanted <= LogLevel.Warning)
        {
            Record();
        }

        await context.WriteAsync(
            new { level = wanted.ToString(), previous = before.ToString(), akka, akkaPrevious = akkaBefore },
            $"Log level: {wanted} (was {before}); Akka.NET: {akka} (was {akkaBefore})");
    }

    /// <summary>The level every category without its own falls back to: the configuration's Default rule, else the minimum.</summary>
    private static LogLevel DefaultLevel(LoggerFilterOptions options) =>
        options.Rules.LastOrDefault(r => r is { ProviderName: null, CategoryName: null })?.LogLevel ?? options.MinLevel;

    /// <summary>Akka.NET's names (INFO, WARNING) for ASP.NET Core's.</summary>
    private static string AkkaName(string text) => text.ToUpperInvariant() switch
    {
        "INFO" => nameof(LogLevel.Information),
        "WARN" => nameof(LogLevel.Warning),
        "ERR" => nameof(LogLevel.Error),
        _ => text,
    };

    private static string Line(LogLine line) => $"[{CommandText.Instant(line.At)}] [{Short(line.Level)}] [{line.Category}] {line.Message}";

    private static string Short(LogLevel level) => level switch
    {
        LogLevel.Information => "INFO",
        LogLevel.Warning => "WARN",
        LogLevel.Error => "ERROR",
        LogLevel.Critical => "CRIT",
        _ => level.ToString().ToUpperInvariant(),
    };
}
