using PublishingCluster.Cmd;
using PublishingCluster.Server.Tests.Support;

namespace PublishingCluster.Server.Tests.Commands;

/// <summary>A node whose command endpoint has a token answers only requests that carry it.</summary>
public sealed class PbmTokenTests
{
    private const string Token = "cmd-token-7f3a9c2e5b1d";

    [Fact]
    public async Task A_token_protected_endpoint_refuses_a_missing_or_wrong_token_and_answers_the_right_one()
    {
        using var folder = new TempFolder();
        await using var server = await ServerProcess.StartAsync(folder.File("journal.db"), "--cmd-token", Token);

        var missing = await PbmRunner.RunAsync(server.CommandEndpoint, "cluster", "show");
        Assert.Equal(ExitCodes.Unauthorized, missing.ExitCode);
        Assert.Equal("pbm: This node's command endpoint needs a token: pass --token.", missing.Error.Trim());
        Assert.Empty(missing.Output);

        var wrong = await PbmRunner.RunAsync(server.CommandEndpoint, "cluster", "show", "--token", Token + "x");
        Assert.Equal(ExitCodes.Unauthorized, wrong.ExitCode);
        Assert.Equal("pbm: The token is not this node's command token.", wrong.Error.Trim());

        // Nothing, not even the list of commands or account ids, without the token.
        var shell = await PbmRunner.RunWithAsync(new TestTerminal("cluster show\n"), server.CommandEndpoint, "--token=nope");
        Assert.Equal(ExitCodes.Unauthorized, shell.ExitCode);
        Assert.Empty(shell.Output);
        Assert.Empty(await new CommandClient(new NodeEndpoint("127.0.0.1", server.CommandPort), token: null).CompleteAccountsAsync(string.Empty, CancellationToken.None));

        var right = await PbmRunner.RunAsync(server.CommandEndpoint, "--token", Token, "cluster", "show");
        Assert.True(right.ExitCode == 0, right.ToString());
        Assert.Contains("Count: 1 nodes", right.Output, StringComparison.Ordinal);
        var rightShell = await PbmRunner.RunWithAsync(new TestTerminal("cluster leader\n"), server.CommandEndpoint, "--token=" + Token);
        Assert.True(rightShell.ExitCode == 0, rightShell.ToString());

        var log = await PbmRunner.RunAsync(server.CommandEndpoint, "--token", Token, "log", "peek", "-l", "Warning");
        Assert.Contains("Command endpoint refused a request from 127.0.0.1", log.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, log.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_node_refuses_to_start_with_its_command_endpoint_beyond_loopback_and_no_token()
    {
        using var folder = new TempFolder();

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => ServerProcess.StartAsync(folder.File("journal.db"), "--cmd-host", "0.0.0.0"));

        Assert.Contains("The command endpoint 0.0.0.0:", refused.Message, StringComparison.Ordinal);
        Assert.Contains("set --cmd-token", refused.Message, StringComparison.Ordinal);
    }
}
