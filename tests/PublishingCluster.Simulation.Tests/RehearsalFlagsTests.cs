using System.Net;
using System.Net.Sockets;
using PublishingCluster.Simulation.Cli;
using PublishingCluster.Simulation.Rehearsal;

namespace PublishingCluster.Simulation.Tests;

/// <summary>The flags of <c>simulate --server</c>, and a server that is not there: refused before anything runs, in one line.</summary>
public sealed class RehearsalFlagsTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"rehearsal-flags-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("ftp://127.0.0.1:5080", "--server")]
    [InlineData("127.0.0.1:5080", "--server")]
    [InlineData("http://127.0.0.1:5080/accounts", "--server")]
    [InlineData("not a url", "--server")]
    public async Task A_bad_server_address_is_refused_naming_the_flag(string server, string named)
    {
        var error = new StringWriter();

        var exit = await SimulateCommand.RunAsync(["--server", server, "--output", _folder], new StringWriter(), error);

        Assert.Equal(2, exit);
        Assert.StartsWith($"simulate: {named}:", error.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(_folder));
    }

    [Theory]
    [InlineData("--for", "0s", "--for")]
    [InlineData("--for", "soon", "--for")]
    [InlineData("--concurrency", "0", "--concurrency")]
    [InlineData("--concurrency", "1000", "--concurrency")]
    [InlineData("--clock-speed", "0", "--clock-speed")]
    [InlineData("--clock-speed", "fast", "--clock-speed")]
    [InlineData("--journal", "sqlite", "--journal")]
    [InlineData("--speed", "60", "--speed")]
    [InlineData("--start", "2027-03-01T00:00:00Z", "--start")]
    [InlineData("--days", "none", "--days")]
    public async Task A_bad_or_inapplicable_flag_with_a_server_is_refused_naming_it(string flag, string value, string named)
    {
        var error = new StringWriter();

        var exit = await SimulateCommand.RunAsync(["--server", "http://127.0.0.1:5080", flag, value, "--output", _folder], new StringWriter(), error);

        Assert.Equal(2, exit);
        Assert.StartsWith($"simulate: {named}:", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_server_ends_the_rehearsal_with_one_line_and_exit_code_1()
    {
        // A port that was free a moment ago: nothing listens there.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var error = new StringWriter();

        var exit = await SimulateCommand.RunAsync(["--server", $"http://127.0.0.1:{port}", "--output", _folder], new StringWriter(), error);

        Assert.Equal(1, exit);
        var message = error.ToString().TrimEnd();
        Assert.StartsWith($"simulate: cannot reach the server at http://127.0.0.1:{port}/", message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', message);
        Assert.False(File.Exists(Path.Combine(_folder, "rehearsal.json")));
    }

    [Theory]
    [InlineData("90s", 90)]
    [InlineData("10m", 600)]
    [InlineData("2h", 7200)]
    [InlineData("1d", 86400)]
    [InlineData("00:05:00", 300)]
    public void Durations_read_as_operators_write_them(string text, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), RehearsalFlags.Duration(text));

    [Fact]
    public void The_flags_set_the_server_keys_bounds_and_the_scenario()
    {
        var flags = RehearsalFlags.Parse(["--server", "http://127.0.0.1:5080", "--operator-key", "op", "--agency-key", "ag", "--for", "10m", "--concurrency", "16", "--clock-speed", "600", "--accounts", "7", "--output", "out"]);

        Assert.Equal(new Uri("http://127.0.0.1:5080"), flags.Options.Server);
        Assert.Equal("op", flags.Options.OperatorKey);
        Assert.Equal("ag", flags.Options.AgencyKey);
        Assert.Equal(TimeSpan.FromMinutes(10), flags.Options.For);
        Assert.Equal(16, flags.Options.Concurrency);
        Assert.Equal(600, flags.Options.ClockSpeed);
        Assert.Equal("out", flags.Options.OutputFolder);
        Assert.Equal(7, flags.Scenario.Scenario.Accounts);
    }
}
