using System.Text.Json;
using System.Threading.Channels;
using Akka.Actor;

namespace PublishingCluster.Operations;

/// <summary>
/// What a running command sees: its arguments, whether the client asked for JSON, the session actor it runs in
/// (to subscribe to events with) and the messages that actor receives, and a token that fires when the client goes.
/// </summary>
public sealed class CommandContext(CommandArguments args, bool json, JsonSerializerOptions jsonOptions, CommandOutput output, IActorRef self, ChannelReader<object> inbox, CancellationToken cancellation)
{
    /// <summary>The node's API JSON (camelCase, enums by name, instants with offsets), unescaped where JSON allows: a terminal shows '+' as '+'.</summary>
    public static JsonSerializerOptions JsonOptionsFor(JsonSerializerOptions api) =>
        new(api) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public CommandArguments Args { get; } = args;

    public bool Json { get; } = json;

    /// <summary>The session actor running this command: subscribe it to events and read them from <see cref="Inbox"/>.</summary>
    public IActorRef Self { get; } = self;

    /// <summary>Messages the session actor received (events it was subscribed to).</summary>
    public ChannelReader<object> Inbox { get; } = inbox;

    /// <summary>Fires when the client disconnects or the node stops.</summary>
    public CancellationToken Cancellation { get; } = cancellation;

    /// <summary>One result: <paramref name="data"/> as JSON with --json, otherwise <paramref name="lines"/> as text.</summary>
    public async Task WriteAsync(object? data, IEnumerable<string> lines)
    {
        if (Json)
        {
            await output.WriteFrameAsync(CommandFrames.Json(JsonSerializer.SerializeToNode(data, jsonOptions)), Cancellation);
            return;
        }

        foreach (var line in lines)
        {
            await output.WriteFrameAsync(CommandFrames.Line(line), Cancellation);
        }
    }

    public Task WriteAsync(object? data, string line) => WriteAsync(data, [line]);
}

/// <summary>The connection's writing side: whole frames, one at a time, flushed at once (a tail is read live).</summary>
public sealed class CommandOutput(Stream stream) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Stream _stream = stream;

    public async Task WriteFrameAsync(string frame, CancellationToken cancellationToken)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(frame + "\n");
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await _stream.WriteAsync(bytes, cancellationToken);
            await _stream.FlushAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
