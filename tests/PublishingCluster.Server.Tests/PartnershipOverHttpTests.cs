using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using PublishingCluster.Server.Tests.Support;

namespace PublishingCluster.Server.Tests;

/// <summary>
/// The partnership's escalation causes end to end over HTTP on the real SQLite journal, with the node's clock a virtual
/// one the test moves: a content request overdue, a post waiting too long for the client, a recommendation ignored,
/// a contact above the contact policy, and a period whose partnership health fell below the threshold. Also the
/// engagement and partnership sections of the period report, and every bad request a caller can make.
/// </summary>
public sealed class PartnershipOverHttpTests : IAsyncLifetime
{
    // Monday 1 March 2027, 10:00 in London; weekly reports, so the first period closes on Monday 8 March.
    private static readonly DateTimeOffset Start = new(2027, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private const string Agency = "partnering-agency";

    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _clock = new(Start);
    private ServerHost _host = null!;
    private HttpClient _admin = null!;
    private string _accountId = null!;
    private string _channelId = null!;

    public async Task InitializeAsync()
    {
        _host = await ServerHost.StartAsync(_folder.File("journal.db"), new Dictionary<string, string?> { ["Networks:TickMilliseconds"] = "20" }, _clock);
        _admin = await Tenancy.AgencyAdminAsync(_host, Agency);
        _accountId = await OpenAccountAsync("Partnering Client");
        _channelId = (await _admin.PostJsonAsync($"/accounts/{_accountId}/channels", Requests.ConnectChannel())).Ok()["channel"]!["channelId"]!.GetValue<string>();
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _host.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task Content_not_delivered_by_its_due_date_escalates_and_delivering_it_resolves_the_escalation()
    {
        var requested = await RequestContentAsync("cr-1", "Photos of the spring range", Start.AddDays(2));
        Assert.Equal(HttpStatusCode.Created, requested.Status);
        Assert.Equal(("cr-1", "Photos of the spring range"), (requested.Body!["requestId"]!.GetValue<string>(), requested.Body["what"]!.GetValue<string>()));

        _clock.SetUtcNow(Start.AddDays(2).AddMinutes(1));
        var escalation = await EscalationAsync("content-request-overdue-cr-1", _ => true);
        Assert.Equal(("ContentRequestOverdue", "cr-1"), (escalation["cause"]!.GetValue<string>(), escalation["subject"]!.GetValue<string>()));
        Assert.Equal(Start.AddDays(2), escalation["raisedAt"]!.GetValue<DateTimeOffset>());

        var delivered = (await _admin.PostJsonAsync($"/accounts/{_accountId}/content-requests/cr-1/deliver", null)).Ok();
        Assert.Equal(Start.AddDays(2).AddMinutes(1), delivered["deliveredAt"]!.GetValue<DateTimeOffset>());
        var resolved = await EscalationAsync("content-request-overdue-cr-1", e => e["resolvedAt"] is not null);
        Assert.Null(resolved["nextClimbAt"]);

        var health = (await _admin.GetJsonAsync($"/accounts/{_accountId}/partnership"))["health"]!;
        Assert.Contains(health["reasons"]!.AsArray(), r => r!.GetValue<string>().StartsWith("1 of 1 content requests late", StringComparison.Ordinal));
        Assert.Equal(70, health["score"]!.GetValue<int>());
        await WaitForAgencyAsync("?cause=ContentRequestOverdue&open=false", list => list.Count == 1);
    }

    [Fact]
    public async Task A_post_left_with_the_client_beyond_the_turnaround_escalates_and_the_clients_answer_resolves_it()
    {
        var postId = (await _admin.PostJsonAsync($"/accounts/{_accountId}/posts", Requests.CreatePost(_channelId))).Ok()["postId"]!.GetValue<string>();
        (await _admin.PostJsonAsync($"/accounts/{_accountId}/posts/{postId}/submit", null)).Ok();
        (await _admin.PostJsonAsync($"/accounts/{_accountId}/posts/{postId}/approve", null)).Ok();

        // The contract gives the client four hours.
        _clock.SetUtcNow(Start.AddHours(4));
        var escalation = await EscalationAsync($"approval-overdue-{postId}", _ => true);
        Assert.Equal(("ApprovalOverdue", postId, Start.AddHours(4)), (escalation["cause"]!.GetValue<string>(), escalation["subject"]!.GetValue<string>(), escalation["raisedAt"]!.GetValue<DateTimeOffset>()));

        _clock.SetUtcNow(Start.AddHours(5));
        (await _admin.PostJsonAsync($"/accounts/{_accountId}/posts/{postId}/client-approve", null)).Ok();
        var resolved = await EscalationAsync($"approval-overdue-{postId}", e => e["resolvedAt"] is not null);
        Assert.Equal("Grace Hopper", resolved["resolvedBy"]!.GetValue<string>());

        var approval = Assert.Single((await _admin.GetJsonAsync($"/accounts/{_accountId}/partnership"))["approvals"]!.AsArray())!;
        Assert.Equal((Start, Start.AddHours(5)), (approval["sentAt"]!.GetValue<DateTimeOffset>(), approval["answeredAt"]!.GetValue<DateTimeOffset>()));
    }

    [Fact]
    public async Task A_recommendation_ignored_past_its_review_date_escalates_and_the_first_answer_stands()
    {
        (await RecommendAsync("rec-1", "Post video on Fridays", Start.AddDays(3))).Ok();
        (await RecommendAsync("rec-2", "Answer reviews within a day", Start.AddDays(10))).Ok();
        (await _admin.PostJsonAsync($"/accounts/{_accountId}/recommendations/rec-2/answer", """{ "accepted": true }""")).Ok();

        _clock.SetUtcNow(Start.AddDays(3).AddSeconds(1));
        var escalation = await EscalationAsync("recommendation-ignored-rec-1", _ => true);
        Assert.Equal(("RecommendationIgnored", Start.AddDays(3)), (escalation["cause"]!.GetValue<string>(), escalation["raisedAt"]!.GetValue<DateTimeOffset>()));
        Assert.DoesNotContain((await _admin.GetJsonAsync($"/accounts/{_accountId}/escalations"))["escalations"]!.AsArray(),
            e => e!["subject"]!.GetValue<string>() == "rec-2");

        var declined = (await _admin.PostJsonAsync($"/accounts/{_accountId}/recommendations/rec-1/answer", """{ "accepted": false }""")).Ok();
        Assert.Equal("Declined", declined["outcome"]!.GetValue<string>());
        await EscalationAsync("recommendation-ignored-rec-1", e => e["resolvedAt"] is not null);
        var version = await VersionAsync();

        (await _admin.PostJsonAsync($"/accounts/{_accountId}/recommendations/rec-1/answer", """{ "accepted": false }""")).Ok();
        (await _admin.PostJsonAsync($"/accounts/{_accountId}/recommendations/rec-1/answer", """{ "accepted": true }"""))
            .Problem(HttpStatusCode.Conflict, "recommendation.already-answered", "accepted");
        Assert.Equal(version, await VersionAsync());
    }

    [Fact]
    public async Task The_contact_that_takes_the_week_above_the_contact_policy_escalates()
    {
        // The contract allows two contacts a week.
        (await ContactAsync("call-1", Start.AddDays(-6))).Ok();
        (await ContactAsync("call-2", Start.AddDays(-1))).Ok();
        Assert.Empty((await _admin.GetJsonAsync($"/accounts/{_accountId}/escalations"))["escalations"]!.AsArray());

        var third = await ContactAsync("call-3", Start.AddMinutes(-5));
        Assert.Equal(HttpStatusCode.Created, third.Status);

        var escalation = Assert.Single((await _admin.GetJsonAsync($"/accounts/{_accountId}/escalations?cause=ContactAbovePolicy"))["escalations"]!.AsArray())!;
        Assert.Equal(("contact-above-policy-call-3", "call-3"), (escalation["escalationId"]!.GetValue<string>(), escalation["subject"]!.GetValue<string>()));

        // Six days on, only the third is in the week before the fourth: within the policy again.
        _clock.SetUtcNow(Start.AddDays(6));
        (await ContactAsync("call-4", Start.AddDays(6))).Ok();
        Assert.Single((await _admin.GetJsonAsync($"/accounts/{_accountId}/escalations?cause=ContactAbovePolicy"))["escalations"]!.AsArray());
        await WaitForAgencyAsync("?cause=ContactAbovePolicy", list => list.Count == 1);
    }

    [Fact]
    public async Task A_period_closing_below_the_health_threshold_escalates_and_the_report_shows_health_and_engagement()
    {
        await RequestContentAsync("cr-1", "Product brief", Start.AddDays(1));
        (await RecommendAsync("rec-1", "Post video on Fridays", Start.AddDays(2))).Ok();
        (await ReceiveAsync("e-1", "When do you open on Sunday?", Start)).Ok();
        (await ReceiveAsync("e-2", "Do you ship abroad?", Start.AddMinutes(-1))).Ok();
        _clock.SetUtcNow(Start.AddMinutes(45));
        (await _admin.PostJsonAsync($"/accounts/{_accountId}/engagements/e-1/respond", """{ "text": "From nine." }""")).Ok();

        // The week closes on Monday 8 March at midnight in London: the brief never came, the recommendation was
        // ignored, e-2 was never answered. Content 0 of 1 and recommendations 0 of 1: 100 - 30 - 15 = 55, below 60.
        _clock.SetUtcNow(new DateTimeOffset(2027, 3, 8, 0, 0, 1, TimeSpan.Zero));
        var escalation = await EscalationAsync("partnership-at-risk-weekly-2027-03-01", _ => true);
        Assert.Equal("PartnershipAtRisk", escalation["cause"]!.GetValue<string>());

        var report = (await _admin.GetJsonAsync($"/accounts/{_accountId}/reports/weekly-2027-03-01"))["report"]!;
        var partnership = report["partnership"]!;
        Assert.Equal((55, "AtRisk", "First"), (partnership["score"]!.GetValue<int>(), partnership["band"]!.GetValue<string>(), partnership["trend"]!.GetValue<string>()));
        Assert.Equal(2, partnership["reasons"]!.AsArray().Count);
        var engagement = report["engagement"]!;
        Assert.Equal((2, 1, 0.5m), (engagement["received"]!.GetValue<int>(), engagement["responded"]!.GetValue<int>(), engagement["responseRate"]!.GetValue<decimal>()));
        Assert.Equal(TimeSpan.FromMinutes(45), TimeSpan.Parse(engagement["firstResponseP50"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(1, engagement["slaBreaches"]!.GetValue<int>());

        var markdown = await (await _admin.GetAsync($"/accounts/{_accountId}/reports/weekly-2027-03-01?format=markdown")).Content.ReadAsStringAsync();
        Assert.Contains("Partnership health: 55", markdown, StringComparison.Ordinal);
        Assert.Contains("Response rate: 50 %", markdown, StringComparison.Ordinal);

        var trend = Assert.Single((await _admin.GetJsonAsync($"/accounts/{_accountId}/partnership"))["trend"]!.AsArray())!;
        Assert.Equal(("weekly-2027-03-01", 55), (trend["reportId"]!.GetValue<string>(), trend["score"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Repeats_change_nothing_and_bad_requests_are_clear_problems_that_store_nothing()
    {
        (await RequestContentAsync("cr-1", "Photos", Start.AddDays(2))).Ok();
        (await RecommendAsync("rec-1", "Post video on Fridays", Start.AddDays(3))).Ok();
        (await ContactAsync("call-1", Start.AddHours(-1))).Ok();
        (await _admin.PostJsonAsync($"/accounts/{_accountId}/content-requests/cr-1/deliver", null)).Ok();
        var version = await VersionAsync();

        Assert.Equal(HttpStatusCode.OK, (await RequestContentAsync("cr-1", "Photos", Start.AddDays(2))).Status);
        Assert.Equal(HttpStatusCode.OK, (await RecommendAsync("rec-1", "Post video on Fridays", Start.AddDays(3))).Status);
        Assert.Equal(HttpStatusCode.OK, (await ContactAsync("call-1", Start.AddHours(-1))).Status);
        Assert.Equal(HttpStatusCode.OK, (await _admin.PostJsonAsync($"/accounts/{_accountId}/content-requests/cr-1/deliver", null)).Status);

        (await RequestContentAsync("cr-1", "Other photos", Start.AddDays(2))).Problem(HttpStatusCode.Conflict, "content-request.id-taken", "requestId");
        (await RequestContentAsync("cr-2", "Photos", Start.AddMinutes(-1))).Problem(HttpStatusCode.UnprocessableEntity, "content-request.dueBy-in-past", "dueBy");
        (await RequestContentAsync("cr-2", "Photos", Start.AddDays(400))).Problem(HttpStatusCode.UnprocessableEntity, "content-request.dueBy-too-far", "dueBy");
        (await RequestContentAsync("cr-2", " ", Start.AddDays(2))).Problem(HttpStatusCode.BadRequest, "partnership.text-missing", "what");
        (await RequestContentAsync("cr 2", "Photos", Start.AddDays(2))).Problem(HttpStatusCode.BadRequest, "partnership.id-invalid", "requestId");
        (await _admin.PostJsonAsync($"/accounts/{_accountId}/content-requests", """{ "requestId": "cr-3", "what": "Photos", "dueBy": "soon" }""")).Problem(HttpStatusCode.BadRequest);
        (await _admin.PostJsonAsync($"/accounts/{_accountId}/content-requests", """{ "requestId": "cr-3", """)).Problem(HttpStatusCode.BadRequest);
        (await _admin.PostJsonAsync($"/accounts/{_accountId}/content-requests/cr-9/deliver", null)).Problem(HttpStatusCode.NotFound, "content-request.not-found", "requestId");
        (await RecommendAsync("rec-1", "Other advice", Start.AddDays(3))).Problem(HttpStatusCode.Conflict, "recommendation.id-taken", "recommendationId");
        (await RecommendAsync("rec-2", "Advice", Start)).Problem(HttpStatusCode.UnprocessableEntity, "recommendation.reviewBy-in-past", "reviewBy");
        (await _admin.PostJsonAsync($"/accounts/{_accountId}/recommendations/rec-9/answer", """{ "accepted": true }""")).Problem(HttpStatusCode.NotFound, "recommendation.not-found", "recommendationId");
        (await _admin.PostJsonAsync($"/accounts/{_accountId}/recommendations/rec-1/answer", """{ "accepted": "perhaps" }""")).Problem(HttpStatusCode.BadRequest);
        (await ContactAsync("call-1", Start.AddHours(-2))).Problem(HttpStatusCode.Conflict, "contact.id-taken", "contactId");
        (await ContactAsync("call-2", Start.AddHours(1))).Problem(HttpStatusCode.UnprocessableEntity, "contact.in-future", "occurredAt");
        (await ContactAsync("call-2", Start.AddDays(-400))).Problem(HttpStatusCode.UnprocessableEntity, "contact.too-long-ago", "occurredAt");
        (await _admin.PostJsonAsync($"/accounts/{_accountId}/contacts", """{ "contactId": "call-3", "medium": "Pigeon", "summary": "Hi", "occurredAt": "2027-03-01T09:00:00Z" }""")).Problem(HttpStatusCode.BadRequest);
        (await _admin.PostJsonAsync("/accounts/acc_none/content-requests", """{ "requestId": "cr-3", "what": "Photos", "dueBy": "2027-03-05T09:00:00Z" }""")).Problem(HttpStatusCode.NotFound, "account.not-found");
        (await _admin.SendAsync(HttpMethod.Get, "/accounts/acc_none/partnership")).Problem(HttpStatusCode.NotFound, "account.not-found");

        Assert.Equal(version, await VersionAsync());
    }

    [Fact]
    public async Task Another_agency_can_neither_read_nor_change_the_partnership()
    {
        (await RequestContentAsync("cr-1", "Photos", Start.AddDays(2))).Ok();
        using var other = await Tenancy.AgencyAdminAsync(_host, "other-partnering-agency");
        var version = await VersionAsync();

        (await other.SendAsync(HttpMethod.Get, $"/accounts/{_accountId}/partnership")).Problem(HttpStatusCode.NotFound, "account.not-found");
        (await other.PostJsonAsync($"/accounts/{_accountId}/content-requests/cr-1/deliver", null)).Problem(HttpStatusCode.NotFound, "account.not-found");
        (await other.PostJsonAsync($"/accounts/{_accountId}/content-requests", """{ "requestId": "cr-2", "what": "Photos", "dueBy": "2027-03-05T09:00:00Z" }""")).Problem(HttpStatusCode.NotFound, "account.not-found");
        (await other.PostJsonAsync($"/accounts/{_accountId}/contacts", """{ "contactId": "c-1", "medium": "Phone", "summary": "Hi", "occurredAt": "2027-03-01T09:00:00Z" }""")).Problem(HttpStatusCode.NotFound, "account.not-found");
        Assert.Equal(version, await VersionAsync());
    }

    private async Task<string> OpenAccountAsync(string name)
    {
        var request = JsonNode.Parse(Requests.OpenAccount(name))!;
        var contract = request["contract"]!;
        contract["reportingCadence"] = "Weekly";
        contract["partnership"] = new JsonObject { ["approvalTurnaroundHours"] = 4, ["healthThreshold"] = 60 };
        return (await _admin.PostJsonAsync("/accounts", request.ToJsonString())).Ok()["accountId"]!.GetValue<string>();
    }

    private Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> RequestContentAsync(string requestId, string what, DateTimeOffset dueBy) =>
        _admin.PostJsonAsync($"/accounts/{_accountId}/content-requests", new JsonObject
        {
            ["requestId"] = requestId,
            ["what"] = what,
            ["dueBy"] = dueBy.ToString("O"),
        }.ToJsonString());

    private Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> RecommendAsync(string recommendationId, string text, DateTimeOffset reviewBy) =>
        _admin.PostJsonAsync($"/accounts/{_accountId}/recommendations", new JsonObject
        {
            ["recommendationId"] = recommendationId,
            ["text"] = text,
            ["reviewBy"] = reviewBy.ToString("O"),
        }.ToJsonString());

    private Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> ContactAsync(string contactId, DateTimeOffset occurredAt) =>
        _admin.PostJsonAsync($"/accounts/{_accountId}/contacts", new JsonObject
        {
            ["contactId"] = contactId,
            ["medium"] = "Phone",
            ["summary"] = "Weekly call",
            ["occurredAt"] = occurredAt.ToString("O"),
        }.ToJsonString());

    private Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> ReceiveAsync(string engagementId, string text, DateTimeOffset at) =>
        _admin.PostJsonAsync($"/accounts/{_accountId}/engagements", new JsonObject
        {
            ["engagementId"] = engagementId,
            ["channelId"] = _channelId,
            ["kind"] = "Comment",
            ["author"] = "@reader",
            ["text"] = text,
            ["receivedAt"] = at.ToString("O"),
        }.ToJsonString());

    private async Task<long> VersionAsync() => (await _admin.GetJsonAsync($"/accounts/{_accountId}"))["version"]!.GetValue<long>();

    private Task<JsonNode> EscalationAsync(string escalationId, Func<JsonNode, bool> matches) =>
        AccountWatch.EscalationAsync(_admin, _accountId, escalationId, matches);

    private Task WaitForAgencyAsync(string query, Func<JsonArray, bool> done) => AccountWatch.AgencyEscalationsAsync(_admin, query, done);
}
