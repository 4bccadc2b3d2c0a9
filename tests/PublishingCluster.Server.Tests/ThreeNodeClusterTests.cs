using System.Net;
using PublishingCluster.Server.Tests.Support;

namespace PublishingCluster.Server.Tests;

/// <summary>Three real server processes in one cluster on PostgreSQL: the accounts live on all of them, and each serves all.</summary>
[Collection(PostgresClusterCollection.Name)]
public sealed class ThreeNodeClusterTests(PostgresServer postgres)
{
    [Fact]
    public async Task Accounts_are_spread_across_three_nodes_and_any_node_reads_and_writes_any_account()
    {
        await using var cluster = await NodeCluster.StartAsync(postgres, 3);
        var posts = await ApprovedPosts.CreateAsync(cluster.Nodes[1], "spread-agency", accounts: 12, postsPerAccount: 1);

        // Every node tells the same home for each account, and each node is home to some.
        var homes = new Dictionary<string, string>();
        foreach (var accountId in posts.Variants.Select(v => v.AccountId))
        {
            var seen = await Task.WhenAll(cluster.Nodes.Select(node => NodeCluster.LocateAsync(node, accountId)));
            Assert.All(seen, home => Assert.Equal(seen[0], home));
            homes[accountId] = seen[0] ?? throw new Xunit.Sdk.XunitException($"No node holds {accountId}.");
        }

        Assert.Equal(cluster.Addresses.Order(StringComparer.Ordinal), homes.Values.Distinct().Order(StringComparer.Ordinal));

        var clients = cluster.Nodes.Select(posts.ClientOn).ToList();
        try
        {
            // Reads: the same answer from every node, whichever holds the account.
            foreach (var variant in posts.Variants)
            {
                foreach (var path in new[] { $"/accounts/{variant.AccountId}", $"/accounts/{variant.AccountId}/posts/{variant.PostId}" })
                {
                    var answers = await Task.WhenAll(clients.Select(client => client.GetJsonAsync(path)));
                    Assert.All(answers, answer => Assert.Equal(answers[0].ToJsonString(), answer.ToJsonString()));
                }
            }

            // Writes: a post written through one node, submitted through the next, is read in review through the third.
            for (var i = 0; i < posts.Variants.Count; i++)
            {
                var variant = posts.Variants[i];
                var postId = (await clients[i % 3].PostJsonAsync($"/accounts/{variant.AccountId}/posts", Requests.CreatePost(variant.ChannelId, text: $"Written through node {i % 3}")))
                    .Ok()["postId"]!.GetValue<string>();
                (await clients[(i + 1) % 3].PostJsonAsync($"/accounts/{variant.AccountId}/posts/{postId}/submit", null)).Ok();
                var read = await clients[(i + 2) % 3].GetJsonAsync($"/accounts/{variant.AccountId}/posts/{postId}");
                Assert.Equal("InReview", read["status"]!.GetValue<string>());
            }
        }
        finally
        {
            clients.ForEach(client => client.Dispose());
        }

        // The operator's location route checks the id it is given.
        using var operatorClient = NodeCluster.OperatorOn(cluster.Nodes[2]);
        (await operatorClient.SendAsync(HttpMethod.Get, "/admin/cluster/accounts/not%20an%20id/location"))
            .Problem(HttpStatusCode.BadRequest, "account.id-malformed", "entityId");
    }
}
