using System.Net;
using PublishingCluster.Server.Tests.Support;

namespace PublishingCluster.Server.Tests;

/// <summary>The walk-through of docs/api.md, step by step, with what each step must answer.</summary>
public sealed class PostLifecycleOverHttpTests(SharedServer server) : IClassFixture<SharedServer>
{
    private HttpClient Client => server.Client;

    [Fact]
    public async Task A_post_goes_from_draft_to_scheduled_in_the_channels_next_free_slot_and_shows_in_calendar_and_queue()
    {
        var opened = await Client.PostJsonAsync("/accounts", Requests.OpenAccount());
        Assert.Equal(HttpStatusCode.Created, opened.Status);
        var accountId = opened.Body!["accountId"]!.GetValue<string>();
        Assert.Equal($"/accounts/{accountId}", opened.Response.Headers.Location?.OriginalString);

        var connected = await Client.PostJsonAsync($"/accounts/{accountId}/channels", Requests.ConnectChannel());
        Assert.Equal(HttpStatusCode.Created, connected.Status);
        var channelId = connected.Body!["channel"]!["channelId"]!.GetValue<string>();

        var created = await Client.PostJsonAsync($"/accounts/{accountId}/posts", Requests.CreatePost(channelId));
        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal("Draft", created.Body!["status"]!.GetValue<string>());
        var postId = created.Body["postId"]!.GetValue<string>();
        var post = $"/accounts/{accountId}/posts/{postId}";

        Assert.Equal("InReview", (await Client.PostJsonAsync($"{post}/submit", null)).Ok()["status"]!.GetValue<string>());
        Assert.Equal("AwaitingClient", (await Client.PostJsonAsync($"{post}/approve", null)).Ok()["status"]!.GetValue<string>());
        Assert.Equal("Approved", (await Client.PostJsonAsync($"{post}/client-approve", null)).Ok()["status"]!.GetValue<string>());

        var scheduled = (await Client.PostJsonAsync($"{post}/schedule", """{ "nextSlot": true }""")).Ok();
        Assert.Equal("Scheduled", scheduled["status"]!.GetValue<string>());
        var at = DateTimeOffset.Parse(scheduled["variants"]![channelId]!["scheduledAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        var london = TimeZoneInfo.ConvertTime(at, TimeZoneInfo.FindSystemTimeZoneById("Europe/London"));
        Assert.True(
            (london.DayOfWeek, london.TimeOfDay) is (DayOfWeek.Tuesday, { Hours: 9, Minutes: 30 }) or (DayOfWeek.Thursday, { Hours: 12, Minutes: 0 }),
            $"{at:O} is {london:dddd HH:mm} in London, not one of the channel's queue slots.");
        Assert.True(at > DateTimeOffset.UtcNow);

        var calendar = await Client.GetJsonAsync($"/accounts/{accountId}/calendar?from={Uri.EscapeDataString(at.AddDays(-1).ToString("O"))}&to={Uri.EscapeDataString(at.AddDays(1).ToString("O"))}");
        var entry = Assert.Single(calendar["entries"]!.AsArray());
        Assert.Equal(postId, entry!["postId"]!.GetValue<string>());

        var queue = await Client.GetJsonAsync($"/accounts/{accountId}/channels/{channelId}/queue");
        Assert.Equal(postId, Assert.Single(queue["entries"]!.AsArray())!["postId"]!.GetValue<string>());
        Assert.NotNull(queue["nextFreeSlot"]);
        Assert.NotEqual(at, DateTimeOffset.Parse(queue["nextFreeSlot"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));

        var later = at.AddDays(7);
        var moved = (await Client.PostJsonAsync($"{post}/reschedule", $$"""{ "at": "{{later:O}}" }""")).Ok();
        Assert.Equal(later, DateTimeOffset.Parse(moved["variants"]![channelId]!["scheduledAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));

        var cancelled = (await Client.PostJsonAsync($"{post}/cancel", """{ "reason": "Client paused the campaign." }""")).Ok();
        Assert.Equal("Cancelled", cancelled["status"]!.GetValue<string>());
        Assert.Empty((await Client.GetJsonAsync($"/accounts/{accountId}/channels/{channelId}/queue"))["entries"]!.AsArray());
    }

    [Fact]
    public async Task A_rejected_post_returns_to_draft_with_the_reason_and_can_be_resubmitted()
    {
        var (accountId, channelId) = await server.OpenAccountWithChannelAsync();
        var postId = await server.CreatePostAsync(accountId, channelId);
        var post = $"/accounts/{accountId}/posts/{postId}";
        (await Client.PostJsonAsync($"{post}/submit", null)).Ok();

        var rejected = (await Client.PostJsonAsync($"{post}/reject", """{ "reason": "Wrong product photo." }""")).Ok();

        Assert.Equal("Draft", rejected["status"]!.GetValue<string>());
        Assert.Equal("Wrong product photo.", rejected["lastRejectionReason"]!.GetValue<string>());
        Assert.Equal("InReview", (await Client.PostJsonAsync($"{post}/submit", null)).Ok()["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_post_scheduled_before_approval_becomes_scheduled_when_the_client_approves()
    {
        var (accountId, channelId) = await server.OpenAccountWithChannelAsync();
        var postId = await server.CreatePostAsync(accountId, channelId);
        var post = $"/accounts/{accountId}/posts/{postId}";

        Assert.Equal("Draft", (await Client.PostJsonAsync($"{post}/schedule", """{ "nextSlot": true }""")).Ok()["status"]!.GetValue<string>());
        (await Client.PostJsonAsync($"{post}/submit", null)).Ok();
        (await Client.PostJsonAsync($"{post}/approve", null)).Ok();

        Assert.Equal("Scheduled", (await Client.PostJsonAsync($"{post}/client-approve", null)).Ok()["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_contract_can_be_replaced_but_not_to_drop_a_connected_network()
    {
        var (accountId, _) = await server.OpenAccountWithChannelAsync();
        var contract = System.Text.Json.Nodes.JsonNode.Parse(Requests.OpenAccount())!["contract"]!;
        contract["reportingCadence"] = "Weekly";

        var updated = (await Client.SendAsync(HttpMethod.Put, $"/accounts/{accountId}/contract", $$"""{ "contract": {{contract.ToJsonString()}} }""")).Ok();
        Assert.Equal("Weekly", updated["contract"]!["reportingCadence"]!.GetValue<string>());

        contract["scope"] = System.Text.Json.Nodes.JsonNode.Parse("""[ { "network": "X", "postsPerWeek": 3 } ]""");
        var versionBefore = await server.VersionOfAsync(accountId);
        (await Client.SendAsync(HttpMethod.Put, $"/accounts/{accountId}/contract", $$"""{ "contract": {{contract.ToJsonString()}} }"""))
            .Problem(HttpStatusCode.UnprocessableEntity, "contract.scope.drops-connected-channel", "contract.scope");
        Assert.Equal(versionBefore, await server.VersionOfAsync(accountId));
    }
}
