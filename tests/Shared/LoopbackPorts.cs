using System.Net;
using System.Net.Sockets;

namespace PublishingCluster.Testing;

/// <summary>
/// Free TCP ports on 127.0.0.1 for the servers a test or a load test starts. A port the kernel hands out for
/// "any free port" comes from its ephemeral range, the same range every outgoing connection on the machine takes
/// its local port from: between the moment a test learns such a port and the moment its server binds it, a client
/// socket (an HTTP call, a PostgreSQL connection) can take it, and the server fails with "address already in use".
/// Ports are taken below that range instead, where no outgoing connection lands, each checked free by binding it;
/// every process walks from a random start, so test processes running side by side rarely meet.
/// </summary>
public static class LoopbackPorts
{
    private const int Lowest = 10_000;

    // Linux's default; read from the kernel where it says.
    private const int DefaultEphemeralLow = 32_768;

    private static readonly int EphemeralLow = ReadEphemeralLow();
    private static int _cursor = Random.Shared.Next(0, 1 << 20);

    public static int Free()
    {
        var span = EphemeralLow - Lowest;
        if (span < 1_000)
        {
            // An unusual kernel setting leaves no room below the range: fall back to the kernel's choice.
            return KernelChosen();
        }

        for (var attempt = 0; attempt < span; attempt++)
        {
            var port = Lowest + (int)((uint)Interlocked.Increment(ref _cursor) % (uint)span);
            if (CanBind(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"No free loopback port between {Lowest} and {EphemeralLow}.");
    }

    private static bool CanBind(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int KernelChosen()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static int ReadEphemeralLow()
    {
        const string Range = "/proc/sys/net/ipv4/ip_local_port_range";
        try
        {
            var first = File.ReadAllText(Range).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[0];
            return int.TryParse(first, out var low) ? low : DefaultEphemeralLow;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or IndexOutOfRangeException)
        {
            return DefaultEphemeralLow;
        }
    }
}
