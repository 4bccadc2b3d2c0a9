using PublishingCluster.Server.Tests.Support;

namespace PublishingCluster.Server.Tests;

/// <summary>A node whose simulated networks have an audience: what it publishes draws engagements, which reach the account.</summary>
public sealed class AudienceOverHttpTests
{
    [Fact]
    public async Task A_published_post_draws_engagements_that_the_account_lists_with_their_deadlines()
    {
        using var folder = new TempFolder();
        await using var host = await ServerHost.StartAsync(folder.File("journal.db"), new Dictionary<string, string?>
        {
            ["Node:Clock"] = "virtual",
            ["Node:ClockStart"] = "2027-03-01T09:00:00Z",
            ["Node:ClockSpeed"] = "0",
            ["Networks:TickMilliseconds"] = "20",
            ["Networks:Audience"] = "true",
        });
        using var admin = await Tenancy.AgencyAdminAsync(host, "audience");
        var accountId = (await admin.PostJsonAsync("/accounts", Requests.OpenAccount())).Ok()["accountId"]!.GetValue<string>();
        var channelId = (await admin.PostJsonAsync($"/accounts/{accountId}/channels", Requests.ConnectChannel())).Ok()["channel"]!["channelId"]!.GetValue<string>();
        // A LinkedIn-length text at a LinkedIn best hour: the audience answers it with at least one engagement.
        var text = string.Concat(Enumerable.Repeat("Fresh coffee news. ", 37));
        var postId = (await admin.PostJsonAsync($"/accounts/{accountId}/posts", Requests.CreatePost(channelId, text))).Ok()["postId"]!.GetValue<string>();
        foreach (var step in new[] { "submit", "approve", "client-approve" })
        {
            (await admin.PostJsonAsync($"/accounts/{accountId}/posts/{postId}/{step}", null)).Ok();
        }

        (await admin.PostJsonAsync($"/accounts/{accountId}/posts/{postId}/schedule", """{ "at": "2027-03-01T10:00:00Z" }""")).Ok();
        (await host.Operator.PostJsonAsync("/admin/clock", """{ "advanceBy": "01:00:00" }""")).Ok();
        await WaitAsync(async () => (await admin.GetJsonAsync($"/accounts/{accountId}/posts/{postId}"))["status"]!.GetValue<string>() == "Published");

        // Engagements arrive within six hours of the post.
        (await host.Operator.PostJsonAsync("/admin/clock", """{ "advanceBy": "07:00:00" }""")).Ok();
        await WaitAsync(async () => (await admin.GetJsonAsync($"/accounts/{accountId}/engagements"))["engagements"]!.AsArray().Count > 0);

        var engagements = (await admin.GetJsonAsync($"/accounts/{accountId}/engagements"))["engagements"]!.AsArray();
        Assert.All(engagements, e =>
        {
            Assert.Equal(channelId, e!["channelId"]!.GetValue<string>());
            Assert.True(e["receivedAt"]!.GetValue<DateTimeOffset>() > new DateTimeOffset(2027, 3, 1, 10, 0, 0, TimeSpan.Zero));
            Assert.True(e["respondBy"]!.GetValue<DateTimeOffset>() > e["receivedAt"]!.GetValue<DateTimeOffset>());
        });
    }

    private static async Task WaitAsync(Func<Task<bool>> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting.");
            await Task.Delay(50);
        }
    }
}
