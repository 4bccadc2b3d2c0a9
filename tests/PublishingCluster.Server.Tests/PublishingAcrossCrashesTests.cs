using PublishingCluster.Server.Tests.Support;

namespace PublishingCluster.Server.Tests;

/// <summary>
/// Publishing on a real server process whose simulated networks keep what they publish in their own file, so that
/// what went out is known whatever happens to the node.
/// </summary>
public sealed class PublishingAcrossCrashesTests
{
    // Slow networks (40 ms a call, two calls at a time per network on the node) stretch publishing over seconds,
    // so that the node can be killed while it is under way.
    private static readonly string[] SlowNetworks = ["--network-latency-ms", "40", "--network-concurrency", "2", "--tick-ms", "200"];

    [Fact]
    public async Task A_node_killed_while_publishing_publishes_the_rest_after_a_restart_each_post_exactly_once()
    {
        using var folder = new TempFolder();
        var database = folder.File("journal.db");
        var server = await ServerProcess.StartAsync(database, SlowNetworks);
        ApprovedPosts posts;
        int publishedAtKill;
        try
        {
            posts = await ApprovedPosts.CreateAsync(server, "crash-agency", accounts: 30, postsPerAccount: 5);
            await posts.ScheduleAllAsync(DateTimeOffset.UtcNow.AddSeconds(3));

            var beforeKill = await ApprovedPosts.WaitForPublishedAsync(server.NetworksPath, 40, TimeSpan.FromSeconds(60));
            await server.KillAsync();
            publishedAtKill = ApprovedPosts.Published(server.NetworksPath, out _).Count;
            Assert.True(beforeKill.Count >= 40, $"Only {beforeKill.Count} posts went out before the kill:\n{server.Output}");
        }
        finally
        {
            await server.DisposeAsync();
        }

        // The kill must have cut publishing short, or this test shows nothing.
        Assert.InRange(publishedAtKill, 40, posts.Variants.Count - 1);

        await using var restarted = await ServerProcess.StartAsync(database, SlowNetworks);
        posts.MoveTo(restarted);
        await ApprovedPosts.WaitForPublishedAsync(restarted.NetworksPath, posts.Variants.Count, TimeSpan.FromSeconds(90));
        await AssertEveryPostPublishedOnceAsync(posts, restarted);
    }

    [Fact]
    public async Task Posts_that_fell_due_while_the_node_was_down_are_published_when_it_starts_and_their_lateness_recorded()
    {
        using var folder = new TempFolder();
        var database = folder.File("journal.db");
        ApprovedPosts posts;
        DateTimeOffset due;
        await using (var server = await ServerProcess.StartAsync(database))
        {
            posts = await ApprovedPosts.CreateAsync(server, "downtime-agency", accounts: 4, postsPerAccount: 2);
            due = DateTimeOffset.UtcNow.AddSeconds(2);
            await posts.ScheduleAllAsync(due);
            await server.KillAsync();
            Assert.Empty(ApprovedPosts.Published(server.NetworksPath, out _));
        }

        // Down across the posts' time.
        var downFor = due + TimeSpan.FromSeconds(2) - DateTimeOffset.UtcNow;
        if (downFor > TimeSpan.Zero)
        {
            await Task.Delay(downFor);
        }

        await using var restarted = await ServerProcess.StartAsync(database);
        posts.MoveTo(restarted);
        await ApprovedPosts.WaitForPublishedAsync(restarted.NetworksPath, posts.Variants.Count, TimeSpan.FromSeconds(60));
        await AssertEveryPostPublishedOnceAsync(posts, restarted);
        foreach (var variant in posts.Variants)
        {
            var post = await posts.PostAsync(variant);
            var publishedAt = post["variants"]![0]!["publishedAt"]!.GetValue<DateTimeOffset>();
            Assert.True(publishedAt >= due + TimeSpan.FromSeconds(2), $"{variant.IdempotencyKey} went out at {publishedAt:O}, while the node was down?");
            var lateness = TimeSpan.Parse(post["variants"]![0]!["lateness"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(publishedAt - due, lateness);
        }
    }

    /// <summary>
    /// The networks hold exactly the planned keys; no key was ever sent again once it was up (a duplicate send is
    /// counted by the network even though it posts nothing); and every account says published, with the network's id.
    /// </summary>
    private static async Task AssertEveryPostPublishedOnceAsync(ApprovedPosts posts, ServerProcess server)
    {
        var published = ApprovedPosts.Published(server.NetworksPath, out var duplicateSends);
        Assert.Equal(
            posts.Variants.Select(v => v.IdempotencyKey).Order(StringComparer.Ordinal),
            published.Select(p => p.IdempotencyKey).Order(StringComparer.Ordinal));
        Assert.Equal(0, duplicateSends);

        var byKey = published.ToDictionary(p => p.IdempotencyKey);
        foreach (var variant in posts.Variants)
        {
            var post = await WaitForStatusAsync(posts, variant, "Published");
            Assert.Equal(byKey[variant.IdempotencyKey].ExternalId, post["variants"]![0]!["externalId"]!.GetValue<string>());
        }
    }

    /// <summary>The network answers before the account records it; give the account a moment to catch up.</summary>
    private static async Task<System.Text.Json.Nodes.JsonNode> WaitForStatusAsync(ApprovedPosts posts, PlannedVariant variant, string status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var post = await posts.PostAsync(variant);
            if (post["status"]!.GetValue<string>() == status || DateTime.UtcNow > deadline)
            {
                Assert.Equal(status, post["status"]!.GetValue<string>());
                return post;
            }

            await Task.Delay(100);
        }
    }
}
