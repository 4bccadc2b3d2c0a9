using PublishingCluster.Server.Tests.Support;

namespace PublishingCluster.Server.Tests;

/// <summary>Stop the node, start a new one on the same SQLite file: every account, channel and post is as it was.</summary>
public sealed class RestartTests
{
    [Fact]
    public async Task Accounts_channels_and_posts_survive_a_restart_on_the_same_file()
    {
        using var folder = new TempFolder();
        var database = folder.File("journal.db");
        var accounts = new List<string>();
        var before = new Dictionary<string, string>();

        string token;
        await using (var host = await ServerHost.StartAsync(database))
        {
            await Tenancy.RegisterAgencyAsync(host, "agency-a");
            token = await Tenancy.IssueKeyAsync(host, "agency-a", "AgencyAdmin");
            using var first = host.CreateClient(token);
            for (var i = 0; i < 5; i++)
            {
                var accountId = (await first.PostJsonAsync("/accounts", Requests.OpenAccount(name: $"Client {i}"))).Ok()["accountId"]!.GetValue<string>();
                var channelId = (await first.PostJsonAsync($"/accounts/{accountId}/channels", Requests.ConnectChannel())).Ok()["channel"]!["channelId"]!.GetValue<string>();
                for (var p = 0; p < 3; p++)
                {
                    var postId = (await first.PostJsonAsync($"/accounts/{accountId}/posts", Requests.CreatePost(channelId, $"Post {p} of client {i}"))).Ok()["postId"]!.GetValue<string>();
                    (await first.PostJsonAsync($"/accounts/{accountId}/posts/{postId}/submit", null)).Ok();
                    (await first.PostJsonAsync($"/accounts/{accountId}/posts/{postId}/schedule", """{ "nextSlot": true }""")).Ok();
                    before[$"/accounts/{accountId}/posts/{postId}"] = (await first.GetJsonAsync($"/accounts/{accountId}/posts/{postId}")).ToJsonString();
                }

                accounts.Add(accountId);
                before[$"/accounts/{accountId}"] = (await first.GetJsonAsync($"/accounts/{accountId}")).ToJsonString();
                before[$"/accounts/{accountId}/channels/{channelId}/queue"] = QueueEntries(await first.GetJsonAsync($"/accounts/{accountId}/channels/{channelId}/queue"));
            }
        }

        await using var restarted = await ServerHost.StartAsync(database);
        using var second = restarted.CreateClient(token);
        foreach (var (path, json) in before)
        {
            var now = await second.GetJsonAsync(path);
            Assert.Equal(json, path.EndsWith("/queue", StringComparison.Ordinal) ? QueueEntries(now) : now.ToJsonString());
        }

        Assert.Equal(5, accounts.Distinct().Count());
    }

    // The queue's next free slot depends on the time of asking; its entries must not.
    private static string QueueEntries(System.Text.Json.Nodes.JsonNode queue) => queue["entries"]!.ToJsonString();
}
