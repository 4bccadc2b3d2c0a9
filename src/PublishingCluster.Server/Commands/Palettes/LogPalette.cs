namespace PublishingCluster.Server.Commands.Palettes;

/// <summary>The node's recent log lines, from the bounded ring the node keeps (<see cref="RecentLogs"/>).</summary>
public sealed class LogPalette(RecentLogs logs) : ICommandPalette
{
    public string Name => "log";

    public string Description => "The node's recent log lines.";

    public IReadOnlyList<CommandDefinition> Commands =>
    [
        new("peek", $"The most recent log lines (the node keeps the last {RecentLogs.DefaultCapacity}), oldest first.", [],
            [new("--level", "-l", "level", "The lowest level shown: Information (default), Warning, Error or Critical."), new("--count", "-n", "count", "How many lines (default 50).")], PeekAsync),
    ];

    private async Task PeekAsync(CommandContext context)
    {
        var level = context.Args.Enum<LogLevel>("--level") ?? LogLevel.Information;
        var count = context.Args.Int("--count", 50, 1, RecentLogs.DefaultCapacity);
        var lines = logs.Peek(level, count);
        await context.WriteAsync(
            new { lines },
            lines.Select(l => $"[{CommandText.Instant(l.At)}] [{Short(l.Level)}] [{l.Category}] {l.Message}"));
    }

    private static string Short(LogLevel level) => level switch
    {
        LogLevel.Information => "INFO",
        LogLevel.Warning => "WARN",
        LogLevel.Error => "ERROR",
        LogLevel.Critical => "CRIT",
        _ => level.ToString().ToUpperInvariant(),
    };
}
