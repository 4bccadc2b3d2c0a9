using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using PublishingCluster.Server.Tests.Support;
using PublishingCluster.Simulation.Cli;

namespace PublishingCluster.Server.Tests;

/// <summary>
/// The simulator rehearsing against a real server process over loopback HTTP: a node on SQLite whose virtual clock
/// stands still while the rehearsal opens its accounts and then runs 8,000 times faster than the wall, so two days
/// pass in under half a minute.
/// </summary>
public sealed class RehearsalOverHttpTests(RehearsalOverHttpTests.FastServer server) : IClassFixture<RehearsalOverHttpTests.FastServer>
{
    private const string OperatorToken = "rehearsal-operator-token-0123456789";

    [Fact]
    public async Task A_rehearsal_plays_the_agency_clients_and_audience_over_http_and_measures_the_load_per_route()
    {
        using var output = new TempFolder();
        var console = new StringWriter();
        var error = new StringWriter();
        // The clock stands still until the accounts are open, then runs at 8,000x: the scenario starts on Sunday evening.
        var exit = await SimulateCommand.RunAsync(
            ["--server", server.Node.BaseAddress.ToString(), "--operator-key", OperatorToken, "--clock-speed", "8000", "--accounts", "6", "--channels", "2", "--days", "2",
             "--step-minutes", "60", "--seed", "3", "--clients", "responsive=0.5,cherry-picker=0.5", "--concurrency", "4", "--output", output.Path],
            console, error);

        Assert.True(exit == 0, $"exit {exit}: {error}\n{console}\n{server.Node.Output}");
        var summary = JsonNode.Parse(await File.ReadAllTextAsync(output.File("rehearsal.json")))!;
        Assert.True(File.Exists(output.File("rehearsal.md")));
        Assert.Equal("days", summary["run"]!["stoppedBy"]!.GetValue<string>());
        Assert.Equal(new DateTimeOffset(2027, 3, 7, 20, 0, 0, TimeSpan.Zero), summary["server"]!["startedAt"]!.GetValue<DateTimeOffset>());

        // The load, per kind of request: each kind the models send was sent, answered and timed; nothing failed on the server's side.
        var routes = summary["load"]!["routes"]!.AsObject();
        foreach (var kind in new[] { "open-account", "connect-channel", "create-post", "schedule", "client-approve", "engagement", "respond", "acknowledge-report", "contact", "read-post", "clock" })
        {
            Assert.True(routes[kind]?["ok"]?.GetValue<long>() > 0, $"no ok '{kind}' request: {routes.ToJsonString()}");
            Assert.True(routes[kind]!["p99Ms"]!.GetValue<double>() > 0, kind);
            Assert.True(routes[kind]!["perSecond"]!.GetValue<double>() > 0, kind);
        }

        var failed = summary["load"]!["total"]!["failedByStatus"]!.AsObject();
        Assert.DoesNotContain(failed, f => f.Key.StartsWith('5') || f.Key == "unanswered");

        // The outcome, read from the server by the test itself: posts published, clients' approvals and reads, engagements answered.
        var accountIds = summary["accountIds"]!.AsArray().Select(a => a!.GetValue<string>()).ToList();
        Assert.Equal(6, accountIds.Count);
        using var reader = new HttpClient { BaseAddress = server.Node.BaseAddress };
        reader.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", OperatorToken);
        var start = summary["server"]!["startedAt"]!.GetValue<DateTimeOffset>();
        var range = $"from={Uri.EscapeDataString(start.ToString("O", CultureInfo.InvariantCulture))}&to={Uri.EscapeDataString(start.AddDays(2).ToString("O", CultureInfo.InvariantCulture))}";
        int published = 0, answered = 0, engagements = 0, acknowledged = 0, contacts = 0;
        foreach (var id in accountIds)
        {
            published += (await reader.GetJsonAsync($"/accounts/{id}/calendar?{range}"))["entries"]!.AsArray().Count(e => e!["delivery"]!.GetValue<string>() == "Published");
            var received = (await reader.GetJsonAsync($"/accounts/{id}/engagements"))["engagements"]!.AsArray();
            engagements += received.Count;
            answered += received.Count(e => e!["responses"]!.AsArray().Count > 0);
            acknowledged += (await reader.GetJsonAsync($"/accounts/{id}/reports"))["reports"]!.AsArray().Count(r => r!["acknowledgedAt"] is not null);
            contacts += (await reader.GetJsonAsync($"/accounts/{id}/partnership"))["contacts"]!.AsArray().Count;
        }

        Assert.True(published > 0, $"nothing published\n{console}");
        Assert.True(engagements > 0 && answered > 0, $"engagements {engagements}, answered {answered}\n{console}");
        Assert.True(acknowledged > 0, $"no report acknowledged\n{console}");
        Assert.True(contacts > 0, $"no client contact\n{console}");
        // The rehearsal's own read-back agrees with what the server says.
        var outcome = summary["outcome"]!;
        Assert.Equal(published, outcome["variantsByDelivery"]!["Published"]!.GetValue<int>());
        Assert.Equal(answered, outcome["engagementsAnswered"]!.GetValue<int>());
        Assert.Equal(acknowledged, outcome["reportsAcknowledged"]!.GetValue<int>());
        Assert.Contains("Load:", console.ToString(), StringComparison.Ordinal);
        Assert.Contains("server time", console.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_operator_key_is_refused_plainly_in_one_line()
    {
        using var output = new TempFolder();
        var error = new StringWriter();

        var exit = await SimulateCommand.RunAsync(["--server", server.Node.BaseAddress.ToString(), "--operator-key", "not-the-operator", "--accounts", "2", "--output", output.Path], new StringWriter(), error);

        Assert.Equal(1, exit);
        var message = error.ToString().TrimEnd();
        Assert.DoesNotContain('\n', message);
        Assert.StartsWith("simulate: ", message, StringComparison.Ordinal);
        Assert.Contains("refused the operator key (401 Unauthorized)", message, StringComparison.Ordinal);
        Assert.Contains("--operator-key", message, StringComparison.Ordinal);
        Assert.False(File.Exists(output.File("rehearsal.json")));
    }

    [Fact]
    public async Task An_agency_key_given_as_the_operator_key_is_refused_plainly()
    {
        var agency = $"rehearsal-test-{Guid.NewGuid():N}"[..24];
        using var operatorClient = new HttpClient { BaseAddress = server.Node.BaseAddress };
        operatorClient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", OperatorToken);
        (await operatorClient.PostJsonAsync("/admin/agencies", new { agencyId = agency, name = "Rehearsal test" })).Ok();
        var key = (await operatorClient.PostJsonAsync($"/admin/agencies/{agency}/keys", new { label = "admin", role = "AgencyAdmin", accountIds = Array.Empty<string>() })).Ok()["token"]!.GetValue<string>();
        var error = new StringWriter();

        var exit = await SimulateCommand.RunAsync(["--server", server.Node.BaseAddress.ToString(), "--operator-key", key, "--accounts", "2"], new StringWriter(), error);

        Assert.Equal(1, exit);
        Assert.Contains("403 Forbidden", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("not an agency key", error.ToString(), StringComparison.Ordinal);
    }

    /// <summary>One server for the class: SQLite, a virtual clock still at a Sunday evening (the rehearsal sets it running), posting ticks every 100 ms.</summary>
    public sealed class FastServer : IAsyncLifetime
    {
        private readonly TempFolder _folder = new();
        private ServerProcess? _node;

        public ServerProcess Node => _node ?? throw new InvalidOperationException("Not started.");

        public async Task InitializeAsync() =>
            _node = await ServerProcess.StartAsync(_folder.File("journal.db"),
                "--operator-token", OperatorToken, "--clock", "virtual", "--clock-start", "2027-03-07T20:00:00Z", "--clock-speed", "0", "--tick-ms", "100");

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
