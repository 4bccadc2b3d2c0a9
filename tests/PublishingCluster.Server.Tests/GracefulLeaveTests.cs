using System.Collections.Concurrent;
using System.Net;
using PublishingCluster.Server.Tests.Support;

namespace PublishingCluster.Server.Tests;

/// <summary>A node of a three-node cluster on PostgreSQL is stopped the orderly way (SIGTERM) while requests flow.</summary>
[Collection(PostgresClusterCollection.Name)]
public sealed class GracefulLeaveTests(PostgresServer postgres)
{
    [Fact]
    public async Task A_node_that_leaves_hands_its_accounts_off_and_no_request_to_the_other_nodes_fails()
    {
        await using var cluster = await NodeCluster.StartAsync(postgres, 3);
        var leaving = cluster.Nodes[2];
        var staying = cluster.Nodes.Take(2).ToList();
        var posts = await ApprovedPosts.CreateAsync(staying[0], "leave-agency", accounts: 12, postsPerAccount: 1);
        var moving = new List<PlannedVariant>();
        foreach (var variant in posts.Variants)
        {
            if (await NodeCluster.LocateAsync(staying[0], variant.AccountId) == cluster.Addresses[2])
            {
                moving.Add(variant);
            }
        }

        Assert.NotEmpty(moving);

        // Reads of every account and new drafts, through the staying nodes, from before the leave until after it.
        var clients = staying.Select(posts.ClientOn).ToList();
        var failures = new ConcurrentQueue<string>();
        var sent = 0;
        using var stop = new CancellationTokenSource();
        var load = Task.Run(async () =>
        {
            for (var n = 0; !stop.IsCancellationRequested && n < 100_000; n++)
            {
                var variant = posts.Variants[n % posts.Variants.Count];
                var client = clients[n % clients.Count];
                try
                {
                    var (status, body, _) = n % 4 == 0
                        ? await client.SendAsync(HttpMethod.Post, $"/accounts/{variant.AccountId}/posts", Requests.CreatePost(variant.ChannelId, text: $"Draft {n}"))
                        : await client.SendAsync(HttpMethod.Get, $"/accounts/{variant.AccountId}");
                    if (status is not (HttpStatusCode.OK or HttpStatusCode.Created))
                    {
                        failures.Enqueue($"request {n} to {variant.AccountId}: {(int)status} {body?.ToJsonString()}");
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    failures.Enqueue($"request {n} to {variant.AccountId}: {e.Message}");
                }

                Interlocked.Increment(ref sent);
            }
        });

        try
        {
            // Load under way before the leave and still after it: by count, not only by time, since a busy machine
            // may send few requests in a few seconds (each wait bounded).
            await WaitForSentAsync(() => Volatile.Read(ref sent), 25, TimeSpan.FromSeconds(2));
            await leaving.StopAsync(TimeSpan.FromSeconds(60));
            await cluster.WaitForMembersAsync(staying[0], cluster.Addresses.Take(2), TimeSpan.FromSeconds(60));
            var afterLeave = Volatile.Read(ref sent);
            await WaitForSentAsync(() => Volatile.Read(ref sent), afterLeave + 25, TimeSpan.FromSeconds(3));
        }
        finally
        {
            await stop.CancelAsync();
            await load;
            clients.ForEach(client => client.Dispose());
        }

        Assert.True(failures.IsEmpty, $"{failures.Count} of {sent} requests failed:\n{string.Join('\n', failures.Take(20))}");
        Assert.True(sent > 50, $"Only {sent} requests were sent during the leave.");

        // The leaver's accounts now live on the staying nodes, with what they had.
        foreach (var variant in moving)
        {
            Assert.Contains(await NodeCluster.LocateAsync(staying[1], variant.AccountId), cluster.Addresses.Take(2));
            var post = await posts.PostAsync(variant);
            Assert.Equal("Approved", post["status"]!.GetValue<string>());
        }
    }

    /// <summary>Waits at least <paramref name="atLeast"/>, and until <paramref name="target"/> requests were sent (at most 90 s).</summary>
    private static async Task WaitForSentAsync(Func<int> sent, int target, TimeSpan atLeast)
    {
        await Task.Delay(atLeast);
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (sent() < target && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
    }
}
