using System.Net;
using PublishingCluster.Server.Tests.Support;

namespace PublishingCluster.Server.Tests;

/// <summary>Every kind of bad input gets a 4xx problem naming the field, never a 500, and changes nothing.</summary>
public sealed class BadInputTests(SharedServer server) : IClassFixture<SharedServer>
{
    private HttpClient Client => server.Client;

    [Theory]
    [InlineData("""{ "title": "x", "variants": [ """, "json.invalid", "variants[0]")]
    [InlineData("""not json at all""", "json.invalid", "$")]
    [InlineData("""[]""", "json.invalid", "$")]
    [InlineData("""null""", "json.null", "$")]
    [InlineData("""{ "title": "x", "variants": [], "colour": "red" }""", "json.invalid", "colour")]
    [InlineData("""{ "title": "x" }""", "json.invalid", "variants")]
    [InlineData("""{ "title": null, "variants": [] }""", "json.invalid", "title")]
    [InlineData("""{ "title": 42, "variants": [] }""", "json.invalid", "title")]
    [InlineData("""{ "title": "x", "variants": [ { "channelId": "c", "text": "t", "mood": "happy" } ] }""", "json.invalid", "variants[0].mood")]
    [InlineData("""{ "title": "x", "variants": [ { "text": "t" } ] }""", "json.invalid", "variants[0].channelId")]
    [InlineData("""{ "title": "x", "variants": [] }""", "post.variants-empty", "variants")]
    [InlineData("""{ "title": "", "variants": [] }""", "post.title-invalid", "title")]
    public async Task A_malformed_post_body_is_a_400_naming_the_field_and_persists_nothing(string body, string code, string field)
    {
        var (accountId, _) = await server.OpenAccountWithChannelAsync();
        var before = await server.VersionOfAsync(accountId);

        (await Client.SendAsync(HttpMethod.Post, $"/accounts/{accountId}/posts", body)).Problem(HttpStatusCode.BadRequest, code, field);

        Assert.Equal(before, await server.VersionOfAsync(accountId));
    }

    [Theory]
    [InlineData("Myspace", "network")]
    [InlineData("3", "network")]
    public async Task An_unknown_network_is_a_400(string network, string field)
    {
        var (accountId, _) = await server.OpenAccountWithChannelAsync();
        var body = Requests.ConnectChannel().Replace("\"LinkedIn\"", network == "3" ? "3" : $"\"{network}\"", StringComparison.Ordinal);

        (await Client.SendAsync(HttpMethod.Post, $"/accounts/{accountId}/channels", body)).Problem(HttpStatusCode.BadRequest, "json.invalid", field);
    }

    [Fact]
    public async Task An_unknown_enum_value_in_the_contract_is_a_400_naming_its_path()
    {
        var body = Requests.OpenAccount().Replace("\"Monthly\"", "\"Fortnightly\"", StringComparison.Ordinal);

        (await Client.SendAsync(HttpMethod.Post, "/accounts", body)).Problem(HttpStatusCode.BadRequest, "json.invalid", "contract.reportingCadence");
    }

    [Fact]
    public async Task An_unknown_time_zone_is_a_400_naming_it()
    {
        (await Client.SendAsync(HttpMethod.Post, "/accounts", Requests.OpenAccount(timeZone: "Mars/Olympus_Mons")))
            .Problem(HttpStatusCode.BadRequest, "timezone.unknown", "contract.responseSla.businessHours.timeZone");

        var (accountId, _) = await server.OpenAccountWithChannelAsync();
        (await Client.SendAsync(HttpMethod.Post, $"/accounts/{accountId}/channels", Requests.ConnectChannel("X", "contoso", "Europe/Atlantis")))
            .Problem(HttpStatusCode.BadRequest, "timezone.unknown", "timeZone");
    }

