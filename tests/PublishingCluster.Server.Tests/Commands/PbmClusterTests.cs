using System.Globalization;
using PublishingCluster.Server.Tests.Support;

namespace PublishingCluster.Server.Tests.Commands;

/// <summary>
/// pbm on a two-node cluster of real server processes. The nodes share one SQLite journal (and the networks' log
/// beside it): a cluster has one journal, whichever node an account's shard lives on, and SQLite in WAL mode serves
/// several processes on one machine. Separate files would split an account's history between nodes.
/// </summary>
public sealed class PbmClusterTests
{
    [Fact]
    public async Task Down_removes_a_stopped_node_and_leave_lets_a_running_one_go()
    {
        using var folder = new TempFolder();
        var database = folder.File("journal.db");
        // The seed gets the lower port: with two nodes the split-brain resolver keeps the side of the lowest
        // address, so the survivor must be it should the resolver decide before the operator does.
        var ports = new[] { ServerProcess.FreeLoopbackPort(), ServerProcess.FreeLoopbackPort(), ServerProcess.FreeLoopbackPort() }.Order().ToArray();
        var seed = $"akka.tcp://PublishingCluster@127.0.0.1:{ports[0]}";
        await using var first = await ServerProcess.StartAsync(database, "--node-port", Port(ports[0]), "--seed-nodes", seed);
        var second = await ServerProcess.StartAsync(database, "--node-port", Port(ports[1]), "--seed-nodes", seed);
        var secondAddress = $"akka.tcp://PublishingCluster@127.0.0.1:{ports[1]}";
        try
        {
            await WaitForMembersAsync(first, 2, up: 2);
            var both = await PbmRunner.RunAsync(second.CommandEndpoint, "cluster", "show");
            Assert.Contains($"{seed} | [] | up |", both.Lines);
            Assert.Contains($"{secondAddress} | [] | up |", both.Lines);

            await second.KillAsync();
            var down = await PbmRunner.RunAsync(first.CommandEndpoint, "cluster", "down", secondAddress);
            Assert.True(down.ExitCode == 0, down.ToString());
            Assert.Equal($"Downing {secondAddress}", down.Output.Trim());
        }
        finally
        {
            await second.DisposeAsync();
        }

        var alone = await WaitForMembersAsync(first, 1, up: 1);
        Assert.Equal([$"{seed} | [] | up |", "Count: 1 nodes"], alone.Lines);

        // A third node joins, and leaves when asked (as JSON, this time).
        var thirdAddress = $"akka.tcp://PublishingCluster@127.0.0.1:{ports[2]}";
        await using var third = await ServerProcess.StartAsync(database, "--node-port", Port(ports[2]), "--seed-nodes", seed);
        await WaitForMembersAsync(first, 2, up: 2);
        var leave = await PbmRunner.RunAsync(first.CommandEndpoint, "cluster", "leave", thirdAddress, "--json");
        Assert.True(leave.ExitCode == 0, leave.ToString());
        Assert.Equal(thirdAddress, leave.Json[0]["address"]!.GetValue<string>());
        Assert.Equal("leaving", leave.Json[0]["action"]!.GetValue<string>());
        await WaitForMembersAsync(first, 1, up: 1);
    }

    [Fact]
    public async Task Join_brings_a_node_whose_seed_does_not_answer_into_the_cluster()
    {
        using var folder = new TempFolder();
        var database = folder.File("journal.db");
        var ports = new[] { ServerProcess.FreeLoopbackPort(), ServerProcess.FreeLoopbackPort(), ServerProcess.FreeLoopbackPort() }.Order().ToArray();
        var seed = $"akka.tcp://PublishingCluster@127.0.0.1:{ports[0]}";
        await using var first = await ServerProcess.StartAsync(database, "--node-port", Port(ports[0]), "--seed-nodes", seed);
        // Its only seed is an address where nothing listens: it runs, but is no member of any cluster.
        await using var second = await ServerProcess.StartLiveAsync(database, "--node-port", Port(ports[1]), "--seed-nodes", $"akka.tcp://PublishingCluster@127.0.0.1:{ports[2]}");
        var secondAddress = $"akka.tcp://PublishingCluster@127.0.0.1:{ports[1]}";
        Assert.Equal(["Count: 0 nodes"], (await PbmRunner.RunAsync(second.CommandEndpoint, "cluster", "show")).Lines);

        var join = await PbmRunner.RunAsync(second.CommandEndpoint, "cluster", "join", seed);
        Assert.True(join.ExitCode == 0, join.ToString());
        Assert.Equal($"Joining {seed}; 'cluster status' shows when this node is up.", join.Output.Trim());

        var both = await WaitForMembersAsync(first, 2, up: 2);
        Assert.Contains($"{secondAddress} | [] | up |", both.Lines);
        var again = await PbmRunner.RunAsync(second.CommandEndpoint, "cluster", "join", seed, "--json");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal("none", again.Json[0]["action"]!.GetValue<string>());
    }

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);

    /// <summary>Waits (bounded) until <paramref name="node"/> shows this many members, this many of them up.</summary>
    private static async Task<PbmResult> WaitForMembersAsync(ServerProcess node, int members, int up)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var show = await PbmRunner.RunAsync(node.CommandEndpoint, "cluster", "show");
            var json = await PbmRunner.RunAsync(node.CommandEndpoint, "cluster", "show", "--json");
            var all = json.Json[0]["members"]!.AsArray();
            if ((all.Count == members && all.Count(m => m!["status"]!.GetValue<string>() == "up") == up) || DateTime.UtcNow > deadline)
            {
                Assert.True(all.Count == members, $"Expected {members} members:\n{show.Output}\n{node.Output}");
                return show;
            }

            await Task.Delay(250);
        }
    }
}
