using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using PublishingCluster.Server.Tests.Support;

namespace PublishingCluster.Server.Tests;

/// <summary>
/// The input rules docs/api.md calls strict, each held to: nulls inside arrays, duplicate keys, enum names that are
/// not exact, strings over their limit, times outside a sane window, bodies on routes that take none, and problems
/// that never name the server's own types. Each is a 4xx problem at once, and changes nothing.
/// </summary>
public sealed class StrictInputTests(SharedServer server) : IClassFixture<SharedServer>
{
    private HttpClient Client => server.Client;

    /// <summary>A refusal must come at once: an account that threw would answer only after the gateway's 30 s.</summary>
    private static readonly TimeSpan AtOnce = TimeSpan.FromSeconds(5);

    private static string Contract(Action<JsonObject> change)
    {
        var body = JsonNode.Parse(Requests.OpenAccount())!.AsObject();
        change(body["contract"]!.AsObject());
        return body.ToJsonString();
    }

    public static TheoryData<string, string> NullElementsInTheContract => new()
    {
        { "scope", "contract.scope[0]" },
        { "goals", "contract.goals[0]" },
    };

    [Theory]
    [MemberData(nameof(NullElementsInTheContract))]
    public async Task A_null_inside_a_contract_list_is_a_400_naming_the_element_at_once(string list, string field)
    {
        var open = Contract(c => c[list]!.AsArray().Insert(0, null));
        await AtOnceAsync(() => Client.SendAsync(HttpMethod.Post, "/accounts", open), HttpStatusCode.BadRequest, "json.null-element", field);

        var (accountId, _) = await server.OpenAccountWithChannelAsync();
        var before = await server.VersionOfAsync(accountId);
        var update = new JsonObject { ["contract"] = JsonNode.Parse(open)!["contract"]!.DeepClone() }.ToJsonString();
        await AtOnceAsync(() => Client.SendAsync(HttpMethod.Put, $"/accounts/{accountId}/contract", update), HttpStatusCode.BadRequest, "json.null-element", field);
        Assert.Equal(before, await server.VersionOfAsync(accountId));
    }

    [Fact]
    public async Task A_null_inside_a_nested_list_of_the_contract_is_a_400_naming_it()
    {
        var body = Contract(c => c["responseSla"]!["businessHours"]!["days"]!.AsArray().Add(null));

        await AtOnceAsync(() => Client.SendAsync(HttpMethod.Post, "/accounts", body), HttpStatusCode.BadRequest, "json.null-element",
            "contract.responseSla.businessHours.days[5]");
    }

    [Theory]
    [InlineData("postingWindows")]
    [InlineData("queueSlots")]
    public async Task A_null_posting_window_or_queue_slot_is_a_400_naming_it_at_once(string list)
    {
        var (accountId, _) = await server.OpenAccountWithChannelAsync();
        var before = await server.VersionOfAsync(accountId);
        var body = JsonNode.Parse(Requests.ConnectChannel("X", "contoso-x"))!.AsObject();
        body[list] = new JsonArray((JsonNode?)null);

        await AtOnceAsync(() => Client.SendAsync(HttpMethod.Post, $"/accounts/{accountId}/channels", body.ToJsonString()), HttpStatusCode.BadRequest,
            "json.null-element", $"{list}[0]");
        Assert.Equal(before, await server.VersionOfAsync(accountId));
    }

    [Fact]
    public async Task A_null_variant_or_media_item_is_a_400_naming_it()
    {
        var (accountId, channelId) = await server.OpenAccountWithChannelAsync();

        await AtOnceAsync(() => Client.SendAsync(HttpMethod.Post, $"/accounts/{accountId}/posts", """{ "title": "x", "variants": [null] }"""),
            HttpStatusCode.BadRequest, "json.null-element", "variants[0]");
        var media = $$"""{ "title": "x", "variants": [ { "channelId": "{{channelId}}", "text": "t", "media": ["a.png", null] } ] }""";
        await AtOnceAsync(() => Client.SendAsync(HttpMethod.Post, $"/accounts/{accountId}/posts", media),
            HttpStatusCode.BadRequest, "json.null-element", "variants[0].media[1]");
    }

