using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using PublishingCluster.Server.Tests.Support;

namespace PublishingCluster.Server.Tests;

/// <summary>
/// Reporting periods closing on the node's clock, here a virtual one the test moves: the coordinators' beat reads
/// it, so moving it a week on closes a week's period within a beat.
/// </summary>
public sealed class ReportsOverHttpTests : IAsyncLifetime
{
    // Monday 1 March 2027, 10:00 in London (GMT until the clocks go forward on Sunday 28 March).
    private static readonly DateTimeOffset Start = new(2027, 3, 1, 10, 0, 0, TimeSpan.Zero);

    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _clock = new(Start);
    private ServerHost _host = null!;
    private HttpClient _admin = null!;
    private HttpClient _reviewer = null!;
    private string _accountId = null!;
    private string _channelId = null!;

    public async Task InitializeAsync()
    {
        _host = await ServerHost.StartAsync(_folder.File("journal.db"), new Dictionary<string, string?> { ["Networks:TickMilliseconds"] = "20" }, _clock);
        _admin = await Tenancy.AgencyAdminAsync(_host, "reporting-agency");
        var weekly = Requests.OpenAccount("Weekly Client").Replace("\"Monthly\"", "\"Weekly\"", StringComparison.Ordinal);
        _accountId = (await _admin.PostJsonAsync("/accounts", weekly)).Ok()["accountId"]!.GetValue<string>();
        _channelId = (await _admin.PostJsonAsync($"/accounts/{_accountId}/channels", Requests.ConnectChannel())).Ok()["channel"]!["channelId"]!.GetValue<string>();
        _reviewer = _host.CreateClient(await Tenancy.IssueKeyAsync(_host, "reporting-agency", "ClientReviewer", _accountId));
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        _reviewer.Dispose();
        await _host.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task A_week_closes_at_local_midnight_into_a_report_of_what_was_published_and_where_goals_stand()
    {
        var postId = await ApprovedPostAsync("Spring menu");
        (await _admin.PostJsonAsync($"/accounts/{_accountId}/posts/{postId}/schedule", """{ "at": "2027-03-02T09:30:00Z" }""")).Ok();
        await MeasureAsync(4000, Start.AddDays(-20));
        await MeasureAsync(5000, Start.AddMinutes(-1));

        var before = await _admin.GetJsonAsync($"/accounts/{_accountId}/reports");
        Assert.Empty(before["reports"]!.AsArray());
        Assert.Equal(new DateTimeOffset(2027, 3, 8, 0, 0, 0, TimeSpan.Zero), before["nextClose"]!.GetValue<DateTimeOffset>());

        _clock.SetUtcNow(new DateTimeOffset(2027, 3, 2, 9, 30, 5, TimeSpan.Zero));
        await WaitForAsync(async () => (await _admin.GetJsonAsync($"/accounts/{_accountId}/posts/{postId}"))["status"]!.GetValue<string>() == "Published");

        _clock.SetUtcNow(new DateTimeOffset(2027, 3, 8, 0, 0, 1, TimeSpan.Zero));
        var report = await ReportAsync("weekly-2027-03-01");

        Assert.Equal("2027-03-01", report["period"]!["from"]!.GetValue<string>());
        Assert.Equal("2027-03-08", report["period"]!["until"]!.GetValue<string>());
        var line = Assert.Single(report["channels"]!.AsArray())!;
        Assert.Equal(5, line["contracted"]!.GetValue<int>()); // LinkedIn, 5 a week
        Assert.Equal(1, line["planned"]!.GetValue<int>());
        Assert.Equal(1, line["published"]!.GetValue<int>());
        Assert.Equal(0, line["failed"]!.GetValue<int>());
        Assert.Empty(report["failures"]!.AsArray());
        var goal = Assert.Single(report["goals"]!.AsArray())!;
        Assert.Equal("signups", goal["goalId"]!.GetValue<string>());
        Assert.Equal(5000m, goal["latest"]!.GetValue<decimal>());
        // From 4,000 to 5,000 in 20 days: a straight line passes 10,000 long before the 2099 deadline.
        Assert.Equal("Green", goal["status"]!.GetValue<string>());
        Assert.Null(report["acknowledgedAt"]);

        var markdown = await _admin.GetAsync($"/accounts/{_accountId}/reports/weekly-2027-03-01?format=markdown");
        Assert.Equal("text/markdown", markdown.Content.Headers.ContentType?.MediaType);
        var text = await markdown.Content.ReadAsStringAsync();
        Assert.Contains("# Weekly Client: Weekly report, 2027-03-01 to 2027-03-07", text);
        Assert.Contains("| LinkedIn contoso-coffee | 5 | 1 | 1 | 0 | 0 |", text);
        Assert.Contains("Not yet acknowledged.", text);
    }

    [Fact]
    public async Task The_client_acknowledges_a_report_once_and_a_repeat_changes_nothing()
    {
        _clock.SetUtcNow(new DateTimeOffset(2027, 3, 8, 0, 0, 1, TimeSpan.Zero));
        await ReportAsync("weekly-2027-03-01");
        _clock.Advance(TimeSpan.FromHours(9));

        var first = (await _reviewer.PostJsonAsync($"/accounts/{_accountId}/reports/weekly-2027-03-01/acknowledge", null)).Ok()["report"]!;
        _clock.Advance(TimeSpan.FromHours(1));
        var again = (await _reviewer.PostJsonAsync($"/accounts/{_accountId}/reports/weekly-2027-03-01/acknowledge", null)).Ok()["report"]!;

        Assert.Equal(new DateTimeOffset(2027, 3, 8, 9, 0, 1, TimeSpan.Zero), first["acknowledgedAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(first["acknowledgedAt"]!.ToJsonString(), again["acknowledgedAt"]!.ToJsonString());
        Assert.False(string.IsNullOrEmpty(first["acknowledgedBy"]!.GetValue<string>()));
        var listed = Assert.Single((await _admin.GetJsonAsync($"/accounts/{_accountId}/reports"))["reports"]!.AsArray())!;
        Assert.NotNull(listed["acknowledgedAt"]);
    }

    [Fact]
    public async Task Every_week_gets_exactly_one_report_and_the_week_the_clocks_go_forward_closes_an_hour_earlier_in_UTC()
    {
        // 22 March to 29 March 2027 in London ends at local midnight, which after the clocks went forward on the
        // 28th is 23:00 UTC.
        _clock.SetUtcNow(new DateTimeOffset(2027, 3, 28, 22, 0, 0, TimeSpan.Zero));
        await WaitForAsync(async () => (await _admin.GetJsonAsync($"/accounts/{_accountId}/reports"))["reports"]!.AsArray().Count == 3);
        var reports = await _admin.GetJsonAsync($"/accounts/{_accountId}/reports");
        Assert.Equal(new DateTimeOffset(2027, 3, 28, 23, 0, 0, TimeSpan.Zero), reports["nextClose"]!.GetValue<DateTimeOffset>());

        _clock.SetUtcNow(new DateTimeOffset(2027, 3, 28, 23, 0, 0, TimeSpan.Zero));
        await WaitForAsync(async () => (await _admin.GetJsonAsync($"/accounts/{_accountId}/reports"))["reports"]!.AsArray().Count == 4);

        var ids = (await _admin.GetJsonAsync($"/accounts/{_accountId}/reports"))["reports"]!.AsArray().Select(r => r!["reportId"]!.GetValue<string>());
        Assert.Equal(["weekly-2027-03-22", "weekly-2027-03-15", "weekly-2027-03-08", "weekly-2027-03-01"], ids);
    }

    [Fact]
    public async Task Unknown_reports_and_goals_and_bad_measurements_are_problems_and_change_nothing()
    {
        var version = (await _admin.GetJsonAsync($"/accounts/{_accountId}"))["version"]!.GetValue<long>();

        (await _admin.SendAsync(HttpMethod.Get, $"/accounts/{_accountId}/reports/weekly-2027-03-01")).Problem(HttpStatusCode.NotFound, "report.not-found", "reportId");
        (await _reviewer.PostJsonAsync($"/accounts/{_accountId}/reports/weekly-2027-03-01/acknowledge", null)).Problem(HttpStatusCode.NotFound, "report.not-found", "reportId");
        (await _admin.SendAsync(HttpMethod.Get, $"/accounts/{_accountId}/reports/x?format=pdf")).Problem(HttpStatusCode.BadRequest, "report.format-unknown", "format");
        (await _admin.PostJsonAsync($"/accounts/{_accountId}/goals/followers/measurements", """{ "value": 1, "measuredAt": "2027-02-01T00:00:00Z" }"""))
            .Problem(HttpStatusCode.NotFound, "goal.not-found", "goalId");
        (await _admin.PostJsonAsync($"/accounts/{_accountId}/goals/signups/measurements", """{ "value": -1, "measuredAt": "2027-02-01T00:00:00Z" }"""))
            .Problem(HttpStatusCode.BadRequest, "goal.value-negative", "value");
        (await _admin.PostJsonAsync($"/accounts/{_accountId}/goals/signups/measurements", """{ "value": 1, "measuredAt": "2027-03-02T00:00:00Z" }"""))
            .Problem(HttpStatusCode.UnprocessableEntity, "goal.measured-in-future", "measuredAt");
        (await _admin.PostJsonAsync($"/accounts/{_accountId}/goals/signups/measurements", """{ "value": 1 }""")).Problem(HttpStatusCode.BadRequest);
        // A reviewer approves and acknowledges; recording measurements is the agency's work.
        (await _reviewer.PostJsonAsync($"/accounts/{_accountId}/goals/signups/measurements", """{ "value": 1, "measuredAt": "2027-02-01T00:00:00Z" }"""))
            .Problem(HttpStatusCode.Forbidden);

        Assert.Equal(version, (await _admin.GetJsonAsync($"/accounts/{_accountId}"))["version"]!.GetValue<long>());
    }

    [Fact]
    public async Task Another_agency_cannot_see_or_acknowledge_an_accounts_reports()
    {
        _clock.SetUtcNow(new DateTimeOffset(2027, 3, 8, 0, 0, 1, TimeSpan.Zero));
        await ReportAsync("weekly-2027-03-01");
        using var other = await Tenancy.AgencyAdminAsync(_host, "other-agency");

        (await other.SendAsync(HttpMethod.Get, $"/accounts/{_accountId}/reports")).Problem(HttpStatusCode.NotFound, "account.not-found");
        (await other.SendAsync(HttpMethod.Get, $"/accounts/{_accountId}/reports/weekly-2027-03-01")).Problem(HttpStatusCode.NotFound, "account.not-found");
        (await other.PostJsonAsync($"/accounts/{_accountId}/reports/weekly-2027-03-01/acknowledge", null)).Problem(HttpStatusCode.NotFound, "account.not-found");
        Assert.Null((await ReportAsync("weekly-2027-03-01"))["acknowledgedAt"]);
    }

    private async Task<string> ApprovedPostAsync(string title)
    {
        var postId = (await _admin.PostJsonAsync($"/accounts/{_accountId}/posts", Requests.CreatePost(_channelId, title: title))).Ok()["postId"]!.GetValue<string>();
        foreach (var step in new[] { "submit", "approve", "client-approve" })
        {
            (await _admin.PostJsonAsync($"/accounts/{_accountId}/posts/{postId}/{step}", null)).Ok();
        }

        return postId;
    }

    private async Task MeasureAsync(decimal value, DateTimeOffset at) =>
        (await _admin.PostJsonAsync($"/accounts/{_accountId}/goals/signups/measurements", new JsonObject { ["value"] = value, ["measuredAt"] = at.ToString("O") }.ToJsonString())).Ok();

    /// <summary>The report, once the coordinators' next beat has made the account close its period.</summary>
    private async Task<JsonNode> ReportAsync(string reportId)
    {
        JsonNode? report = null;
        await WaitForAsync(async () =>
        {
            var (status, body, _) = await _admin.SendAsync(HttpMethod.Get, $"/accounts/{_accountId}/reports/{reportId}");
            report = status == HttpStatusCode.OK ? body!["report"] : null;
            return report is not null;
        });
        return report!;
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The node did not get there within 20 s.");
            await Task.Delay(20);
        }
    }
}
