using System.Text.Json;
using PublishingCluster.Simulation.Cli;
using PublishingCluster.Simulation.Scenarios;

namespace PublishingCluster.Simulation.Tests;

/// <summary>The simulate command: flags, files written, bad input refused with exit code 2.</summary>
public sealed class SimulateCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"simulate-command-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_run_prints_progress_and_its_summary_and_writes_the_summary_and_the_report()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = await SimulateCommand.RunAsync(
            ["--accounts", "5", "--days", "3", "--channels", "2", "--seed", "4", "--step-minutes", "60", "--clients", "responsive=1,outsource-and-forget=1", "--output", _folder],
            output, error);

        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, error.ToString());
        var printed = output.ToString();
        Assert.Contains("2027-03-02 00:00  accounts 5  published", printed, StringComparison.Ordinal);
        Assert.Contains("Posts (variants): planned", printed, StringComparison.Ordinal);
        Assert.Contains("events/s", printed, StringComparison.Ordinal);
        var summary = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_folder, "summary.json"))).RootElement;
        Assert.Equal(5, summary.GetProperty("scenario").GetProperty("accounts").GetInt32());
        Assert.Equal(3, summary.GetProperty("daily").GetArrayLength());
        var report = await File.ReadAllTextAsync(Path.Combine(_folder, "report.html"));
        Assert.Contains("<svg", report, StringComparison.Ordinal);
        Assert.Contains("SLA attainment per week", report, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--acounts", "5", "--acounts")]
    [InlineData("--days", "ten", "--days")]
    [InlineData("--speed", "fast", "--speed")]
    [InlineData("--journal", "postgres", "--journal")]
    [InlineData("--clients", "lazy=1", "--clients")]
    [InlineData("--accounts", "0", "accounts")]
    public async Task A_bad_flag_is_refused_with_exit_code_2_naming_it(string flag, string value, string named)
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = await SimulateCommand.RunAsync([flag, value, "--output", _folder], output, error);

        Assert.Equal(2, exit);
        Assert.StartsWith($"simulate: {named}:", error.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(_folder));
    }

    [Fact]
    public async Task A_scenario_file_with_a_bad_field_is_refused_naming_it()
    {
        Directory.CreateDirectory(_folder);
        var file = Path.Combine(_folder, "bad.hocon");
        await File.WriteAllTextAsync(file, "accounts = 3\nnetworkFaults { failureRate = 0.1, outage = [] }\n");
        var error = new StringWriter();

        var exit = await SimulateCommand.RunAsync(["--scenario", file], new StringWriter(), error);

        Assert.Equal(2, exit);
        Assert.Contains("networkFaults.outage", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Flags_refine_the_scenario_file()
    {
        Directory.CreateDirectory(_folder);
        var file = Path.Combine(_folder, "s.json");
        File.WriteAllText(file, """{ "name": "from-file", "accounts": 3, "days": 9, "postsPerWeek": 2 }""");

        var flags = ScenarioFlags.Parse(["--scenario", file, "--days", "5", "--speed", "3600", "--journal", "sqlite", "--slot-policy", "worst"]);

        Assert.Equal("from-file", flags.Scenario.Name);
        Assert.Equal(3, flags.Scenario.Accounts);
        Assert.Equal(5, flags.Scenario.Days);
        Assert.Equal(2, flags.Scenario.PostsPerWeek);
        Assert.Equal(SlotPolicy.Worst, flags.Scenario.Agency.SlotPolicy);
        Assert.Equal(3600, flags.Run.Speed);
        Assert.Equal(Running.JournalKind.Sqlite, flags.Run.Journal);
    }
}