    [Fact]
    public async Task Text_over_the_channels_limit_is_a_422_and_persists_nothing()
    {
        var (accountId, channelId) = await server.OpenAccountWithChannelAsync("X");
        var before = await server.VersionOfAsync(accountId);

        var problem = (await Client.PostJsonAsync($"/accounts/{accountId}/posts", Requests.CreatePost(channelId, new string('a', 281))))
            .Problem(HttpStatusCode.UnprocessableEntity, "channel.text-too-long", "variants[0].text");

        Assert.Contains("280", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(before, await server.VersionOfAsync(accountId));
        (await Client.PostJsonAsync($"/accounts/{accountId}/posts", Requests.CreatePost(channelId, new string('a', 280)))).Ok();
    }

    [Fact]
    public async Task A_time_in_the_past_is_a_422_and_a_time_without_offset_a_400()
    {
        var (accountId, channelId) = await server.OpenAccountWithChannelAsync();
        var postId = await server.CreatePostAsync(accountId, channelId);
        var before = await server.VersionOfAsync(accountId);
        var schedule = $"/accounts/{accountId}/posts/{postId}/schedule";

        (await Client.PostJsonAsync(schedule, """{ "at": "2020-01-01T09:00:00Z" }""")).Problem(HttpStatusCode.UnprocessableEntity, "schedule.in-past", "at");
        (await Client.PostJsonAsync(schedule, """{ "at": "2099-01-01T09:00:00" }""")).Problem(HttpStatusCode.BadRequest, "json.invalid", "at");
        (await Client.PostJsonAsync(schedule, """{ "at": "next tuesday" }""")).Problem(HttpStatusCode.BadRequest, "json.invalid", "at");
        (await Client.PostJsonAsync(schedule, """{ "at": "2099-01-01T09:00:00Z", "nextSlot": true }""")).Problem(HttpStatusCode.BadRequest, "schedule.target-ambiguous", "at");
        (await Client.PostJsonAsync(schedule, """{ }""")).Problem(HttpStatusCode.BadRequest, "schedule.target-ambiguous", "at");

        Assert.Equal(before, await server.VersionOfAsync(accountId));
    }

    [Fact]
    public async Task Unknown_accounts_posts_and_channels_are_404s()
    {
        var (accountId, channelId) = await server.OpenAccountWithChannelAsync();

        (await Client.SendAsync(HttpMethod.Get, "/accounts/acc_doesnotexist")).Problem(HttpStatusCode.NotFound, "account.not-found", "accountId");
        (await Client.PostJsonAsync("/accounts/acc_doesnotexist/posts", Requests.CreatePost(channelId))).Problem(HttpStatusCode.NotFound, "account.not-found");
        (await Client.SendAsync(HttpMethod.Get, "/accounts/has%20a%20space")).Problem(HttpStatusCode.NotFound, "account.not-found");
        (await Client.SendAsync(HttpMethod.Get, $"/accounts/{accountId}/posts/post_nope")).Problem(HttpStatusCode.NotFound, "post.not-found", "postId");
        (await Client.PostJsonAsync($"/accounts/{accountId}/posts/post_nope/submit", null)).Problem(HttpStatusCode.NotFound, "post.not-found", "postId");
        (await Client.SendAsync(HttpMethod.Get, $"/accounts/{accountId}/channels/ch_nope/queue")).Problem(HttpStatusCode.NotFound, "channel.not-found", "channelId");
        (await Client.PostJsonAsync($"/accounts/{accountId}/posts", Requests.CreatePost("ch_nope"))).Problem(HttpStatusCode.UnprocessableEntity, "post.channel-unknown", "variants[0].channelId");
    }

    [Fact]
    public async Task A_lifecycle_step_out_of_order_is_a_409_and_persists_nothing()
    {
        var (accountId, channelId) = await server.OpenAccountWithChannelAsync();
        var postId = await server.CreatePostAsync(accountId, channelId);
        var before = await server.VersionOfAsync(accountId);

        (await Client.PostJsonAsync($"/accounts/{accountId}/posts/{postId}/client-approve", null)).Problem(HttpStatusCode.Conflict, "post.wrong-status", "postId");
        (await Client.PostJsonAsync($"/accounts/{accountId}/posts/{postId}/reschedule", """{ "nextSlot": true }""")).Problem(HttpStatusCode.Conflict, "post.not-scheduled");

        Assert.Equal(before, await server.VersionOfAsync(accountId));
    }

    [Fact]
    public async Task A_network_outside_the_contract_scope_is_a_422()
    {
        var (accountId, _) = await server.OpenAccountWithChannelAsync();

        (await Client.PostJsonAsync($"/accounts/{accountId}/channels", Requests.ConnectChannel("TikTok", "contoso")))
            .Problem(HttpStatusCode.UnprocessableEntity, "contract.scope.network-not-covered", "network");
    }

    [Fact]
    public async Task A_body_that_is_not_json_or_too_large_is_refused()
    {
        (await Client.SendAsync(HttpMethod.Post, "/accounts", Requests.OpenAccount(), contentType: "text/plain")).Problem(HttpStatusCode.UnsupportedMediaType, "request.not-json");
        var huge = Requests.OpenAccount(name: new string('n', 300 * 1024));
        (await Client.SendAsync(HttpMethod.Post, "/accounts", huge)).Problem(HttpStatusCode.RequestEntityTooLarge, "request.too-large");
    }

    [Fact]
    public async Task Deeply_nested_json_is_a_400()
    {
        var (accountId, _) = await server.OpenAccountWithChannelAsync();
        var nested = new string('[', 100) + new string(']', 100);

        (await Client.SendAsync(HttpMethod.Post, $"/accounts/{accountId}/posts", $$"""{ "title": "x", "variants": {{nested}} }"""))
            .Problem(HttpStatusCode.BadRequest, "json.invalid");
    }

    [Fact]
    public async Task A_calendar_range_must_be_two_instants_in_order()
    {
        var (accountId, _) = await server.OpenAccountWithChannelAsync();
        var calendar = $"/accounts/{accountId}/calendar";

        (await Client.SendAsync(HttpMethod.Get, $"{calendar}?to=2027-01-01T00:00:00Z")).Problem(HttpStatusCode.BadRequest, "calendar.from-invalid", "from");
        (await Client.SendAsync(HttpMethod.Get, $"{calendar}?from=2027-01-01T00:00:00Z&to=yesterday")).Problem(HttpStatusCode.BadRequest, "calendar.to-invalid", "to");
        (await Client.SendAsync(HttpMethod.Get, $"{calendar}?from=2027-02-01T00:00:00Z&to=2027-01-01T00:00:00Z")).Problem(HttpStatusCode.BadRequest, "calendar.range-empty", "to");
        (await Client.SendAsync(HttpMethod.Get, $"{calendar}?from=2027-01-01T00:00:00Z&to=2029-01-01T00:00:00Z")).Problem(HttpStatusCode.BadRequest, "calendar.range-too-long", "to");
    }
}
