namespace PublishingCluster.Server.Tests.Support;

/// <summary>
/// A valid request for every route, keyed by "METHOD pattern". A route the server maps without a sample here
/// fails the access matrix and the fuzzing pass, so no route goes untested.
/// </summary>
public static class SampleRequests
{
    public sealed record Sample(string Path, string? Body);

    /// <summary>A well-formed report id no fixture account has.</summary>
    public const string NoSuchReport = "weekly-2020-01-06";

    public const string NoSuchEngagement = "e-none";

    public const string NoSuchEscalation = "sla-breach-e-none";

    public static async Task<Sample> ForAsync(RouteInfo route, TenantWorld world, AccountFixture target)
    {
        var postId = target.PostId;
        var path = route.Pattern
            .Replace("{accountId}", target.AccountId, StringComparison.Ordinal)
            .Replace("{channelId}", target.ChannelId, StringComparison.Ordinal)
            .Replace("{agencyId}", target.AgencyId, StringComparison.Ordinal)
            .Replace("{postId}", postId, StringComparison.Ordinal)
            // The fixtures' accounts are too young to have reports: an authorized caller reaches the account and
            // is told the report does not exist (which the access matrix tells apart from an unseen account).
            .Replace("{reportId}", NoSuchReport, StringComparison.Ordinal)
            .Replace("{goalId}", "signups", StringComparison.Ordinal)
            // Likewise no engagement or escalation: the account answers that the one named does not exist.
            .Replace("{engagementId}", NoSuchEngagement, StringComparison.Ordinal)
            .Replace("{escalationId}", NoSuchEscalation, StringComparison.Ordinal)
            .Replace("{requestId}", "cr-none", StringComparison.Ordinal)
            .Replace("{recommendationId}", "rec-none", StringComparison.Ordinal);
        var at = DateTimeOffset.UtcNow.AddDays(30).ToString("yyyy-MM-ddTHH:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        string? body = route.Key switch
        {
            "POST /accounts" => Requests.OpenAccount(),
            "PUT /accounts/{accountId}/contract" => $$"""{ "contract": {{System.Text.Json.Nodes.JsonNode.Parse(Requests.OpenAccount())!["contract"]!.ToJsonString()}} }""",
            "POST /accounts/{accountId}/channels" => Requests.ConnectChannel("X", $"handle-{Guid.NewGuid():N}"),
            "POST /accounts/{accountId}/posts" => Requests.CreatePost(target.ChannelId),
            "POST /accounts/{accountId}/posts/{postId}/reject" => """{ "reason": "Not on brand." }""",
            "POST /accounts/{accountId}/posts/{postId}/schedule" or "POST /accounts/{accountId}/posts/{postId}/reschedule" => $$"""{ "at": "{{at}}" }""",
            "POST /accounts/{accountId}/posts/{postId}/cancel" => """{ "reason": "Campaign paused." }""",
            "POST /accounts/{accountId}/goals/{goalId}/measurements" => $$"""{ "value": 1200, "measuredAt": "{{DateTimeOffset.UtcNow.AddHours(-1):O}}" }""",
            "POST /accounts/{accountId}/engagements" => $$"""{ "engagementId": "e-{{Guid.NewGuid():N}}", "channelId": "{{target.ChannelId}}", "kind": "Comment", "author": "@reader", "text": "When do you open?", "receivedAt": "{{DateTimeOffset.UtcNow.AddHours(-1):O}}" }""",
            "POST /accounts/{accountId}/engagements/{engagementId}/respond" => """{ "text": "From eight every day." }""",
            "POST /accounts/{accountId}/engagements/{engagementId}/assign" => """{ "to": "ada" }""",
            "POST /accounts/{accountId}/content-requests" => $$"""{ "requestId": "cr-{{Guid.NewGuid():N}}", "what": "Photos of the spring range", "dueBy": "{{at}}" }""",
            "POST /accounts/{accountId}/recommendations" => $$"""{ "recommendationId": "rec-{{Guid.NewGuid():N}}", "text": "Post video on Fridays", "reviewBy": "{{at}}" }""",
            "POST /accounts/{accountId}/recommendations/{recommendationId}/answer" => """{ "accepted": true }""",
            "POST /accounts/{accountId}/contacts" => $$"""{ "contactId": "c-{{Guid.NewGuid():N}}", "medium": "Phone", "summary": "Weekly call", "occurredAt": "{{DateTimeOffset.UtcNow.AddHours(-1):O}}" }""",
            "POST /admin/clock" => """{ "advanceBy": "00:00:01" }""",
            "POST /admin/agencies" => $$"""{ "agencyId": "agency-{{Guid.NewGuid():N}}", "name": "A new agency" }""",
            "POST /admin/agencies/{agencyId}/keys" or "POST /agency/keys" => """{ "label": "Temp key", "role": "AgencyAdmin" }""",
            _ when Known.Contains(route.Key) => null,
            _ => throw new InvalidOperationException($"No sample request for route '{route.Key}': add one to {nameof(SampleRequests)}."),
        };

        if (path.Contains("{keyId}", StringComparison.Ordinal))
        {
            // Revoking is destructive: each case revokes a key made for it.
            var keyToken = await Tenancy.IssueKeyAsync(world.Host, target.AgencyId, "AgencyAdmin");
            path = path.Replace("{keyId}", keyToken.Split('.')[2], StringComparison.Ordinal);
        }

        return new Sample(path, body);
    }

    /// <summary>Routes whose sample is the path alone.</summary>
    private static readonly HashSet<string> Known =
    [
        "GET /accounts/{accountId}",
        "GET /accounts/{accountId}/calendar",
        "GET /accounts/{accountId}/channels/{channelId}/queue",
        "GET /accounts/{accountId}/posts/{postId}",
        "GET /accounts/{accountId}/reports",
        "GET /accounts/{accountId}/reports/{reportId}",
        "POST /accounts/{accountId}/reports/{reportId}/acknowledge",
        "POST /accounts/{accountId}/posts/{postId}/submit",
        "POST /accounts/{accountId}/posts/{postId}/approve",
        "POST /accounts/{accountId}/posts/{postId}/client-approve",
        "GET /admin/agencies/{agencyId}",
        "GET /admin/clock",
        "DELETE /admin/agencies/{agencyId}/keys/{keyId}",
        "GET /agency",
        "DELETE /agency/keys/{keyId}",
        "GET /agency/audit",
        "GET /accounts/{accountId}/engagements",
        "GET /accounts/{accountId}/engagements/{engagementId}",
        "POST /accounts/{accountId}/engagements/{engagementId}/close",
        "GET /accounts/{accountId}/escalations",
        "POST /accounts/{accountId}/escalations/{escalationId}/acknowledge",
        "POST /accounts/{accountId}/escalations/{escalationId}/resolve",
        "GET /agency/escalations",
        "GET /accounts/{accountId}/partnership",
        "POST /accounts/{accountId}/content-requests/{requestId}/deliver",
    ];

    /// <summary>Query strings some GET routes need to be valid.</summary>
    public static string QueryFor(RouteInfo route) => route.Key switch
    {
        "GET /accounts/{accountId}/calendar" => "?from=2026-01-01T00:00:00Z&to=2026-12-31T00:00:00Z",
        _ => string.Empty,
    };
}
