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
    private static readonly string RunStamp = $"{DateTime.UtcNow:yyyyMMddHHmmss}";
    private static int _registered;

    public static Task<string> RegisterAgencyWithAdminKeyAsync(ServerUnderTest server, CancellationToken cancellationToken) =>
        RegisterAgencyWithAdminKeyAsync(server.AdminAddress, cancellationToken);

    /// <summary>
    /// Registers a new agency (a new id for every scenario of every run, so scenarios sharing a journal that outlives
    /// them, PostgreSQL, each start empty) and returns its admin key's token.
    /// </summary>
    public static async Task<string> RegisterAgencyWithAdminKeyAsync(Uri adminAddress, CancellationToken cancellationToken)
    {
        var agencyId = $"loadtest-{RunStamp}-{Interlocked.Increment(ref _registered)}";
        using var admin = new HttpClient { BaseAddress = adminAddress, Timeout = TimeSpan.FromSeconds(30) };
        await AdminPostAsync(admin, "/admin/agencies", new { agencyId, name = "Load test agency" }, cancellationToken);
        var issued = await AdminPostAsync(admin, $"/admin/agencies/{agencyId}/keys", new { label = "load test admin", role = "AgencyAdmin" }, cancellationToken);
        return JsonNode.Parse(issued)?["token"]?.GetValue<string>() ?? throw new InvalidOperationException("The key's answer holds no token.");
    }

    /// <summary>
    /// An operator request; a 503 (a cluster just formed, still placing its shards) is tried again, up to five times.
    /// A refusal throws with the server's answer in the message.
    /// </summary>
    private static async Task<string> AdminPostAsync(HttpClient admin, string path, object body, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var response = await admin.PostAsJsonAsync(path, body, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return text;
            }

            if (attempt < 6 && response.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable)
            {
                await Task.Delay(TimeSpan.FromSeconds(attempt), cancellationToken);
                continue;
            }

            throw new HttpRequestException($"POST {path} answered {(int)response.StatusCode}: {text}", null, response.StatusCode);
        }
    }

    /// <summary>Opens <paramref name="count"/> accounts, a few at a time, each with an X channel.</summary>
    public static async Task<IReadOnlyList<LoadAccount>> OpenAccountsAsync(HttpClient api, int count, CancellationToken cancellationToken, int parallelism = 8)
    {
        var accounts = new LoadAccount[count];
        var opened = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var account = await PostAsync(api, "/accounts", OpenAccountBody($"Client {i}"), $"account-{i}", ct);
            var channel = await PostAsync(api, $"{account}/channels", ConnectChannelBody($"client-{i}"), $"channel-{i}", ct);
            accounts[i] = new LoadAccount(account, channel[(channel.LastIndexOf('/') + 1)..]);
            if (Interlocked.Increment(ref opened) % 1000 == 0)
            {
                Console.WriteLine($"  {opened} accounts open after {clock.Elapsed.TotalSeconds:0} s");
            }
        });
        return accounts;
    }

    /// <summary>
    /// POSTs and returns the Location (or the path's parent for a lifecycle step). A 503 or 429 is retried after a
    /// pause, a few times; a lifecycle step that answers 409 on a retry had gone through the first time. Creates
    /// carry an Idempotency-Key, so a retry never makes a second one.
    /// </summary>
    public static async Task<string> PostAsync(HttpClient api, string path, string? body, string? idempotencyKey, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path);
            if (body is not null)
            {
                request.Content = Json(body);
            }

            if (idempotencyKey is not null)
            {
                request.Headers.Add("Idempotency-Key", idempotencyKey);
            }

            using var response = await api.SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode || (attempt > 1 && response.StatusCode == System.Net.HttpStatusCode.Conflict))
            {
                return response.Headers.Location?.OriginalString ?? path[..path.LastIndexOf('/')];
            }

            if (attempt < 6 && response.StatusCode is System.Net.HttpStatusCode.ServiceUnavailable or System.Net.HttpStatusCode.TooManyRequests)
            {
                await Task.Delay(TimeSpan.FromSeconds(attempt), cancellationToken);
                continue;
            }

            throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    public static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    public static string CreatePostBody(string channelId) =>
        $$"""{ "title": "Autumn blend launch", "variants": [ { "channelId": "{{channelId}}", "text": "Our autumn blend is here: roasted in small batches." } ] }""";

    public static string OpenAccountBody(string name) => $$"""
        {
          "name": "{{name}}",
          "contract": {
            "scope": [ { "network": "LinkedIn", "postsPerWeek": 5 }, { "network": "X", "postsPerWeek": 200 } ],
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
