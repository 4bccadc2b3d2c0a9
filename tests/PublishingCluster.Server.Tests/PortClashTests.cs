using System.Globalization;
using PublishingCluster.Server.Tests.Support;

namespace PublishingCluster.Server.Tests;

/// <summary>
/// A second node started on a machine with the first one's ports (the documented cluster, docs/operations.md, once
/// started its three nodes on one command endpoint port) stops at start-up with one line naming the flag to change,
/// never a stack trace.
/// </summary>
public sealed class PortClashTests
{
    [Fact]
    public async Task A_node_started_on_ports_another_node_holds_stops_with_one_line_naming_the_flag()
    {
        using var folder = new TempFolder();
        using var secondFolder = new TempFolder();
        var remotingPort = ServerProcess.FreeLoopbackPort().ToString(CultureInfo.InvariantCulture);
        await using var first = await ServerProcess.StartAsync(folder.File("journal.db"), "--node-port", remotingPort);
        var second = secondFolder.File("journal.db");

        // Every other port of the second node is its own (ServerProcess picks free ones); one is the first node's.
        await AssertRefusedAsync(second, "--cmd-port", ["--cmd-port", first.CommandPort.ToString(CultureInfo.InvariantCulture)]);
        await AssertRefusedAsync(second, "--node-port", ["--node-port", remotingPort]);
        await AssertRefusedAsync(second, "--urls", ["--urls", first.BaseAddress.ToString().TrimEnd('/')]);
        await AssertRefusedAsync(second, "--admin-urls", ["--admin-urls", first.AdminAddress.ToString().TrimEnd('/')]);

        // One port given to two of the node's own listeners is refused the same way, naming both flags.
        var own = ServerProcess.FreeLoopbackPort().ToString(CultureInfo.InvariantCulture);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ServerProcess.StartAsync(second, "--node-port", own, "--cmd-port", own));
        Assert.Contains($"Cannot start: port {own} is given to both --node-port and --cmd-port; give each its own.", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error.Message, StringComparison.Ordinal);

        // The first node was not disturbed.
        using var health = await first.Client.GetAsync("/health/ready");
        Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
    }

    private static async Task AssertRefusedAsync(string databasePath, string flag, string[] clashingArgs)
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ServerProcess.StartAsync(databasePath, clashingArgs));

        // ServerProcess reports "The server exited with <code>:" and then everything the process wrote.
        var lines = error.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("The server exited with 2:", lines[0]);
        var output = Assert.Single(lines.Skip(1));
        Assert.StartsWith("Cannot start: ", output, StringComparison.Ordinal);
        Assert.Contains("is taken by another process", output, StringComparison.Ordinal);
        Assert.Contains($" with {flag}", output, StringComparison.Ordinal);
    }
}
