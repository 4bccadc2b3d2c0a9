using System.Globalization;
using System.Text.Json.Nodes;
using PublishingCluster.Channels.Simulated;

namespace PublishingCluster.Server.Tests.Support;

/// <summary>One post's only variant, as the network knows it: by the key the account publishes it under.</summary>
public sealed record PlannedVariant(string AccountId, string PostId, string ChannelId)
{
    public string IdempotencyKey => $"{AccountId}/{PostId}/{ChannelId}";
}

/// <summary>
/// An agency with accounts, each with a LinkedIn channel and posts approved by agency and client: the work a
/// publishing test schedules, made over HTTP on a real server process as a client would.
/// </summary>
public sealed class ApprovedPosts
{
    private readonly string _token;
    private HttpClient _admin;

    private ApprovedPosts(string token, HttpClient admin, IReadOnlyList<PlannedVariant> variants)
    {
        _token = token;
        _admin = admin;
        Variants = variants;
    }

    public IReadOnlyList<PlannedVariant> Variants { get; }

    public static async Task<ApprovedPosts> CreateAsync(ServerProcess server, string agencyId, int accounts, int postsPerAccount)
    {
        using var operatorClient = new HttpClient { BaseAddress = server.AdminAddress };
        (await operatorClient.PostJsonAsync("/admin/agencies", new { agencyId, name = agencyId })).Ok();
        var token = (await operatorClient.PostJsonAsync($"/admin/agencies/{agencyId}/keys", """{ "label": "Publishing test", "role": "AgencyAdmin" }""")).Ok()["token"]!.GetValue<string>();
        var admin = AdminOn(server, token);

        var perAccount = await Task.WhenAll(Enumerable.Range(0, accounts).Select(async a =>
        {
            var accountId = (await admin.PostJsonAsync("/accounts", Requests.OpenAccount($"Client {a}"))).Ok()["accountId"]!.GetValue<string>();
            var channelId = (await admin.PostJsonAsync($"/accounts/{accountId}/channels", Requests.ConnectChannel(handle: $"client-{a}"))).Ok()["channel"]!["channelId"]!.GetValue<string>();
            var planned = new List<PlannedVariant>();
            for (var p = 0; p < postsPerAccount; p++)
            {
                var postId = (await admin.PostJsonAsync($"/accounts/{accountId}/posts", Requests.CreatePost(channelId, text: $"Post {p} of client {a}"))).Ok()["postId"]!.GetValue<string>();
                foreach (var step in new[] { "submit", "approve", "client-approve" })
                {
                    (await admin.PostJsonAsync($"/accounts/{accountId}/posts/{postId}/{step}", null)).Ok();
                }

                planned.Add(new PlannedVariant(accountId, postId, channelId));
            }

            return planned;
        }));
        return new ApprovedPosts(token, admin, [.. perAccount.SelectMany(p => p)]);
    }

    /// <summary>From now on, speak to <paramref name="server"/> (a node restarted on the same journal listens elsewhere).</summary>
    public void MoveTo(ServerProcess server)
    {
        _admin.Dispose();
        _admin = AdminOn(server, _token);
    }

    /// <summary>A client of the agency's admin key on <paramref name="server"/> (any node of a cluster); the caller disposes it.</summary>
    public HttpClient ClientOn(ServerProcess server) => AdminOn(server, _token);

    private static HttpClient AdminOn(ServerProcess server, string token)
    {
        var admin = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        admin.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return admin;
    }

    /// <summary>Schedules every post at <paramref name="at"/>.</summary>
    public async Task ScheduleAllAsync(DateTimeOffset at)
    {
        var body = $$"""{ "at": "{{at.ToString("O", CultureInfo.InvariantCulture)}}" }""";
        await Task.WhenAll(Variants.Select(async v => (await _admin.PostJsonAsync($"/accounts/{v.AccountId}/posts/{v.PostId}/schedule", body)).Ok()));
    }

    public Task<JsonNode> PostAsync(PlannedVariant variant) => _admin.GetJsonAsync($"/accounts/{variant.AccountId}/posts/{variant.PostId}");

    /// <summary>What the simulated networks hold, read from their file as another process would.</summary>
    public static IReadOnlyList<Publication> Published(string networksPath, out long duplicateSends)
    {
        using var log = new SqlitePublicationLog(networksPath);
        duplicateSends = log.DuplicateSends;
        return log.All();
    }

    /// <summary>Waits until the networks hold at least <paramref name="count"/> posts; returns what they hold then.</summary>
    public static async Task<IReadOnlyList<Publication>> WaitForPublishedAsync(string networksPath, int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var published = Published(networksPath, out _);
            if (published.Count >= count || DateTime.UtcNow > deadline)
            {
                return published;
            }

            await Task.Delay(50);
        }
    }
}
