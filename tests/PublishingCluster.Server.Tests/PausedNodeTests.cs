using PublishingCluster.Server.Tests.Support;

namespace PublishingCluster.Server.Tests;

/// <summary>
/// A node of a three-node cluster on PostgreSQL freezes (SIGSTOP) with sends queued in its gateway, for longer than
/// the others wait before they down it and take over its accounts, and then thaws (SIGCONT) and carries on.
/// </summary>
[Collection(PostgresClusterCollection.Name)]
public sealed class PausedNodeTests(PostgresServer postgres)
{
    // 300 posts: 60 accounts with 5 (a LinkedIn week under the sample contract). Slow networks (300 ms a call, two calls at a time per network per node), so sends queue in each gateway and the
    // frozen node holds many when it stops.
    private static readonly string[] SlowNetworks = ["--network-latency-ms", "300", "--network-concurrency", "2", "--tick-ms", "200"];

    [Fact]
    public async Task A_node_frozen_while_the_others_take_over_its_accounts_sends_nothing_after_it_thaws_and_every_post_goes_out_once()
    {
        await using var cluster = await NodeCluster.StartAsync(postgres, 3, SlowNetworks);
        var posts = await ApprovedPosts.CreateAsync(cluster.Nodes[0], "pause-agency", accounts: 60, postsPerAccount: 5);
        var homes = await Task.WhenAll(posts.Variants.Select(v => v.AccountId).Distinct()
            .Select(async a => (Account: a, Node: await NodeCluster.LocateAsync(cluster.Nodes[0], a))));
        // The node holding the most accounts freezes: it has the most sends queued.
        var frozenAddress = homes.GroupBy(h => h.Node).OrderByDescending(g => g.Count()).First().Key;
        var frozen = cluster.Nodes[cluster.Addresses.ToList().IndexOf(frozenAddress!)];
        var others = cluster.Nodes.Where(n => n != frozen).ToList();
        var frozenPosts = homes.Count(h => h.Node == frozenAddress) * 5;

        using var networks = cluster.Networks();
        await posts.ScheduleAllAsync(DateTimeOffset.UtcNow.AddSeconds(3));
        await WaitForAsync(() => networks.Count() >= 20, TimeSpan.FromSeconds(90), "20 posts published before the pause");
        await frozen.PauseAsync();
        var publishedAtPause = networks.Count();

        // Longer than the failure detector's pause, the resolver's wait (5 s here) and the removal margin together:
        // the others down the frozen node and publish its accounts' posts meanwhile.
        await cluster.WaitForMembersAsync(others[0], cluster.Addresses.Where(a => a != frozenAddress), TimeSpan.FromSeconds(90));
        await Task.Delay(TimeSpan.FromSeconds(8));
        await frozen.ResumeAsync();

        await WaitForAsync(() => networks.Count() >= posts.Variants.Count, TimeSpan.FromSeconds(180), $"all {posts.Variants.Count} posts published");
        // The thawed node acts at once on what it holds; give it time to send what it should not.
        await Task.Delay(TimeSpan.FromSeconds(10));

        Assert.True(publishedAtPause < posts.Variants.Count - frozenPosts / 2, $"The pause came too late to show anything: {publishedAtPause} of {posts.Variants.Count} were out.");
        var published = networks.All();
        Assert.Equal(
            posts.Variants.Select(v => v.IdempotencyKey).Order(StringComparer.Ordinal),
            published.Select(p => p.IdempotencyKey).Order(StringComparer.Ordinal));
        Assert.Equal(0, networks.DuplicateSends);
        Assert.Contains("sends nothing more to the networks", frozen.Output, StringComparison.Ordinal);
    }

    private static async Task WaitForAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}.");
            await Task.Delay(100);
        }
    }
}
