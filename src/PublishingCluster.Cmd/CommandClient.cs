using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace PublishingCluster.Cmd;

/// <summary>How one request ended: its exit code and, on failure, the one-line reason.</summary>
public sealed record Outcome(int ExitCode, string? Reason = null)
{
    public static Outcome Ok { get; } = new(ExitCodes.Ok);
}

/// <summary>
/// The client side of the node's line protocol (see docs/pbm.md, "Protocol"): one JSON request line
/// over TCP, then one JSON frame per line until <c>done</c> or <c>error</c>. Closing the connection ends a
/// streaming command on the node.
/// </summary>
public sealed class CommandClient(NodeEndpoint endpoint, string? token)
{
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    public NodeEndpoint Endpoint { get; } = endpoint;

    public Task<Outcome> RunAsync(string? palette, string? command, IReadOnlyList<string> args, bool json, Action<string> onLine, Action<JsonNode?> onJson, CancellationToken cancellationToken) =>
        SendAsync(new JsonObject
        {
            ["op"] = "run",
            ["palette"] = palette,
            ["command"] = command,
            ["args"] = new JsonArray([.. args.Select(a => (JsonNode)JsonValue.Create(a)!)]),
            ["json"] = json,
        }, onLine, onJson, cancellationToken);

    /// <summary>The node's palettes and commands.</summary>
    public async Task<(Outcome Outcome, JsonNode? Description)> DescribeAsync(CancellationToken cancellationToken)
    {
        JsonNode? description = null;
        var outcome = await SendAsync(new JsonObject { ["op"] = "describe" }, _ => { }, node => description = node, cancellationToken);
        return (outcome, description);
    }

    /// <summary>Account ids starting with <paramref name="prefix"/> (empty when the node cannot say).</summary>
    public async Task<IReadOnlyList<string>> CompleteAccountsAsync(string prefix, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        await SendAsync(new JsonObject { ["op"] = "complete-accounts", ["prefix"] = prefix }, _ => { }, node =>
        {
            if (node is JsonArray array)
            {
                ids.AddRange(array.Select(id => id?.GetValue<string>()).OfType<string>());
            }
        }, cancellationToken);
        return ids;
    }

    private async Task<Outcome> SendAsync(JsonObject request, Action<string> onLine, Action<JsonNode?> onJson, CancellationToken cancellationToken)
    {
        if (token is not null)
        {
            request["token"] = token;
        }

        using var client = new TcpClient { NoDelay = true };
        try
        {
            using var connect = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            connect.CancelAfter(ConnectTimeout);
            await client.ConnectAsync(Endpoint.Host, Endpoint.Port, connect.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new Outcome(ExitCodes.Unreachable, $"cannot reach the node at {Endpoint}: no answer within {ConnectTimeout.TotalSeconds:0} s.");
        }
        catch (SocketException e)
        {
            return new Outcome(ExitCodes.Unreachable, $"cannot reach the node at {Endpoint}: {e.Message}.");
        }

        var stream = client.GetStream();
        try
        {
            await stream.WriteAsync(Encoding.UTF8.GetBytes(request.ToJsonString() + "\n"), cancellationToken);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                var frame = JsonNode.Parse(line) as JsonObject;
                if (frame is null)
                {
                    continue;
                }

                if (frame.TryGetPropertyValue("line", out var text))
                {
                    onLine(text?.GetValue<string>() ?? string.Empty);
                }
                else if (frame.TryGetPropertyValue("json", out var value))
                {
                    onJson(value);
                }
                else if (frame.TryGetPropertyValue("error", out var error))
                {
                    var code = frame["code"]?.GetValue<string>();
                    return new Outcome(ExitCodes.ForError(code), error?.GetValue<string>() ?? "the command failed.");
                }
                else if (frame.ContainsKey("done"))
                {
                    return Outcome.Ok;
                }
            }

            return new Outcome(ExitCodes.Failed, $"the node at {Endpoint} closed the connection before the command finished.");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C: the operator ended the command (a tail); closing the connection tells the node.
            return Outcome.Ok;
        }
        catch (IOException e)
        {
            return new Outcome(ExitCodes.Unreachable, $"lost the connection to the node at {Endpoint}: {e.Message}");
        }
        catch (System.Text.Json.JsonException)
        {
            return new Outcome(ExitCodes.Failed, $"{Endpoint} does not speak the pbm protocol (is it the node's command port?).");
        }
    }
}
