using System.Net;
using System.Net.Sockets;
using PublishingCluster.Testing;

namespace PublishingCluster.Server.Tests;

/// <summary>The ports test servers bind: free, distinct, and outside the range outgoing connections take theirs from.</summary>
public sealed class LoopbackPortsTests
{
    [Fact]
    public void Ports_come_free_distinct_and_below_the_ephemeral_range()
    {
        var ephemeralLow = int.Parse(File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[0], System.Globalization.CultureInfo.InvariantCulture);
        var ports = Enumerable.Range(0, 20).Select(_ => LoopbackPorts.Free()).ToList();

        Assert.Equal(ports.Count, ports.Distinct().Count());
        Assert.All(ports, port => Assert.InRange(port, 10_000, ephemeralLow - 1));
        foreach (var port in ports)
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
        }
    }
}
