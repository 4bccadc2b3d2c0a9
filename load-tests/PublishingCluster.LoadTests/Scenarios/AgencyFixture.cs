using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace PublishingCluster.LoadTests.Scenarios;

/// <summary>An account opened for the load, with the one channel its posts go to.</summary>
public sealed record LoadAccount(string AccountPath, string ChannelId);

/// <summary>
/// Sets up what a load scenario needs through the API, the way an agency would: the operator registers the agency
/// and issues its admin key on the loopback admin listener, then the admin opens accounts and connects a channel each.
/// </summary>
public static class AgencyFixture
{
    public const string AgencyId = "loadtest";

    public static async Task<string> RegisterAgencyWithAdminKeyAsync(ServerUnderTest server, CancellationToken cancellationToken)
    {
        using var admin = new HttpClient { BaseAddress = server.AdminAddress, Timeout = TimeSpan.FromSeconds(30) };
        (await admin.PostAsJsonAsync("/admin/agencies", new { agencyId = AgencyId, name = "Load test agency" }, cancellationToken)).EnsureSuccessStatusCode();
        var issued = await admin.PostAsJsonAsync($"/admin/agencies/{AgencyId}/keys", new { label = "load test admin", role = "AgencyAdmin" }, cancellationToken);
        issued.EnsureSuccessStatusCode();
        var body = JsonNode.Parse(await issued.Content.ReadAsStringAsync(cancellationToken));
        return body?["token"]?.GetValue<string>() ?? throw new InvalidOperationException("The key's answer holds no token.");
    }

    /// <summary>Opens <paramref name="count"/> accounts, a few at a time, each with an X channel.</summary>
    public static async Task<IReadOnlyList<LoadAccount>> OpenAccountsAsync(HttpClient api, int count, CancellationToken cancellationToken)
    {
        var accounts = new LoadAccount[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var account = await CreateAsync(api, "/accounts", $"account-{i}", OpenAccountBody($"Client {i}"), ct);
            var channel = await CreateAsync(api, $"{account}/channels", $"channel-{i}", ConnectChannelBody($"client-{i}"), ct);
            accounts[i] = new LoadAccount(account, channel[(channel.LastIndexOf('/') + 1)..]);
        });
        return accounts;
    }

    public static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    public static string CreatePostBody(string channelId) =>
        $$"""{ "title": "Autumn blend launch", "variants": [ { "channelId": "{{channelId}}", "text": "Our autumn blend is here: roasted in small batches." } ] }""";

    private static async Task<string> CreateAsync(HttpClient api, string path, string idempotencyKey, string body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Json(body) };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        using var response = await api.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        return response.Headers.Location?.OriginalString ?? throw new InvalidOperationException($"POST {path} gave no Location.");
    }

    public static string OpenAccountBody(string name) => $$"""
        {
          "name": "{{name}}",
          "contract": {
            "scope": [ { "network": "LinkedIn", "postsPerWeek": 5 }, { "network": "X", "postsPerWeek": 10 } ],
            "roles": { "accountManager": "Ada Byron", "clientContentContact": "Grace Hopper" },
            "budget": { "monthlyFee": 4500, "currency": "EUR", "hoursPerMonth": 40, "thirdPartyCosts": 300 },
            "reportingCadence": "Monthly",
            "responseSla": {
              "firstResponseMinutes": 120,
              "negativeFirstResponseMinutes": 30,
              "businessHours": { "timeZone": "Europe/London", "days": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"], "opens": "09:00:00", "closes": "17:00:00" }
            },
            "contactPolicy": { "medium": "Email", "maxContactsPerWeek": 2 },
            "goals": [ { "goalId": "signups", "metric": "EmailSignUps", "target": 10000, "deadline": "2099-06-30", "reviewPoints": ["2099-03-31"] } ]
          }
        }
        """;

    public static string ConnectChannelBody(string handle) => $$"""
        {
          "network": "X",
          "handle": "{{handle}}",
          "timeZone": "Europe/London",
          "queueSlots": [ { "day": "Tuesday", "time": "09:30:00" }, { "day": "Thursday", "time": "12:00:00" } ]
        }
        """;
}
