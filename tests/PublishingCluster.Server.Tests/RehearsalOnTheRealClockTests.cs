using System.Text.Json.Nodes;
using PublishingCluster.Server.Tests.Support;
using PublishingCluster.Simulation.Cli;

namespace PublishingCluster.Server.Tests;

/// <summary>
/// Rehearsing against a server on the real clock: days would take days, so a bound is required; the bound, or a
/// cancellation (Ctrl+C), stops the rehearsal cleanly with what it measured written down.
/// </summary>
public sealed class RehearsalOnTheRealClockTests(RehearsalOnTheRealClockTests.RealClockServer server) : IClassFixture<RehearsalOnTheRealClockTests.RealClockServer>
{
    private const string OperatorToken = "real-clock-operator-token-0123456789";

    [Fact]
    public async Task Without_a_wall_clock_bound_the_rehearsal_is_refused_saying_how_long_it_would_take()
    {
        var error = new StringWriter();

        var exit = await SimulateCommand.RunAsync(["--server", server.Node.BaseAddress.ToString(), "--operator-key", OperatorToken, "--accounts", "2", "--days", "3"], new StringWriter(), error);

        Assert.Equal(2, exit);
        Assert.Contains("real clock, so 3 days take 3 days: give --for <duration>", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_clock_speed_for_a_server_on_the_real_clock_is_refused_naming_the_flag()
    {
        var error = new StringWriter();

        var exit = await SimulateCommand.RunAsync(["--server", server.Node.BaseAddress.ToString(), "--operator-key", OperatorToken, "--clock-speed", "60", "--for", "10s"], new StringWriter(), error);

        Assert.Equal(2, exit);
        Assert.StartsWith("simulate: --clock-speed: the server runs on the real clock", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_wall_clock_bound_stops_the_rehearsal_and_its_partial_summary_is_written()
    {
        using var output = new TempFolder();
        var console = new StringWriter();
        var error = new StringWriter();

        var exit = await SimulateCommand.RunAsync(
            ["--server", server.Node.BaseAddress.ToString(), "--operator-key", OperatorToken, "--accounts", "2", "--channels", "1", "--days", "3", "--for", "4s", "--output", output.Path],
            console, error);

        Assert.True(exit == 0, $"exit {exit}: {error}\n{console}");
        Assert.Contains("--for 4 s stops it first", console.ToString(), StringComparison.Ordinal);
        var summary = JsonNode.Parse(await File.ReadAllTextAsync(output.File("rehearsal.json")))!;
        Assert.Equal("for", summary["run"]!["stoppedBy"]!.GetValue<string>());
        Assert.Equal("real", summary["server"]!["clock"]!.GetValue<string>());
        // The set-up was done and measured: two accounts opened, their first posts drafted and scheduled.
        Assert.Equal(2, summary["load"]!["routes"]!["open-account"]!["ok"]!.GetValue<long>());
        Assert.True(summary["load"]!["routes"]!["schedule"]!["ok"]!.GetValue<long>() > 0);
        Assert.Equal(2, summary["outcome"]!["accounts"]!.GetValue<int>());
    }

    [Fact]
    public async Task Cancelling_stops_the_rehearsal_cleanly_with_a_partial_summary()
    {
        using var output = new TempFolder();
        var written = new StringWriter();
        var console = TextWriter.Synchronized(written);
        using var cancel = new CancellationTokenSource();

        var run = SimulateCommand.RunAsync(
            ["--server", server.Node.BaseAddress.ToString(), "--operator-key", OperatorToken, "--accounts", "2", "--channels", "1", "--days", "3", "--for", "10m", "--output", output.Path],
            console, new StringWriter(), cancel.Token);
        // Cancel once the accounts are open and the rehearsal is pacing itself on the clock.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!Said(console, written, "server time") && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        cancel.Cancel();
        var exit = await run;

        Assert.Equal(0, exit);
        var summary = JsonNode.Parse(await File.ReadAllTextAsync(output.File("rehearsal.json")))!;
        Assert.Equal("interrupted", summary["run"]!["stoppedBy"]!.GetValue<string>());
        Assert.Equal(2, summary["outcome"]!["accounts"]!.GetValue<int>());
        Assert.True(Said(console, written, "Stopped by interrupted"));
    }

    [Fact]
    public async Task A_given_agency_key_is_used_instead_of_registering_an_agency()
    {
        var agency = $"given-{Guid.NewGuid():N}"[..20];
        using var operatorClient = new HttpClient { BaseAddress = server.Node.BaseAddress };
        operatorClient.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", OperatorToken);
        (await operatorClient.PostJsonAsync("/admin/agencies", new { agencyId = agency, name = "Given agency" })).Ok();
        var key = (await operatorClient.PostJsonAsync($"/admin/agencies/{agency}/keys", new { label = "admin", role = "AgencyAdmin", accountIds = Array.Empty<string>() })).Ok()["token"]!.GetValue<string>();
        using var output = new TempFolder();
        var error = new StringWriter();

        var exit = await SimulateCommand.RunAsync(
            ["--server", server.Node.BaseAddress.ToString(), "--operator-key", OperatorToken, "--agency-key", key, "--accounts", "2", "--channels", "1", "--for", "3s", "--output", output.Path],
            new StringWriter(), error);

        Assert.True(exit == 0, $"exit {exit}: {error}");
        var summary = JsonNode.Parse(await File.ReadAllTextAsync(output.File("rehearsal.json")))!;
        Assert.Null(summary["load"]!["routes"]!["register-agency"]);
        // The accounts belong to the given agency: its key reads them.
        using var agencyClient = new HttpClient { BaseAddress = server.Node.BaseAddress };
        agencyClient.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        foreach (var id in summary["accountIds"]!.AsArray())
        {
            Assert.Equal(agency, (await agencyClient.GetJsonAsync($"/accounts/{id!.GetValue<string>()}"))["agencyId"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task A_wrong_agency_key_is_refused_plainly_in_one_line()
    {
        var error = new StringWriter();

        var exit = await SimulateCommand.RunAsync(
            ["--server", server.Node.BaseAddress.ToString(), "--operator-key", OperatorToken, "--agency-key", "not-a-key", "--accounts", "2", "--for", "30s"],
            new StringWriter(), error);

        Assert.Equal(1, exit);
        var message = error.ToString().TrimEnd();
        Assert.DoesNotContain('\n', message);
        Assert.Equal("simulate: the server refused the agency key (401 Unauthorized): check --agency-key.", message);
    }

    [Fact]
    public async Task A_server_lost_mid_rehearsal_ends_it_in_one_line_with_what_was_measured_written()
    {
        using var folder = new TempFolder();
        using var output = new TempFolder();
        var written = new StringWriter();
        var console = TextWriter.Synchronized(written);
        var error = new StringWriter();
        await using var doomed = await ServerProcess.StartAsync(folder.File("journal.db"), "--operator-token", OperatorToken);

        var run = SimulateCommand.RunAsync(
            ["--server", doomed.BaseAddress.ToString(), "--operator-key", OperatorToken, "--accounts", "2", "--channels", "1", "--for", "2m", "--output", output.Path],
            console, error);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!Said(console, written, "server time") && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        await doomed.KillAsync();
        var exit = await run;

        Assert.Equal(1, exit);
        var message = error.ToString().TrimEnd();
        Assert.DoesNotContain('\n', message);
        Assert.StartsWith($"simulate: cannot reach the server at {doomed.BaseAddress}", message, StringComparison.Ordinal);
        var summary = JsonNode.Parse(await File.ReadAllTextAsync(output.File("rehearsal.json")))!;
        Assert.Equal("server lost", summary["run"]!["stoppedBy"]!.GetValue<string>());
        Assert.Null(summary["outcome"]);
        Assert.Equal(2, summary["load"]!["routes"]!["open-account"]!["ok"]!.GetValue<long>());
    }

    /// <summary>Whether the rehearsal wrote <paramref name="text"/> to <paramref name="console"/> yet; a synchronized writer locks on itself, so reading <paramref name="written"/> under that lock never meets a write halfway.</summary>
    private static bool Said(TextWriter console, StringWriter written, string text)
    {
        lock (console)
        {
            return written.ToString().Contains(text, StringComparison.Ordinal);
        }
    }

    /// <summary>A server on SQLite and the real clock, with an operator token.</summary>
    public sealed class RealClockServer : IAsyncLifetime
    {
        private readonly TempFolder _folder = new();
        private ServerProcess? _node;

        public ServerProcess Node => _node ?? throw new InvalidOperationException("Not started.");

        public async Task InitializeAsync() =>
            _node = await ServerProcess.StartAsync(_folder.File("journal.db"), "--operator-token", OperatorToken);

        public async Task DisposeAsync()
        {
            if (_node is not null)
            {
                await _node.DisposeAsync();
            }

            _folder.Dispose();
        }
    }
}
