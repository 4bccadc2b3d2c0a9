using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using PublishingCluster.Operations;

namespace PublishingCluster.Server.Hosting;

/// <summary>A node that cannot start as configured; its message is the one line the operator sees, naming what to change.</summary>
public sealed class NodeStartRefusedException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Finds the ports of this node that another process already holds, before anything binds them, so that a node
/// started beside another with the same ports (the usual slip when several nodes share a machine) stops with one
/// line naming the flag to change instead of a stack trace from deep inside a listener. Akka remoting needs the
/// check most: on Linux its listener shares a port with another process's (SO_REUSEPORT) rather than failing.
/// </summary>
public static partial class PortClashes
{
    /// <summary>Throws <see cref="NodeStartRefusedException"/> for the first configured port that cannot be bound.</summary>
    public static void EnsureFree(IConfiguration configuration, string[] listenerUrls)
    {
        var node = configuration.GetSection(NodeOptions.Section).Get<NodeOptions>() ?? new NodeOptions();
        var adminPorts = node.AdminPorts();
        var commands = CommandOptions.From(configuration);
        EnsureDistinct(node, commands, listenerUrls, adminPorts);
        foreach (var url in listenerUrls)
        {
            if (ListenerEndPoint(url) is { } endPoint && !CanBind(endPoint))
            {
                throw new NodeStartRefusedException(Taken(url, adminPorts.Contains(endPoint.Port) ? "--admin-urls" : "--urls"));
            }
        }

        if (node.Port > 0 && Address(node.Host) is { } remoting && !CanBind(new IPEndPoint(remoting, node.Port)))
        {
            throw new NodeStartRefusedException(
                $"Cannot start: the Akka remoting port {node.Host}:{node.Port} is taken by another process; give this node its own with --node-port.");
        }

        if (commands.Port > 0 && !CanBind(new IPEndPoint(commands.BindAddress(), commands.Port)))
        {
            throw new NodeStartRefusedException(commands.PortTakenLine);
        }
    }

    /// <summary>Refuses one port given to two of the node's own listeners (each would find it free on its own).</summary>
    private static void EnsureDistinct(NodeOptions node, CommandOptions commands, string[] listenerUrls, IReadOnlySet<int> adminPorts)
    {
        var flags = new List<(int Port, string Flag)>();
        foreach (var url in listenerUrls)
        {
            if (ListenerEndPoint(url) is { } endPoint)
            {
                flags.Add((endPoint.Port, adminPorts.Contains(endPoint.Port) ? "--admin-urls" : "--urls"));
            }
        }

        if (node.Port > 0)
        {
            flags.Add((node.Port, "--node-port"));
        }

        if (commands.Port > 0)
        {
            flags.Add((commands.Port, "--cmd-port"));
        }

        foreach (var group in flags.GroupBy(f => f.Port).Where(g => g.Select(f => f.Flag).Distinct().Count() > 1))
        {
            var named = group.Select(f => f.Flag).Distinct().ToList();
            throw new NodeStartRefusedException(
                $"Cannot start: port {group.Key} is given to both {named[0]} and {named[1]}; give each its own.");
        }
    }

    /// <summary>
    /// The operator's line for a start-up failure this class knows (a refusal, or a listener that lost a race for its
    /// port after the check); null for anything else, which keeps its own report.
    /// </summary>
    public static string? Explain(Exception error, IConfiguration configuration)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is NodeStartRefusedException or CommandPortTakenException)
            {
                return e.Message;
            }

            if (KestrelBindFailure().Match(e.Message) is { Success: true } bind)
            {
                var url = bind.Groups["url"].Value;
                var node = configuration.GetSection(NodeOptions.Section).Get<NodeOptions>() ?? new NodeOptions();
                var isAdmin = Uri.TryCreate(url, UriKind.Absolute, out var uri) && node.AdminPorts().Contains(uri.Port);
                return Taken(url, isAdmin ? "--admin-urls" : "--urls");
            }
        }

        return null;
    }

    private static string Taken(string url, string flag) =>
        $"Cannot start: {url} is taken by another process; give this node its own {(flag == "--urls" ? "API" : "admin")} address with {flag}.";

    private static IPEndPoint? ListenerEndPoint(string url)
    {
        var normalized = url.Trim().Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
        if (!Uri.TryCreate(normalized, UriKind.Absolute, out var uri) || uri.Port <= 0)
        {
            return null;
        }

        return Address(uri.Host) is { } address ? new IPEndPoint(address, uri.Port) : null;
    }

    private static IPAddress? Address(string host)
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
            return Dns.GetHostAddresses(host).FirstOrDefault(a => a.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6);
        }
        catch (SocketException)
        {
            // Not resolvable here: the listener itself will say so.
            return null;
        }
    }

    private static bool CanBind(IPEndPoint endPoint)
    {
        try
        {
            using var listener = new TcpListener(endPoint);
            listener.Start();
            return true;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return false;
        }
        catch (SocketException)
        {
            // Another reason (an address this machine does not have): the listener itself will report it.
            return true;
        }
    }

    [GeneratedRegex(@"Failed to bind to address (?<url>\S+?): address already in use", RegexOptions.IgnoreCase)]
    private static partial Regex KestrelBindFailure();
}
