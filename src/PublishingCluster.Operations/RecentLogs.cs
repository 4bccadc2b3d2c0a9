using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace PublishingCluster.Operations;

/// <summary>One line of the node's log, as <c>log peek</c> shows it.</summary>
public sealed record LogLine(DateTimeOffset At, LogLevel Level, string Category, string Message);

/// <summary>
/// The node's most recent log lines (Information and above, whatever the console shows), in a bounded ring: the
/// oldest line makes room for the newest, so memory stays flat however long the node runs. Lines below
/// Information (when the node's level is set lower) are not kept, only handed to the live followers
/// (<c>log slurp</c>), as every line is.
/// </summary>
public sealed class RecentLogs(int capacity = RecentLogs.DefaultCapacity)
{
    public const int DefaultCapacity = 1000;

    /// <summary>Lines a slow follower may fall behind by; beyond it, its oldest unread lines are dropped.</summary>
    public const int FollowerBacklog = 10_000;

    private readonly LogLine[] _ring = new LogLine[capacity];
    private readonly Lock _gate = new();
    private Channel<LogLine>[] _followers = [];
    private long _written;

    public void Add(LogLine line)
    {
        Channel<LogLine>[] followers;
        lock (_gate)
        {
            if (line.Level >= LogLevel.Information)
            {
                _ring[_written % _ring.Length] = line;
                _written++;
            }

            followers = _followers;
        }

        foreach (var follower in followers)
        {
            follower.Writer.TryWrite(line);
        }
    }

    /// <summary>
    /// Every line from now on, until <paramref name="cancellationToken"/> fires. A follower that reads slower than
    /// the node logs loses its oldest unread lines beyond <see cref="FollowerBacklog"/>, never slows the node.
    /// </summary>
    public async IAsyncEnumerable<LogLine> FollowAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var follower = Channel.CreateBounded<LogLine>(new BoundedChannelOptions(FollowerBacklog)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        lock (_gate)
        {
            _followers = [.. _followers, follower];
        }

        try
        {
            await foreach (var line in follower.Reader.ReadAllAsync(cancellationToken))
            {
                yield return line;
            }
        }
        finally
        {
            lock (_gate)
            {
                _followers = [.. _followers.Where(f => f != follower)];
            }
        }
    }

    /// <summary>The last <paramref name="count"/> lines at or above <paramref name="minimum"/>, oldest first.</summary>
    public IReadOnlyList<LogLine> Peek(LogLevel minimum, int count)
    {
        lock (_gate)
        {
            var held = (int)Math.Min(_written, _ring.Length);
            var lines = new List<LogLine>(Math.Min(held, count));
            for (var i = 0; i < held && lines.Count < count; i++)
            {
                var line = _ring[(_written - 1 - i) % _ring.Length];
                if (line.Level >= minimum)
                {
                    lines.Add(line);
                }
            }

            lines.Reverse();
            return lines;
        }
    }
}

/// <summary>Feeds <see cref="RecentLogs"/> from the node's logging (ASP.NET Core and, through its logger factory, Akka).</summary>
public sealed class RecentLogsProvider(RecentLogs logs) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new RecentLogger(logs, categoryName);

    public void Dispose()
    {
    }

    private sealed class RecentLogger(RecentLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        // The logging filters decide (Information and above unless the node's level is set lower).
        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var message = formatter(state, exception);
            if (exception is not null)
            {
                message += $" ({exception.GetType().Name}: {exception.Message})";
            }

            logs.Add(new LogLine(TimeProvider.System.GetUtcNow(), logLevel, category, message));
        }
    }
}
