using PublishingCluster.Server.Tests.Support;

namespace PublishingCluster.Server.Tests.Commands;

/// <summary>
/// <c>log slurp</c> and <c>log set-level</c> on a server process of their own (the level is the node's, so no other
/// test shares it). The server's logging starts at Warning (Akka.NET's at INFO); each command session logs a Debug
/// line through Akka.NET when it starts, so a Debug line reaches the log only if both levels let it through.
/// </summary>
public sealed class PbmLogTests
{
    [Fact]
    public async Task Set_level_changes_what_the_node_logs_through_akka_and_aspnet_and_slurp_streams_it_until_stopped()
    {
        using var folder = new TempFolder();
        await using var server = await ServerProcess.StartAsync(folder.File("journal.db"));
        var node = server.CommandEndpoint;

        var terminal = new TestTerminal(stopWhen: output => output.Contains("runs 'status'", StringComparison.Ordinal));
        var slurp = PbmRunner.RunWithAsync(terminal, node, "log", "slurp");

        // A change of level is logged as a warning: once slurp shows one, slurp is following.
        var following = false;
        for (var attempt = 0; attempt < 50 && !following; attempt++)
        {
            var information = await PbmRunner.RunAsync(node, "log", "set-level", "Information");
            Assert.True(information.ExitCode == 0, information.ToString());
            await Task.WhenAny(slurp, Task.Delay(100));
            following = terminal.Output.Contains("Log level set to Information", StringComparison.Ordinal);
        }

        Assert.True(following, server.Output);

        // At Information a session's Debug line is not logged; at Debug it is.
        Assert.Equal(0, (await PbmRunner.RunAsync(node, "cluster", "leader")).ExitCode);
        var debug = await PbmRunner.RunAsync(node, "log", "set-level", "debug");
        Assert.True(debug.ExitCode == 0, debug.ToString());
        Assert.Equal("Log level: Debug (was Information); Akka.NET: DEBUG (was INFO)", debug.Output.Trim());
        Assert.Equal(0, (await PbmRunner.RunAsync(node, "cluster", "status")).ExitCode);

        var slurped = await slurp;
        Assert.True(slurped.ExitCode == 0, slurped.ToString());
        Assert.Contains(slurped.Lines, l => l.Contains("[WARN]", StringComparison.Ordinal) && l.EndsWith("Log level set to Debug (was Information); Akka.NET DEBUG (was INFO).", StringComparison.Ordinal));
        Assert.Contains(slurped.Lines, l => l.Contains("[DEBUG]", StringComparison.Ordinal) && l.Contains("runs 'status'.", StringComparison.Ordinal));
        Assert.DoesNotContain("runs 'leader'", slurped.Output, StringComparison.Ordinal);
        Assert.Matches(@"^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ\] \[(DEBUG|INFO|WARN|ERROR|CRIT)\] \[[^\]]+\] ", slurped.Lines[0]);

        // The recent-log ring keeps Information and above whatever the level.
        var peek = await PbmRunner.RunAsync(node, "log", "peek", "-n", "1000");
        Assert.Contains("Log level set to Debug", peek.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("[DEBUG]", peek.Output, StringComparison.Ordinal);

        // Back up to Warning, as JSON; a session's Debug line is dropped again (slurp --json shows Warning and up only).
        var warning = await PbmRunner.RunAsync(node, "log", "set-level", "WARNING", "--json");
        Assert.True(warning.ExitCode == 0, warning.ToString());
        var answer = Assert.Single(warning.Json);
        Assert.Equal(("Warning", "Debug", "WARNING", "DEBUG"), (answer["level"]!.GetValue<string>(), answer["previous"]!.GetValue<string>(), answer["akka"]!.GetValue<string>(), answer["akkaPrevious"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Slurp_as_json_prints_one_line_object_per_log_line_at_or_above_its_level()
    {
        using var folder = new TempFolder();
        await using var server = await ServerProcess.StartAsync(folder.File("journal.db"));
        var node = server.CommandEndpoint;
        // Stopped at the second change to Warning: by then slurp followed the whole round before it.
        const string toWarning = "Log level set to Warning";
        var slurp = PbmRunner.RunWithAsync(
            new TestTerminal(stopWhen: output => output.IndexOf(toWarning, StringComparison.Ordinal) is >= 0 and var first && output.IndexOf(toWarning, first + 1, StringComparison.Ordinal) >= 0),
            node, "log", "slurp", "--level", "Information", "--json");

        // At Debug a session's Debug line is logged, and slurp's own --level leaves it out.
        for (var attempt = 0; attempt < 50 && !slurp.IsCompleted; attempt++)
        {
            Assert.Equal(0, (await PbmRunner.RunAsync(node, "log", "set-level", "Debug")).ExitCode);
            Assert.Equal(0, (await PbmRunner.RunAsync(node, "cluster", "status")).ExitCode);
            Assert.Equal(0, (await PbmRunner.RunAsync(node, "log", "set-level", "Warning")).ExitCode);
            await Task.WhenAny(slurp, Task.Delay(100));
        }

        var slurped = await slurp;
        Assert.True(slurped.ExitCode == 0, slurped.ToString());
        Assert.NotEmpty(slurped.Json);
        Assert.All(slurped.Json, line => Assert.Contains(line["level"]!.GetValue<string>(), new[] { "Information", "Warning", "Error", "Critical" }));
        Assert.Contains(slurped.Json, line => line["message"]!.GetValue<string>().StartsWith("Log level set to Warning", StringComparison.Ordinal) && line["category"]!.GetValue<string>().EndsWith("LogPalette", StringComparison.Ordinal));
    }
}
