using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using PublishingCluster.Server.Tests.Support;

namespace PublishingCluster.Server.Tests;

/// <summary>
/// Engagements and escalations over HTTP on the real SQLite journal, with the node's clock a virtual one the test
/// moves: deadlines pass and ladders climb within a coordinators' beat of the clock reaching them.
/// </summary>
public sealed class EscalationsOverHttpTests : IAsyncLifetime
{
    // Monday 1 March 2027, 10:00 in London: a negative engagement must be answered within 30 business minutes.
    private static readonly DateTimeOffset Start = new(2027, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private const string Agency = "escalating-agency";

    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _clock = new(Start);
    private ServerHost _host = null!;
    private HttpClient _admin = null!;
    private HttpClient _manager = null!;
    private string _accountId = null!;
    private string _channelId = null!;

    public async Task InitializeAsync()
    {
        _host = await ServerHost.StartAsync(_folder.File("journal.db"), new Dictionary<string, string?> { ["Networks:TickMilliseconds"] = "20" }, _clock);
        _admin = await Tenancy.AgencyAdminAsync(_host, Agency);
        _accountId = await OpenAccountAsync("Escalating Client");
        _channelId = (await _admin.PostJsonAsync($"/accounts/{_accountId}/channels", Requests.ConnectChannel())).Ok()["channel"]!["channelId"]!.GetValue<string>();
        _manager = _host.CreateClient(await Tenancy.IssueKeyAsync(_host, Agency, "AccountManager", _accountId));
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        _manager.Dispose();
        await _host.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task The_ladder_climbs_on_the_virtual_clock_exactly_as_configured_and_stops_when_acknowledged()
    {
        var received = (await ReceiveAsync("e-1", "Terrible service, I want a refund", Start)).Ok()["engagement"]!;
        Assert.Equal("Negative", received["sentiment"]!.GetValue<string>());
        Assert.Equal(Start.AddMinutes(30), received["respondBy"]!.GetValue<DateTimeOffset>());

        _clock.SetUtcNow(Start.AddMinutes(30));
        var raised = await EscalationAsync("sla-breach-e-1", e => e["level"]!.GetValue<string>() == "AccountManager");
        Assert.Equal(("SlaBreach", "e-1", "Ada Byron"), (raised["cause"]!.GetValue<string>(), raised["subject"]!.GetValue<string>(), raised["assignee"]!.GetValue<string>()));
        Assert.Equal(Start.AddMinutes(30), raised["raisedAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(Start.AddMinutes(90), raised["nextClimbAt"]!.GetValue<DateTimeOffset>());

        _clock.SetUtcNow(Start.AddMinutes(90));
        var climbed = await EscalationAsync("sla-breach-e-1", e => e["level"]!.GetValue<string>() == "AgencyLead");
        Assert.Equal("Linus Lead", climbed["assignee"]!.GetValue<string>());
        Assert.Equal(Start.AddMinutes(90 + 120), climbed["nextClimbAt"]!.GetValue<DateTimeOffset>());

        _clock.SetUtcNow(Start.AddMinutes(100));
        var acknowledged = (await _manager.PostJsonAsync($"/accounts/{_accountId}/escalations/sla-breach-e-1/acknowledge", null)).Ok()["escalation"]!;
        Assert.Equal(Start.AddMinutes(100), acknowledged["acknowledgedAt"]!.GetValue<DateTimeOffset>());
        Assert.Null(acknowledged["nextClimbAt"]);

        // Long past the next climb: nothing moves. A response deadline of a later engagement is the proof that the
        // account was woken and checked after the climb would have been due.
        await ReceiveAsync("e-2", "Still waiting, awful", Start.AddMinutes(100));
        _clock.SetUtcNow(Start.AddDays(2));
        await EscalationAsync("sla-breach-e-2", _ => true);
        var after = await EscalationAsync("sla-breach-e-1", _ => true);
        Assert.Equal("AgencyLead", after["level"]!.GetValue<string>());
        Assert.Null(after["nextClimbAt"]);

        var agency = await WaitForAgencyAsync("?cause=SlaBreach", list => list.Count == 2);
        Assert.All(agency, e => Assert.Equal(_accountId, e!["accountId"]!.GetValue<string>()));
        Assert.Contains(agency, e => e!["escalation"]!["escalationId"]!.GetValue<string>() == "sla-breach-e-1" && e["escalation"]!["acknowledgedAt"] is not null);
        Assert.Single((await _admin.GetJsonAsync($"/accounts/{_accountId}/escalations?level=AgencyLead"))["escalations"]!.AsArray());
        Assert.Empty((await _admin.GetJsonAsync($"/accounts/{_accountId}/escalations?open=false"))["escalations"]!.AsArray());
        Assert.Equal(2, (await _admin.GetJsonAsync($"/accounts/{_accountId}/escalations?open=true&cause=SlaBreach"))["escalations"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_negative_spike_escalates_when_the_fifth_angry_engagement_within_an_hour_arrives()
    {
        for (var i = 1; i <= 4; i++)
        {
            await ReceiveAsync($"e-{i}", "The order was late and cold", Start.AddMinutes(-10 + i));
        }

        Assert.Empty((await _admin.GetJsonAsync($"/accounts/{_accountId}/escalations?cause=NegativeSpike"))["escalations"]!.AsArray());
        await ReceiveAsync("e-5", "Worst coffee ever", Start.AddMinutes(-5));

        var spike = Assert.Single((await _admin.GetJsonAsync($"/accounts/{_accountId}/escalations?cause=NegativeSpike"))["escalations"]!.AsArray())!;
        Assert.Equal(("negative-spike-e-5", "AccountManager"), (spike["escalationId"]!.GetValue<string>(), spike["level"]!.GetValue<string>()));
        var agency = await WaitForAgencyAsync("?cause=NegativeSpike", list => list.Count == 1);
        Assert.Equal("negative-spike-e-5", agency[0]!["escalation"]!["escalationId"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_post_that_missed_its_time_by_more_than_a_day_fails_for_a_person_and_escalates()
    {
        var postId = (await _admin.PostJsonAsync($"/accounts/{_accountId}/posts", Requests.CreatePost(_channelId))).Ok()["postId"]!.GetValue<string>();
        foreach (var step in new[] { "submit", "approve", "client-approve" })
        {
            (await _admin.PostJsonAsync($"/accounts/{_accountId}/posts/{postId}/{step}", null)).Ok();
        }

        (await _admin.PostJsonAsync($"/accounts/{_accountId}/posts/{postId}/schedule", """{ "at": "2027-03-01T11:00:00Z" }""")).Ok();

        // The node was down for a day and more: on waking, the post is too late to send and a person must decide.
        _clock.SetUtcNow(Start.AddHours(27));
        var escalation = await EscalationAsync($"publish-needs-human-{postId}", _ => true);

        Assert.Equal(("PublishNeedsHuman", postId), (escalation["cause"]!.GetValue<string>(), escalation["subject"]!.GetValue<string>()));
        Assert.Equal("Failed", (await _admin.GetJsonAsync($"/accounts/{_accountId}/posts/{postId}"))["status"]!.GetValue<string>());
        await WaitForAgencyAsync("?cause=PublishNeedsHuman", list => list.Count == 1);
    }

    [Fact]
    public async Task A_report_left_unacknowledged_for_the_contracts_days_escalates_to_the_account_manager()
    {
        _clock.SetUtcNow(new DateTimeOffset(2027, 3, 8, 0, 0, 1, TimeSpan.Zero));
        await WaitForAsync(async () => (await _admin.GetJsonAsync($"/accounts/{_accountId}/reports"))["reports"]!.AsArray().Count == 1);
        Assert.Empty((await _admin.GetJsonAsync($"/accounts/{_accountId}/escalations"))["escalations"]!.AsArray());

        // The contract gives the client two days to acknowledge.
        _clock.SetUtcNow(new DateTimeOffset(2027, 3, 10, 0, 0, 1, TimeSpan.Zero));
        var escalation = await EscalationAsync("report-not-acknowledged-weekly-2027-03-01", _ => true);

        Assert.Equal(("ReportNotAcknowledged", "weekly-2027-03-01"), (escalation["cause"]!.GetValue<string>(), escalation["subject"]!.GetValue<string>()));
        Assert.Equal(new DateTimeOffset(2027, 3, 10, 0, 0, 1, TimeSpan.Zero), escalation["raisedAt"]!.GetValue<DateTimeOffset>());
        (await _manager.PostJsonAsync($"/accounts/{_accountId}/escalations/{escalation["escalationId"]!.GetValue<string>()}/resolve", null)).Ok();
        Assert.Single((await _admin.GetJsonAsync($"/accounts/{_accountId}/escalations?open=false"))["escalations"]!.AsArray());
        await WaitForAgencyAsync("?open=false&cause=ReportNotAcknowledged", list => list.Count == 1);
    }

    [Fact]
    public async Task Engagements_are_answered_assigned_closed_and_listed_and_a_repeat_changes_nothing()
    {
        (await ReceiveAsync("e-1", "When do you open on Sunday?", Start.AddMinutes(-1))).Ok();
        (await ReceiveAsync("e-2", "Love the new blend", Start.AddMinutes(-2))).Ok();
        var version = await VersionAsync();

        var repeat = await ReceiveAsync("e-1", "When do you open on Sunday?", Start.AddMinutes(-1));
        Assert.Equal(HttpStatusCode.OK, repeat.Status);
        Assert.Equal(version, await VersionAsync());

        (await _manager.PostJsonAsync($"/accounts/{_accountId}/engagements/e-1/assign", """{ "to": "ada" }""")).Ok();
        var answered = (await _manager.PostJsonAsync($"/accounts/{_accountId}/engagements/e-1/respond", """{ "text": "From nine." }""")).Ok()["engagement"]!;
        var closed = (await _manager.PostJsonAsync($"/accounts/{_accountId}/engagements/e-1/close", null)).Ok()["engagement"]!;

        Assert.Equal("ada", answered["assignedTo"]!.GetValue<string>());
        Assert.Equal("From nine.", answered["responses"]![0]!["text"]!.GetValue<string>());
        Assert.Equal(Start, closed["closedAt"]!.GetValue<DateTimeOffset>());
        var open = (await _admin.GetJsonAsync($"/accounts/{_accountId}/engagements?open=true"))["engagements"]!.AsArray();
        Assert.Equal("e-2", Assert.Single(open)!["engagementId"]!.GetValue<string>());
        Assert.Equal(["e-1", "e-2"], (await _admin.GetJsonAsync($"/accounts/{_accountId}/engagements"))["engagements"]!.AsArray().Select(e => e!["engagementId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Bad_engagement_and_escalation_requests_are_clear_problems_and_store_nothing()
    {
        (await ReceiveAsync("e-1", "Terrible, I want a refund", Start)).Ok();
        (await _manager.PostJsonAsync($"/accounts/{_accountId}/engagements/e-1/close", null)).Ok();
        _clock.SetUtcNow(Start.AddMinutes(30));
        (await ReceiveAsync("e-2", "Awful and cold", Start)).Ok();
        _clock.SetUtcNow(Start.AddMinutes(31));
        await EscalationAsync("sla-breach-e-2", _ => true);
        (await _manager.PostJsonAsync($"/accounts/{_accountId}/escalations/sla-breach-e-2/acknowledge", null)).Ok();
        var version = await VersionAsync();

        (await _manager.PostJsonAsync($"/accounts/{_accountId}/engagements/e-9/respond", """{ "text": "Hello" }""")).Problem(HttpStatusCode.NotFound, "engagement.not-found", "engagementId");
        (await _manager.PostJsonAsync($"/accounts/{_accountId}/engagements/e-9/assign", """{ "to": "ada" }""")).Problem(HttpStatusCode.NotFound, "engagement.not-found", "engagementId");
        (await _manager.PostJsonAsync($"/accounts/{_accountId}/engagements/e-9/close", null)).Problem(HttpStatusCode.NotFound, "engagement.not-found", "engagementId");
        (await _admin.SendAsync(HttpMethod.Get, $"/accounts/{_accountId}/engagements/e-9")).Problem(HttpStatusCode.NotFound, "engagement.not-found", "engagementId");
        (await _manager.PostJsonAsync($"/accounts/{_accountId}/engagements/e-1/respond", """{ "text": "Sorry!" }""")).Problem(HttpStatusCode.Conflict, "engagement.closed", "engagementId");
        (await _manager.PostJsonAsync($"/accounts/{_accountId}/engagements/e-1/assign", """{ "to": "ada" }""")).Problem(HttpStatusCode.Conflict, "engagement.closed", "engagementId");
        (await _manager.PostJsonAsync($"/accounts/{_accountId}/engagements/e-2/respond", """{ "text": " " }""")).Problem(HttpStatusCode.BadRequest, "engagement.text-missing", "text");
        (await _manager.PostJsonAsync($"/accounts/{_accountId}/engagements/e-2/respond", """{ "words": "Hi" }""")).Problem(HttpStatusCode.BadRequest);
        (await ReceiveAsync("e-1", "Other words", Start)).Problem(HttpStatusCode.Conflict, "engagement.id-taken", "engagementId");
        (await ReceiveAsync("e-3", "Hello", Start.AddMinutes(40))).Problem(HttpStatusCode.UnprocessableEntity, "engagement.received-in-future", "receivedAt");
        (await ReceiveAsync("e 3", "Hello", Start)).Problem(HttpStatusCode.BadRequest, "engagement.id-invalid", "engagementId");
        (await ReceiveAsync("e-3", new string('x', 5001), Start)).Problem(HttpStatusCode.BadRequest, "engagement.text-too-long", "text");
        (await ReceiveAsync("e-3", "Hello", Start, channelId: "ch_none")).Problem(HttpStatusCode.NotFound, "channel.not-found", "channelId");
        (await _admin.PostJsonAsync($"/accounts/{_accountId}/engagements", """{ "engagementId": "e-4", "channelId": "x", "kind": "Shout", "author": "a", "text": "b", "receivedAt": "2027-03-01T09:00:00Z" }"""))
            .Problem(HttpStatusCode.BadRequest);

        // Acknowledging again is answered as the first acknowledgement and records nothing.
        var again = (await _manager.PostJsonAsync($"/accounts/{_accountId}/escalations/sla-breach-e-2/acknowledge", null)).Ok()["escalation"]!;
        Assert.Equal(Start.AddMinutes(31), again["acknowledgedAt"]!.GetValue<DateTimeOffset>());
        (await _manager.PostJsonAsync($"/accounts/{_accountId}/escalations/sla-breach-e-9/acknowledge", null)).Problem(HttpStatusCode.NotFound, "escalation.not-found", "escalationId");
        (await _manager.PostJsonAsync($"/accounts/{_accountId}/escalations/sla-breach-e-9/resolve", null)).Problem(HttpStatusCode.NotFound, "escalation.not-found", "escalationId");
        (await _admin.SendAsync(HttpMethod.Get, $"/accounts/{_accountId}/escalations?open=maybe")).Problem(HttpStatusCode.BadRequest, "query.invalid", "open");
        (await _admin.SendAsync(HttpMethod.Get, $"/accounts/{_accountId}/escalations?cause=Boredom")).Problem(HttpStatusCode.BadRequest, "query.invalid", "cause");
        (await _admin.SendAsync(HttpMethod.Get, $"/accounts/{_accountId}/escalations?level=1")).Problem(HttpStatusCode.BadRequest, "query.invalid", "level");
        (await _admin.SendAsync(HttpMethod.Get, "/agency/escalations?level=CEO")).Problem(HttpStatusCode.BadRequest, "query.invalid", "level");
        (await _admin.SendAsync(HttpMethod.Get, $"/accounts/{_accountId}/engagements?open=yes")).Problem(HttpStatusCode.BadRequest, "query.invalid", "open");

        Assert.Equal(version, await VersionAsync());
    }

    [Fact]
    public async Task Another_agency_sees_none_of_the_accounts_engagements_or_escalations()
    {
        (await ReceiveAsync("e-1", "Terrible, I want a refund", Start)).Ok();
        _clock.SetUtcNow(Start.AddMinutes(30));
        await EscalationAsync("sla-breach-e-1", _ => true);
        await WaitForAgencyAsync(string.Empty, list => list.Count == 1);
        using var other = await Tenancy.AgencyAdminAsync(_host, "other-agency");

        (await other.SendAsync(HttpMethod.Get, $"/accounts/{_accountId}/engagements")).Problem(HttpStatusCode.NotFound, "account.not-found");
        (await other.SendAsync(HttpMethod.Get, $"/accounts/{_accountId}/escalations")).Problem(HttpStatusCode.NotFound, "account.not-found");
        (await other.PostJsonAsync($"/accounts/{_accountId}/escalations/sla-breach-e-1/acknowledge", null)).Problem(HttpStatusCode.NotFound, "account.not-found");
        Assert.Empty((await other.GetJsonAsync("/agency/escalations"))["escalations"]!.AsArray());
    }

    [Fact]
    public async Task The_agencys_list_shows_only_the_accounts_a_key_may_see_and_the_operator_has_no_agency_to_list()
    {
        var second = await OpenAccountAsync("Second Client");
        var channel = (await _admin.PostJsonAsync($"/accounts/{second}/channels", Requests.ConnectChannel())).Ok()["channel"]!["channelId"]!.GetValue<string>();
        (await ReceiveAsync("e-1", "Terrible, I want a refund", Start.AddHours(-2))).Ok();
        (await _admin.PostJsonAsync($"/accounts/{second}/engagements", new JsonObject
        {
            ["engagementId"] = "e-1",
            ["channelId"] = channel,
            ["kind"] = "Review",
            ["author"] = "@b",
            ["text"] = "Awful",
            ["receivedAt"] = Start.AddHours(-2).ToString("O"),
        }.ToJsonString())).Ok();

        var all = await WaitForAgencyAsync(string.Empty, list => list.Count == 2);
        var managers = (await _manager.GetJsonAsync("/agency/escalations"))["escalations"]!.AsArray();

        Assert.Equal(new[] { _accountId, second }.Order(StringComparer.Ordinal), all.Select(e => e!["accountId"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.Equal(_accountId, Assert.Single(managers)!["accountId"]!.GetValue<string>());
        (await _host.Operator.SendAsync(HttpMethod.Get, "/agency/escalations")).Problem(HttpStatusCode.BadRequest, "agency.required", "agency");
    }

    private async Task<string> OpenAccountAsync(string name)
    {
        // Weekly reports, an agency lead on the ladder, and short rungs: an hour, then two, then the client.
        var request = JsonNode.Parse(Requests.OpenAccount(name))!;
        var contract = request["contract"]!;
        contract["reportingCadence"] = "Weekly";
        contract["roles"]!["agencyLead"] = "Linus Lead";
        contract["escalation"] = new JsonObject { ["accountManagerMinutes"] = 60, ["agencyLeadMinutes"] = 120, ["reportAcknowledgementDays"] = 2 };
        return (await _admin.PostJsonAsync("/accounts", request.ToJsonString())).Ok()["accountId"]!.GetValue<string>();
    }

    private Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> ReceiveAsync(string engagementId, string text, DateTimeOffset at, string? channelId = null) =>
        _admin.PostJsonAsync($"/accounts/{_accountId}/engagements", new JsonObject
        {
            ["engagementId"] = engagementId,
            ["channelId"] = channelId ?? _channelId,
            ["kind"] = "Comment",
            ["author"] = "@reader",
            ["text"] = text,
            ["receivedAt"] = at.ToString("O"),
        }.ToJsonString());

    private async Task<long> VersionAsync() => (await _admin.GetJsonAsync($"/accounts/{_accountId}"))["version"]!.GetValue<long>();

    private Task<JsonNode> EscalationAsync(string escalationId, Func<JsonNode, bool> matches) =>
        AccountWatch.EscalationAsync(_admin, _accountId, escalationId, matches);

    private Task<JsonArray> WaitForAgencyAsync(string query, Func<JsonArray, bool> done) => AccountWatch.AgencyEscalationsAsync(_admin, query, done);

    private static Task WaitForAsync(Func<Task<bool>> condition) => AccountWatch.UntilAsync(condition);
}