    [Fact]
    public async Task A_duplicate_key_is_a_400_naming_it()
    {
        var (accountId, channelId) = await server.OpenAccountWithChannelAsync();
        var before = await server.VersionOfAsync(accountId);
        var body = $$"""{ "title": "First", "title": "Second", "variants": [ { "channelId": "{{channelId}}", "text": "t" } ] }""";

        var problem = (await Client.SendAsync(HttpMethod.Post, $"/accounts/{accountId}/posts", body)).Problem(HttpStatusCode.BadRequest, "json.duplicate-property", "title");

        Assert.Contains("title", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(before, await server.VersionOfAsync(accountId));
        var nested = Requests.OpenAccount().Replace("\"accountManager\": \"Ada Byron\"", "\"accountManager\": \"Ada Byron\", \"accountManager\": \"Eve\"", StringComparison.Ordinal);
        Assert.Contains("Eve", nested, StringComparison.Ordinal);
        (await Client.SendAsync(HttpMethod.Post, "/accounts", nested))
            .Problem(HttpStatusCode.BadRequest, "json.duplicate-property", "contract.roles.accountManager");
    }

    [Theory]
    [InlineData("\"monthly\"")]
    [InlineData("\"MONTHLY\"")]
    [InlineData("\" Monthly\"")]
    [InlineData("\"Monthly \"")]
    [InlineData("\"Weekly, Monthly\"")]
    public async Task An_enum_name_must_be_exact(string cadence)
    {
        var body = Requests.OpenAccount().Replace("\"Monthly\"", cadence, StringComparison.Ordinal);

        (await Client.SendAsync(HttpMethod.Post, "/accounts", body)).Problem(HttpStatusCode.BadRequest, "json.invalid", "contract.reportingCadence");
    }

    [Theory]
    [InlineData("slaBreach")]
    [InlineData("%20SlaBreach")]
    [InlineData("SlaBreach,%20NegativeSpike")]
    [InlineData("1")]
    public async Task An_enum_in_a_query_must_be_an_exact_name(string cause)
    {
        var (accountId, _) = await server.OpenAccountWithChannelAsync();

        (await Client.SendAsync(HttpMethod.Get, $"/accounts/{accountId}/escalations?cause={cause}")).Problem(HttpStatusCode.BadRequest, "query.invalid", "cause");
        (await Client.SendAsync(HttpMethod.Get, $"/accounts/{accountId}/escalations?cause=SlaBreach")).Ok();
    }

    [Fact]
    public async Task An_exact_enum_name_is_still_accepted()
    {
        var body = Requests.OpenAccount().Replace("\"Monthly\"", "\"Weekly\"", StringComparison.Ordinal);

        var account = (await Client.SendAsync(HttpMethod.Post, "/accounts", body)).Ok();

        Assert.Equal("Weekly", account["contract"]!["reportingCadence"]!.GetValue<string>());
    }

    public static TheoryData<string, string> LongStrings => new()
    {
        { "roles.accountManager", "contract.roles.accountManager" },
        { "roles.clientContentContact", "contract.roles.clientContentContact" },
        { "roles.agencyLead", "contract.roles.agencyLead" },
        { "goals.goalId", "contract.goals[0].goalId" },
        { "budget.currency", "contract.budget.currency" },
        { "responseSla.businessHours.timeZone", "contract.responseSla.businessHours.timeZone" },
    };

    [Theory]
    [MemberData(nameof(LongStrings))]
    public async Task A_string_over_its_limit_is_a_400_naming_the_field_and_the_limit(string where, string field)
    {
        var huge = new string('x', 250 * 1024 / 2);
        var body = Contract(c =>
        {
            var parts = where.Split('.');
            var node = parts[0] == "goals" ? c["goals"]![0]!.AsObject() : c[parts[0]]!.AsObject();
            foreach (var part in parts[1..^1])
            {
                node = node[part]!.AsObject();
            }

            node[parts[^1]] = huge;
        });

        var problem = (await Client.SendAsync(HttpMethod.Post, "/accounts", body)).Problem(HttpStatusCode.BadRequest, "string.too-long", field);

        Assert.Contains("200", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(problem.ToJsonString().Length < 2000, "The problem must not echo the oversized value.");
    }

    [Fact]
    public async Task Names_and_ids_up_to_their_limit_are_accepted()
    {
        var body = Contract(c => c["roles"]!["accountManager"] = new string('a', 200));

        (await Client.SendAsync(HttpMethod.Post, "/accounts", body)).Ok();
    }

    [Fact]
    public async Task A_measurement_before_2000_or_a_schedule_more_than_two_years_ahead_is_a_422()
    {
        var (accountId, channelId) = await server.OpenAccountWithChannelAsync();
        var postId = await server.CreatePostAsync(accountId, channelId);
        var before = await server.VersionOfAsync(accountId);

        (await Client.PostJsonAsync($"/accounts/{accountId}/goals/signups/measurements", """{ "value": 1, "measuredAt": "0001-01-01T00:00:00Z" }"""))
            .Problem(HttpStatusCode.UnprocessableEntity, "goal.measured-too-early", "measuredAt");
        (await Client.PostJsonAsync($"/accounts/{accountId}/goals/signups/measurements", """{ "value": 1, "measuredAt": "1999-12-31T23:59:59Z" }"""))
            .Problem(HttpStatusCode.UnprocessableEntity, "goal.measured-too-early", "measuredAt");
        (await Client.PostJsonAsync($"/accounts/{accountId}/posts/{postId}/schedule", """{ "at": "9999-12-31T00:00:00Z" }"""))
            .Problem(HttpStatusCode.UnprocessableEntity, "schedule.too-far-ahead", "at");
        var justOver = DateTimeOffset.UtcNow.AddDays(2 * 366).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        (await Client.PostJsonAsync($"/accounts/{accountId}/posts/{postId}/schedule", $$"""{ "at": "{{justOver}}" }"""))
            .Problem(HttpStatusCode.UnprocessableEntity, "schedule.too-far-ahead", "at");

        Assert.Equal(before, await server.VersionOfAsync(accountId));
        (await Client.PostJsonAsync($"/accounts/{accountId}/goals/signups/measurements", """{ "value": 1, "measuredAt": "2000-01-01T00:00:00Z" }""")).Ok();
    }

    [Theory]
    [InlineData("""{ "title": "x", "variants": [ 1 ] }""")]
    [InlineData("""{ "title": "x", "variants": [ "text" ] }""")]
    [InlineData("""{ "title": "x", "variants": { "channelId": "c" } }""")]
    [InlineData("""{ "title": "x", "variants": [ { "channelId": "c", "text": "t", "media": [ { } ] } ] }""")]
    [InlineData("""{ "title": "x", "variants": [ { "channelId": "c", "text": "t", "media": "a.png" } ] }""")]
    [InlineData("""{ "title": [ "x" ], "variants": [] }""")]
    [InlineData("""{ "title": "x", "variants": [ { "channelId": null, "text": "t" } ] }""")]
    [InlineData("""{ "title": "x", "variants": [ { "channelId": "c", "text": "t", "media": null, "media": [] } ] }""")]
    [InlineData("""{ "title": "x", "variants": [ { "channelId": "c", "text": "t" } ] } trailing""")]
    public async Task A_problem_never_names_the_servers_own_types(string body)
    {
        var (accountId, _) = await server.OpenAccountWithChannelAsync();

        var problem = (await Client.SendAsync(HttpMethod.Post, $"/accounts/{accountId}/posts", body)).Problem(HttpStatusCode.BadRequest);

        AssertNamesNoInternalType(problem);
    }

    [Fact]
    public async Task A_contract_of_the_wrong_shape_is_a_problem_without_type_names()
    {
        foreach (var body in new[]
        {
            Contract(c => c["scope"] = "LinkedIn"),
            Contract(c => c["roles"] = null),
            Contract(c => c["scope"]![0]!["network"] = null),
            Contract(c => c["goals"]![0]!["goalId"] = null),
            Contract(c => c["roles"] = new JsonArray()),
            Contract(c => c["goals"]![0]!["reviewPoints"] = "2099-01-01"),
            Contract(c => c["responseSla"]!["businessHours"]!["opens"] = "nine"),
            Contract(c => c["budget"]!["monthlyFee"] = "lots"),
        })
        {
            AssertNamesNoInternalType((await Client.SendAsync(HttpMethod.Post, "/accounts", body)).Problem(HttpStatusCode.BadRequest));
        }
    }

    internal static void AssertNamesNoInternalType(JsonNode problem)
    {
        var text = problem.ToJsonString();
        foreach (var word in new[] { "PublishingCluster", "System.", "Immutable", "Request", "Nullable", "`1" })
        {
            Assert.False(text.Contains(word, StringComparison.Ordinal), $"The problem names an internal type ({word}): {text}");
        }
    }

    [Theory]
    [InlineData("submit")]
    [InlineData("approve")]
    [InlineData("client-approve")]
    public async Task A_body_on_a_post_action_that_takes_none_is_a_400_and_changes_nothing(string action)
    {
        var (accountId, channelId) = await server.OpenAccountWithChannelAsync();
        var postId = await server.CreatePostAsync(accountId, channelId);
        var before = await server.VersionOfAsync(accountId);
        var big = $$"""{ "note": "{{new string('x', 300 * 1024)}}" }""";

        (await Client.SendAsync(HttpMethod.Post, $"/accounts/{accountId}/posts/{postId}/{action}", big))
            .Problem(HttpStatusCode.BadRequest, "request.body-not-allowed", "$");
        (await Client.SendAsync(HttpMethod.Post, $"/accounts/{accountId}/posts/{postId}/{action}", "{}", contentType: "text/plain"))
            .Problem(HttpStatusCode.BadRequest, "request.body-not-allowed", "$");

        Assert.Equal(before, await server.VersionOfAsync(accountId));
    }

    [Fact]
    public async Task An_action_without_a_body_still_works()
    {
        var (accountId, channelId) = await server.OpenAccountWithChannelAsync();
        var postId = await server.CreatePostAsync(accountId, channelId);

        var post = (await Client.SendAsync(HttpMethod.Post, $"/accounts/{accountId}/posts/{postId}/submit")).Ok();

        Assert.Equal("InReview", post["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Every_route_that_changes_something_declares_its_body_or_refuses_one()
    {
        var undeclared = RouteTable.Of(server.Host)
            .Where(r => r.Method is not "GET" && !r.DeclaresBody && !r.RefusesBody)
            .Select(r => r.Key)
            .ToList();

        Assert.True(undeclared.Count == 0, "Routes that neither accept a body nor refuse one: " + string.Join(", ", undeclared));
    }

    private static async Task AtOnceAsync(Func<Task<(HttpStatusCode, JsonNode?, HttpResponseMessage)>> send, HttpStatusCode status, string code, string field)
    {
        var clock = Stopwatch.StartNew();
        var answer = await send();
        clock.Stop();

        answer.Problem(status, code, field);
        Assert.True(clock.Elapsed < AtOnce, $"The refusal took {clock.Elapsed.TotalSeconds:0.0} s.");
    }
}
