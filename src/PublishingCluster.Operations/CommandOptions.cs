using System.Net;
using System.Net.Sockets;

namespace PublishingCluster.Operations;

/// <summary>
/// The node's command endpoint for operators (the <c>pbm</c> client): where it listens and the token it asks for.
/// Bound from the "Commands" configuration section (<c>--cmd-host</c>, <c>--cmd-port</c>, <c>--cmd-token</c>).
/// </summary>
public sealed class CommandOptions
{
    public const string Section = "Commands";

    public const int DefaultPort = 9110;

    /// <summary>The address the endpoint binds to: loopback unless configured (then a token is required).</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>The TCP port; 0 picks a free one, -1 turns the endpoint off.</summary>
    public int Port { get; set; } = DefaultPort;

    /// <summary>The token every request must carry; required when <see cref="Host"/> is not a loopback address.</summary>
    public string? Token { get; set; }

    public bool Enabled => Port >= 0;

    public static CommandOptions From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<CommandOptions>() ?? new CommandOptions();

    /// <summary>The address to bind; refuses an address beyond this machine without a token, as the admin listener does.</summary>
    public IPAddress BindAddress()
    {
        if (Port is < -1 or > 65535)
        {
            throw new InvalidOperationException($"--cmd-port {Port} is out of range: 0 to 65535 (0: any free port, -1: no command endpoint).");
        }

        var address = Resolve(Host);
        if (!IPAddress.IsLoopback(address) && string.IsNullOrEmpty(Token))
        {
            throw new InvalidOperationException(
                $"The command endpoint {Host}:{Port} is not loopback-only; set --cmd-token to let operators reach it from beyond this machine.");
        }

        return address;
    }

    /// <summary>The operator's one line when another process holds <see cref="Port"/>.</summary>
    public string PortTakenLine =>
        $"Cannot start: the command endpoint's port {Host}:{Port} (pbm) is taken by another process; give this node its own with --cmd-port (0: any free port, -1: no endpoint).";

    private static IPAddress Resolve(string host)
    {
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return IPAddress.Loopback;
        }

        if (IPAddress.TryParse(host.Trim('[', ']'), out var address))
        {
            return address;
        }

        try
        {
            return Dns.GetHostAddresses(host).FirstOrDefault(a => a.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6)
                ?? throw new InvalidOperationException($"--cmd-host '{host}' has no address.");
        }
        catch (SocketException e)
        {
            throw new InvalidOperationException($"--cmd-host '{host}' cannot be resolved: {e.Message}", e);
        }
    }
}

/// <summary>The command endpoint cannot listen: another process holds its port. Its message is the line the operator sees.</summary>
public sealed class CommandPortTakenException(CommandOptions options, Exception? inner = null) : Exception(options.PortTakenLine, inner);
