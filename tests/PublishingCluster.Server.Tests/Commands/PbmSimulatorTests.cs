using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PublishingCluster.Cmd;
using PublishingCluster.Server.Tests.Support;

namespace PublishingCluster.Server.Tests.Commands;

/// <summary>
/// The sim palette against a real server process that runs the simulator: a small scenario from start to summary,
/// a long one stopped part-way, and what the simulator refuses (each a one-line reason and a non-zero exit code).
/// The tests of this class run one after another, as the node runs one simulation at a time.
/// </summary>
public sealed partial class PbmSimulatorTests(SimulatorNode node) : IClassFixture<SimulatorNode>
{
    [Fact]
    public async Task A_small_scenario_runs_to_its_end_and_its_status_agrees_with_the_summary_it_wrote()
    {
        var started = await node.PbmAsync("sim", "start", node.Tiny, "--json");
        Assert.True(started.ExitCode == 0, started.ToString());
        var runId = started.Json[0]["runId"]!.GetValue<string>();
        var output = started.Json[0]["output"]!.GetValue<string>();
        Assert.Equal(Path.Combine(node.Simulations, "runs", runId), output);
        Assert.Equal(node.Tiny, started.Json[0]["source"]!.GetValue<string>());

        var status = await WaitForAsync(s => s["state"]!.GetValue<string>() != "running");

        Assert.Equal("finished", status["state"]!.GetValue<string>());
        Assert.Equal(runId, status["runId"]!.GetValue<string>());
        var progress = status["progress"]!;
        Assert.Equal(2, progress["day"]!.GetValue<int>());
        Assert.Equal(2, progress["days"]!.GetValue<int>());
        Assert.Equal(3, progress["accounts"]!.GetValue<int>());
        Assert.Equal(new DateTimeOffset(2027, 3, 3, 0, 0, 0, TimeSpan.Zero), progress["simulated"]!.GetValue<DateTimeOffset>());
        Assert.True(progress["events"]!.GetValue<long>() > 0, status.ToJsonString());

        var summary = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(output, "summary.json")))!;
        Assert.True(File.Exists(Path.Combine(output, "report.html")));
        Assert.Equal(3, summary["scenario"]!["accounts"]!.GetValue<int>());
        Assert.Equal(5, summary["scenario"]!["seed"]!.GetValue<int>());
        Assert.Equal(summary["network"]!["publications"]!.GetValue<int>(), progress["published"]!.GetValue<int>());
        var posts = summary["posts"]!;
        Assert.StartsWith(
            $"Posts (variants): planned {posts["planned"]}, published {posts["published"]}, late {posts["late"]}",
            status["summary"]![0]!.GetValue<string>(),
            StringComparison.Ordinal);

        var table = await node.PbmAsync("sim", "status");
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Equal("simulator: finished", table.Lines[0]);
        Assert.Contains($"run: {runId}", table.Lines);
        Assert.Contains("simulated: 2027-03-03 00:00:00Z, day 2 of 2", table.Lines);
        Assert.Contains($"published: {posts["published"]} posts", table.Lines);
        Assert.Contains(table.Lines, l => l.StartsWith("Posts (variants): planned ", StringComparison.Ordinal));
        Assert.Equal($"output: {output} (summary.json, report.html)", table.Lines[^1]);
    }

    [Fact]
    public async Task Stop_ends_a_longer_run_part_way_and_says_where()
    {
        // Thirty days paced at a simulated day a wall second: it is under way for as long as the test needs.
        var started = await node.PbmAsync("sim", "start", "tiny", "--days", "30", "--speed", "86400");
        Assert.True(started.ExitCode == 0, started.ToString());
        Assert.StartsWith("Started run ", started.Lines[0], StringComparison.Ordinal);
        Assert.Contains("3 accounts x 2 channels, 30 days from 2027-03-01 00:00:00Z, seed 5, speed 86400", started.Lines);

        var running = await WaitForAsync(s => s["progress"]?["day"]?.GetValue<int>() >= 2 || s["state"]!.GetValue<string>() != "running");
        Assert.Equal("running", running["state"]!.GetValue<string>());
        var table = await node.PbmAsync("sim", "status");
        Assert.Equal("simulator: running", table.Lines[0]);
        Assert.Contains(table.Lines, l => l.StartsWith("simulated: 2027-03-", StringComparison.Ordinal) && l.EndsWith(" of 30 (stepping)", StringComparison.Ordinal));
        Assert.Contains(table.Lines, l => l.StartsWith("events: ", StringComparison.Ordinal) && l.EndsWith(" events/s)", StringComparison.Ordinal));

        var again = await node.PbmAsync("sim", "start", "tiny");
        Assert.Equal(ExitCodes.Failed, again.ExitCode);
        Assert.StartsWith("pbm: A simulation is already running: ", again.Error, StringComparison.Ordinal);

        var stop = await node.PbmAsync("sim", "stop", "--json");
        Assert.True(stop.ExitCode == 0, stop.ToString());
        var stopped = stop.Json[0];
        Assert.Equal("stopped", stopped["state"]!.GetValue<string>());
        var at = stopped["progress"]!["simulated"]!.GetValue<DateTimeOffset>();
        Assert.True(at < stopped["end"]!.GetValue<DateTimeOffset>(), stopped.ToJsonString());
        Assert.False(File.Exists(Path.Combine(stopped["output"]!.GetValue<string>(), "summary.json")));

        // It stays where it stopped.
        await Task.Delay(1500);
        var after = await node.PbmAsync("sim", "status");
        Assert.Equal("simulator: stopped", after.Lines[0]);
        Assert.Contains(after.Lines, l => l.StartsWith($"stopped at: {at.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z, day ", StringComparison.Ordinal));

        var idle = await node.PbmAsync("sim", "stop");
        Assert.Equal(ExitCodes.Failed, idle.ExitCode);
        Assert.Contains("No simulation is running (the last one, ", idle.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_readme_example_runs_as_written()
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "docs", "pbm.md"));
        var lines = ReadmeSimLine().Matches(readme).Select(m => m.Groups["command"].Value).ToList();
        Assert.Equal(["sim start load-rehearsal --accounts 50 --days 7 --speed 86400", "sim status", "sim stop"], lines);

        var answers = new List<PbmResult>();
        foreach (var line in lines)
        {
            answers.Add(await node.PbmAsync(line.Split(' ')));
        }

        Assert.All(answers, a => Assert.True(a.ExitCode == 0, a.ToString()));
        Assert.Contains("50 accounts x 4 channels, 7 days from 2027-03-01 00:00:00Z, seed 1, speed 86400", answers[0].Lines);
        Assert.Contains(answers[1].Lines, l => l.StartsWith("scenario: load-rehearsal from ", StringComparison.Ordinal));
        Assert.StartsWith("Stopped run ", answers[2].Output, StringComparison.Ordinal);
    }

    /// <summary>Each refusal: the command line, the exit code, and what its one line on stderr says.</summary>
    public static TheoryData<string, int, string> Errors => new()
    {
        { "sim start nowhere", ExitCodes.Failed, "Unknown scenario 'nowhere': no such file, and no scenario of that name. Scenarios: bad, load-rehearsal, quarter, tiny (in " },
        { "sim start tiyn", ExitCodes.Failed, "Did you mean 'tiny'?" },
        { "sim start bad", ExitCodes.Usage, "bad.json is refused: acounts: The JSON property 'acounts' could not be mapped" },
        { "sim start tiny --days 0", ExitCodes.Usage, "is refused: days: must be between 1 and 3660" },
        { "sim start tiny --seed many", ExitCodes.Usage, "is refused: --seed: 'many' is not a whole number" },
        { "sim start", ExitCodes.Usage, "'start' needs <scenario>" },
        { "sim stop", ExitCodes.Failed, "No simulation is running" },
        { "sim stpo", ExitCodes.Usage, "Did you mean 'sim stop'?" },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public async Task The_simulator_refuses_with_one_line_saying_why(string line, int exitCode, string says)
    {
        var result = await node.PbmAsync(line.Split(' '));

        Assert.True(result.ExitCode == exitCode, result.ToString());
        Assert.Contains(says, result.Error, StringComparison.Ordinal);
        var reason = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("pbm: ", reason, StringComparison.Ordinal);
        Assert.Empty(result.Output);
    }

    /// <summary>Polls <c>sim status --json</c> until <paramref name="condition"/> holds (or fails after a generous while).</summary>
    private async Task<JsonNode> WaitForAsync(Func<JsonNode, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            var result = await node.PbmAsync("sim", "status", "--json");
            Assert.True(result.ExitCode == 0, result.ToString());
            var status = result.Json[0];
            if (condition(status) || DateTime.UtcNow > deadline)
            {
                Assert.True(condition(status), $"sim status: {status.ToJsonString()}\n{node.Server.Output}");
                return status;
            }

            await Task.Delay(200);
        }
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "PublishingCluster.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("Cannot find the repository root above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"^pbm 127\.0\.0\.1:9110 (?<command>sim [^#\n]*?)\s*(#.*)?$", RegexOptions.Multiline)]
    private static partial Regex ReadmeSimLine();
}
