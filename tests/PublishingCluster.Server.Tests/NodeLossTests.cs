using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using PublishingCluster.Server.Tests.Support;

namespace PublishingCluster.Server.Tests;

/// <summary>A node of a three-node cluster on PostgreSQL dies (SIGKILL) in the middle of publishing and engagement.</summary>
[Collection(PostgresClusterCollection.Name)]
public sealed class NodeLossTests(PostgresServer postgres)
{
    // Slow networks (150 ms a call, two calls at a time per network per node: about 40 posts a second for the three
    // nodes) stretch publishing over seconds, so the node dies while posts are going out.
    private static readonly string[] SlowNetworks = ["--network-latency-ms", "150", "--network-concurrency", "2", "--tick-ms", "200"];

    [Fact]
    public async Task The_survivors_down_a_killed_node_take_over_its_accounts_and_publish_every_due_post_once_losing_nothing_accepted()
    {
        await using var cluster = await NodeCluster.StartAsync(postgres, 3, SlowNetworks);
        // The first node is the oldest: it also runs the shard coordinators and the notification singleton, which
        // must move to the survivors with its accounts and posting partitions.
        var doomed = cluster.Nodes[0];
        var survivors = cluster.Nodes.Skip(1).ToList();
        var posts = await ApprovedPosts.CreateAsync(survivors[0], "loss-agency", accounts: 20, postsPerAccount: 4);
        var homes = await Task.WhenAll(posts.Variants.Select(v => v.AccountId).Distinct().Select(async a => (Account: a, Node: await NodeCluster.LocateAsync(survivors[0], a))));
        var lostAccounts = homes.Where(h => h.Node == cluster.Addresses[0]).Select(h => h.Account).ToHashSet();
        Assert.NotEmpty(lostAccounts);

        using var networks = cluster.Networks();

        // Engagement keeps arriving through the surviving nodes, before, during and after the loss; some is accepted
        // before the posts fall due, so the kill always has accepted engagement to lose (on a busy machine too).
        using var engagement = new EngagementStream(posts, survivors);
        var stream = engagement.RunAsync();
        await WaitForAsync(() => !engagement.Accepted.IsEmpty, TimeSpan.FromSeconds(90), "an engagement accepted before the posts fall due");
        await posts.ScheduleAllAsync(DateTimeOffset.UtcNow.AddSeconds(3));
        await WaitForAsync(() => networks.Count() >= 15, TimeSpan.FromSeconds(90), "15 posts published before the kill");
        var acceptedBeforeKill = engagement.Accepted.Count;
        await doomed.KillAsync();
        var publishedAtKill = networks.Count();

        // The survivors down the dead node (split-brain resolver, keep-majority: two of three) and remove it.
        await cluster.WaitForMembersAsync(survivors[0], cluster.Addresses.Skip(1), TimeSpan.FromSeconds(90));

        // Its accounts are served again, by the survivors.
        foreach (var accountId in lostAccounts)
        {
            var home = await WaitForHomeAsync(survivors[1], accountId);
            Assert.Contains(home, cluster.Addresses.Skip(1));
        }

        await WaitForAsync(() => networks.Count() >= posts.Variants.Count, TimeSpan.FromSeconds(120), $"all {posts.Variants.Count} posts published");
        engagement.Stop();
        await stream;

        // The kill cut publishing short, or the test shows nothing.
        Assert.InRange(publishedAtKill, 15, posts.Variants.Count - 1);
        Assert.True(acceptedBeforeKill > 0, "No engagement was accepted before the kill.");

        // Exactly once: the networks hold every planned key once, no key was sent again once out, and every account
        // (lost ones included) says published with the network's id.
        var published = networks.All();
        Assert.Equal(
            posts.Variants.Select(v => v.IdempotencyKey).Order(StringComparer.Ordinal),
            published.Select(p => p.IdempotencyKey).Order(StringComparer.Ordinal));
        Assert.Equal(0, networks.DuplicateSends);
        posts.MoveTo(survivors[1]);
        var byKey = published.ToDictionary(p => p.IdempotencyKey);
        foreach (var variant in posts.Variants)
        {
            var post = await WaitForPublishedAsync(posts, variant);
            Assert.Equal(byKey[variant.IdempotencyKey].ExternalId, post["variants"]![0]!["externalId"]!.GetValue<string>());
        }

        // Nothing accepted is lost: every engagement answered 201 is in its account, on whichever node it is now.
        using var reader = posts.ClientOn(survivors[0]);
        foreach (var group in engagement.Accepted.GroupBy(e => e.AccountId))
        {
            var stored = (await reader.GetJsonAsync($"/accounts/{group.Key}/engagements"))["engagements"]!.AsArray()
                .Select(e => e!["engagementId"]!.GetValue<string>())
                .ToHashSet(StringComparer.Ordinal);
            Assert.All(group, accepted => Assert.Contains(accepted.EngagementId, stored));
        }
    }

    private static async Task<string> WaitForHomeAsync(ServerProcess node, string accountId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (await NodeCluster.LocateAsync(node, accountId) is { } home)
            {
                return home;
            }

            Assert.True(DateTime.UtcNow < deadline, $"No node took over {accountId}.");
            await Task.Delay(250);
        }
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

    /// <summary>The network answers before the account records it; give the account a moment to catch up.</summary>
    private static async Task<JsonNode> WaitForPublishedAsync(ApprovedPosts posts, PlannedVariant variant)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var post = await posts.PostAsync(variant);
            if (post["status"]!.GetValue<string>() == "Published" || DateTime.UtcNow > deadline)
            {
                Assert.Equal("Published", post["status"]!.GetValue<string>());
                return post;
            }

            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Comments arriving one after another on random accounts through the given nodes, with the ones the API accepted
    /// (201) noted. A request to an account whose node just died may fail or time out: it was not accepted, and the
    /// stream goes on.
    /// </summary>
    private sealed class EngagementStream(ApprovedPosts posts, IReadOnlyList<ServerProcess> nodes) : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly List<HttpClient> _clients = [.. nodes.Select(posts.ClientOn)];

        public ConcurrentBag<(string AccountId, string EngagementId)> Accepted { get; } = [];

        public async Task RunAsync()
        {
            var random = new Random(8);
            for (var n = 0; !_stop.IsCancellationRequested && n < 10_000; n++)
            {
                var variant = posts.Variants[random.Next(posts.Variants.Count)];
                var engagementId = $"e-{n}";
                var body = $$"""
                    { "engagementId": "{{engagementId}}", "channelId": "{{variant.ChannelId}}", "kind": "Comment", "author": "@reader{{n}}",
                      "text": "{{(n % 5 == 0 ? "This is terrible, I want a refund" : "Lovely post")}}", "sentiment": "{{(n % 5 == 0 ? "Negative" : "Positive")}}",
                      "receivedAt": "{{DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture)}}" }
                    """;
                try
                {
                    var (status, _, _) = await _clients[n % _clients.Count].SendAsync(HttpMethod.Post, $"/accounts/{variant.AccountId}/engagements", body);
                    if (status == System.Net.HttpStatusCode.Created)
                    {
                        Accepted.Add((variant.AccountId, engagementId));
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or ObjectDisposedException)
                {
                    // Not accepted; nothing is owed for it.
                }

                await Task.Delay(50);
            }
        }

        public void Stop() => _stop.Cancel();

        public void Dispose()
        {
            _stop.Cancel();
            _clients.ForEach(client => client.Dispose());
            _stop.Dispose();
        }
    }
}
