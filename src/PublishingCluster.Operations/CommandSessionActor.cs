using System.Text.Json;
using System.Threading.Channels;
using Akka.Actor;
using Akka.Event;

namespace PublishingCluster.Operations;

/// <summary>
/// One command run for one connection. The command runs as this actor's task; the actor stays free to receive
/// what the command subscribed it to (cluster events for <c>cluster tail</c>), handing each to the command through
/// its inbox. It stops when the command ends, and ending the session (the client went) cancels the command.
/// </summary>
public sealed class CommandSessionActor : ReceiveActor
{
    private readonly Channel<object> _inbox = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopped;
    private readonly CommandDefinition _command;
    private readonly CommandArguments _args;
    private readonly bool _json;
    private readonly JsonSerializerOptions _jsonOptions;
    private readonly CommandOutput _output;
    private readonly TaskCompletionSource<Exception?> _done;

    public CommandSessionActor(CommandDefinition command, CommandArguments args, bool json, JsonSerializerOptions jsonOptions, CommandOutput output, CancellationToken disconnected, TaskCompletionSource<Exception?> done)
    {
        _command = command;
        _args = args;
        _json = json;
        _jsonOptions = jsonOptions;
        _output = output;
        _done = done;
        _stopped = CancellationTokenSource.CreateLinkedTokenSource(disconnected);
        Receive<Finished>(finished =>
        {
            _done.TrySetResult(finished.Error);
            Context.Stop(Self);
        });
        ReceiveAny(message => _inbox.Writer.TryWrite(message));
    }

    public static Props PropsFor(CommandDefinition command, CommandArguments args, bool json, JsonSerializerOptions jsonOptions, CommandOutput output, CancellationToken disconnected, TaskCompletionSource<Exception?> done) =>
        Props.Create(() => new CommandSessionActor(command, args, json, jsonOptions, output, disconnected, done));

    protected override void PreStart()
    {
        Context.GetLogger().Debug("Command session {0} runs '{1}'.", Self.Path.Name, _command.Name);
        var context = new CommandContext(_args, _json, _jsonOptions, _output, Self, _inbox.Reader, _stopped.Token);
        RunAsync(context).PipeTo(Self);
    }

    protected override void PostStop()
    {
        _inbox.Writer.TryComplete();
        _stopped.Cancel();
        _stopped.Dispose();
        _done.TrySetResult(null);
    }

    private async Task<Finished> RunAsync(CommandContext context)
    {
        try
        {
            await _command.Run(context);
            return new Finished(null);
        }
        catch (OperationCanceledException) when (context.Cancellation.IsCancellationRequested)
        {
            // The client went: a streaming command ends here, and nobody is left to tell.
            return new Finished(null);
        }
        catch (Exception e)
        {
            return new Finished(e);
        }
    }

    private sealed record Finished(Exception? Error);
}

/// <summary>The parent of the node's command sessions (<c>/user/commands</c>), so they show together in the hierarchy.</summary>
public sealed class CommandSessionsActor : ReceiveActor
{
    private long _next;

    public CommandSessionsActor() =>
        Receive<StartSession>(start => Sender.Tell(Context.ActorOf(start.Props, $"session-{++_next}")));

    public sealed record StartSession(Props Props);
}
