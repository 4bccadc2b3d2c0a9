using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Akka.Actor;
using Microsoft.Extensions.Options;
using PublishingCluster.Operations.NodeAccess;

namespace PublishingCluster.Operations;

/// <summary>
/// The node's command endpoint: a TCP listener speaking the line protocol of <see cref="CommandRequest"/>. Each
/// connection carries one request; a command runs in its own <see cref="CommandSessionActor"/>, and a client that
/// closes the connection ends the command (how <c>cluster tail</c> stops).
/// </summary>
public sealed class CommandEndpoint(IOptions<CommandOptions> options, NodeConventions conventions, IServiceProvider services, ILogger<CommandEndpoint> log) : BackgroundService
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);
    private readonly CommandOptions _options = options.Value;
    private readonly JsonSerializerOptions _json = CommandContext.JsonOptionsFor(conventions.Json);
    private TcpListener? _listener;
    private IActorRef? _sessions;

    /// <summary>The port the endpoint listens on (the chosen one when configured with 0).</summary>
    public int? Port => _listener is { } listener ? ((IPEndPoint)listener.LocalEndpoint).Port : null;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (!_options.Enabled)
        {
            return Task.CompletedTask;
        }

        // Bind before the node reports started, so a taken port or a refused address stops the start-up.
        _listener = new TcpListener(_options.BindAddress(), _options.Port);
        try
        {
            _listener.Start();
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            throw new CommandPortTakenException(_options, e);
        }

        log.LogInformation("Command endpoint listening on {Endpoint}", _listener.LocalEndpoint);
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_listener is null)
        {
            return;
        }

        using var stopListening = stoppingToken.Register(_listener.Stop);
        while (!stoppingToken.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(stoppingToken);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException && stoppingToken.IsCancellationRequested)
            {
                return;
            }

            _ = ServeAsync(client, stoppingToken);
        }
    }

    private async Task ServeAsync(TcpClient client, CancellationToken stopping)
    {
        using var _ = client;
        client.NoDelay = true;
        var stream = client.GetStream();
        using var output = new CommandOutput(stream);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            timeout.CancelAfter(RequestTimeout);
            var line = await ReadLineAsync(stream, timeout.Token);
            var request = line is null ? null : CommandRequest.Parse(line);
            if (request is null)
            {
                await output.WriteFrameAsync(CommandFrames.Error(CommandErrors.Usage, "Not a command request: send one line of JSON (see the README's command line section)."), stopping);
                return;
            }

            if (!Authorized(request.Token))
            {
                log.LogWarning("Command endpoint refused a request from {Remote}: {Reason}", client.Client.RemoteEndPoint, request.Token is null ? "no token" : "wrong token");
                await output.WriteFrameAsync(CommandFrames.Error(CommandErrors.Unauthorized, request.Token is null
                    ? "This node's command endpoint needs a token: pass --token."
                    : "The token is not this node's command token."), stopping);
                return;
            }

            var registry = services.GetRequiredService<PaletteRegistry>();
            switch (request.Op ?? CommandRequest.Run)
            {
                case CommandRequest.Describe:
                    await output.WriteFrameAsync(CommandFrames.Json(registry.Describe()), stopping);
                    break;
                case CommandRequest.CompleteAccounts:
                    var ids = await services.GetRequiredService<AccountDirectory>().IdsAsync(request.Prefix ?? string.Empty, after: null, limit: 50, stopping);
                    await output.WriteFrameAsync(CommandFrames.Json(new JsonArray([.. ids.Select(id => (JsonNode)JsonValue.Create(id)!)])), stopping);
                    break;
                case CommandRequest.Run:
                    await RunAsync(request, registry, stream, output, client, stopping);
                    return;
                default:
                    await output.WriteFrameAsync(CommandFrames.Error(CommandErrors.Usage, $"Unknown op '{request.Op}': run, describe or complete-accounts."), stopping);
                    return;
            }

            await output.WriteFrameAsync(CommandFrames.Done, stopping);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away or the node is stopping: nobody to answer.
        }
        catch (Exception e)
        {
            log.LogError(e, "Command endpoint failed a request from {Remote}", client.Client.RemoteEndPoint);
            await TryWriteAsync(output, CommandFrames.Error(CommandErrors.Failed, $"The node failed the request: {e.GetType().Name}: {e.Message}"), stopping);
        }
    }

    private static async Task TryWriteAsync(CommandOutput output, string frame, CancellationToken cancellationToken)
    {
        try
        {
            await output.WriteFrameAsync(frame, cancellationToken);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Nobody is left to read it.
        }
    }

    private async Task RunAsync(CommandRequest request, PaletteRegistry registry, NetworkStream stream, CommandOutput output, TcpClient client, CancellationToken stopping)
    {
        CommandDefinition command;
        CommandArguments args;
        try
        {
            command = registry.Find(request.Palette, request.Command);
            args = CommandArguments.Parse(command, request.Args ?? []);
        }
        catch (CommandException refused)
        {
            await output.WriteFrameAsync(CommandFrames.Error(refused.Code, refused.Message), stopping);
            return;
        }

        log.LogInformation("pbm {Palette} {Command} from {Remote}", request.Palette, request.Command, client.Client.RemoteEndPoint);
        using var disconnected = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        // The client sends nothing after its request: a read that ends means it closed the connection.
        var watch = WatchForCloseAsync(stream, disconnected);
        var done = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var sessions = await SessionsAsync(stopping);
        await sessions.Ask<IActorRef>(new CommandSessionsActor.StartSession(
            CommandSessionActor.PropsFor(command, args, request.Json, _json, output, disconnected.Token, done)), TimeSpan.FromSeconds(10), stopping);
        var error = await done.Task;
        if (disconnected.IsCancellationRequested)
        {
            return;
        }

        await output.WriteFrameAsync(error switch
        {
            null => CommandFrames.Done,
            CommandException refused => CommandFrames.Error(refused.Code, refused.Message),
            AskTimeoutException => CommandFrames.Error(CommandErrors.Failed, $"An actor of the node did not answer in time: {error.Message}"),
            _ => CommandFrames.Error(CommandErrors.Failed, $"{error.GetType().Name}: {error.Message}"),
        }, stopping);
        await disconnected.CancelAsync();
        await watch;
    }

    private async Task<IActorRef> SessionsAsync(CancellationToken cancellationToken)
    {
        if (_sessions is { } sessions)
        {
            return sessions;
        }

        var system = services.GetRequiredService<ActorSystem>();
        try
        {
            return _sessions = system.ActorOf(Props.Create<CommandSessionsActor>(), "commands");
        }
        catch (InvalidActorNameException)
        {
            // Two first requests at once: the other one made it.
            return _sessions = await system.ActorSelection("/user/commands").ResolveOne(TimeSpan.FromSeconds(5), cancellationToken);
        }
    }

    private static async Task WatchForCloseAsync(NetworkStream stream, CancellationTokenSource disconnected)
    {
        var buffer = new byte[256];
        try
        {
            while (await stream.ReadAsync(buffer, disconnected.Token) > 0)
            {
                // Anything after the request is ignored.
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
        }

        await disconnected.CancelAsync();
    }

    private bool Authorized(string? token)
    {
        if (string.IsNullOrEmpty(_options.Token))
        {
            // Loopback only (checked at start): whoever is on this machine is the operator, as on the admin listener.
            return true;
        }

        return token is not null && CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(token)), SHA256.HashData(Encoding.UTF8.GetBytes(_options.Token)));
    }

    /// <summary>Reads one line (up to <see cref="CommandRequest.MaxLineLength"/> bytes) without reading past it.</summary>
    private static async Task<string?> ReadLineAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (bytes.Count <= CommandRequest.MaxLineLength)
        {
            if (await stream.ReadAsync(one, cancellationToken) == 0)
            {
                return bytes.Count == 0 ? null : Encoding.UTF8.GetString([.. bytes]);
            }

            if (one[0] == (byte)'\n')
            {
                return Encoding.UTF8.GetString([.. bytes]).TrimEnd('\r');
            }

            bytes.Add(one[0]);
        }

        return null;
    }

    public override void Dispose()
    {
        _listener?.Dispose();
        base.Dispose();
    }
}
