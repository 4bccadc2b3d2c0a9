using Akka.Actor;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using AkkaLogLevel = Akka.Event.LogLevel;

namespace PublishingCluster.Operations;

/// <summary>
/// The node's log level, changed at run time (<c>pbm log set-level</c>). The node's log lines go two ways, and both
/// are set: Akka.NET's event stream (<c>akka.loglevel</c>: what actors' log events reach the loggers at all), and
/// ASP.NET Core's logging, which every line passes through last (Akka's lines among them, through the logger
/// factory): every filter rule without a category of its own (<c>Logging:LogLevel:Default</c>, the recent-log
/// ring's) takes the level, while categories configured on their own (<c>Microsoft.AspNetCore</c>) keep theirs.
/// </summary>
public sealed class NodeLogLevel : IPostConfigureOptions<LoggerFilterOptions>, IOptionsChangeTokenSource<LoggerFilterOptions>
{
    private readonly Lock _gate = new();
    private CancellationTokenSource _changed = new();
    private LogLevel? _level;

    public string? Name => Options.DefaultName;

    /// <summary>The level set at run time; null until an operator sets one (the configuration's levels hold).</summary>
    public LogLevel? Level
    {
        get
        {
            lock (_gate)
            {
                return _level;
            }
        }
    }

    /// <summary>Sets the level on <paramref name="system"/>'s event stream and on the node's logging filters.</summary>
    public void Set(LogLevel level, ActorSystem system)
    {
        if (level is LogLevel.None or < LogLevel.Trace or > LogLevel.Critical)
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "A log level from Trace to Critical.");
        }

        system.EventStream.SetLogLevel(ToAkka(level));
        CancellationTokenSource previous;
        lock (_gate)
        {
            _level = level;
            previous = _changed;
            _changed = new CancellationTokenSource();
        }

        // The logger factory re-reads its filters when the token fires.
        previous.Cancel();
        previous.Dispose();
    }

    public IChangeToken GetChangeToken()
    {
        lock (_gate)
        {
            return new CancellationChangeToken(_changed.Token);
        }
    }

    public void PostConfigure(string? name, LoggerFilterOptions options)
    {
        if (Level is not { } level)
        {
            return;
        }

        options.MinLevel = level;
        for (var i = 0; i < options.Rules.Count; i++)
        {
            var rule = options.Rules[i];
            if (rule.CategoryName is null)
            {
                options.Rules[i] = new LoggerFilterRule(rule.ProviderName, null, level, rule.Filter);
            }
        }
    }

    /// <summary>Akka.NET has no trace level (its lowest is debug) and no critical one (its highest is error).</summary>
    public static AkkaLogLevel ToAkka(LogLevel level) => level switch
    {
        <= LogLevel.Debug => AkkaLogLevel.DebugLevel,
        LogLevel.Information => AkkaLogLevel.InfoLevel,
        LogLevel.Warning => AkkaLogLevel.WarningLevel,
        _ => AkkaLogLevel.ErrorLevel,
    };
}
