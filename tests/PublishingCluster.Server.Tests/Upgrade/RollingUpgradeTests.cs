using System.Globalization;
using System.Text.Json.Nodes;
using PublishingCluster.Server.Tests.Support;

namespace PublishingCluster.Server.Tests.Upgrade;

/// <summary>Runs only with ROLLING_UPGRADE_TEST=1 (tests/rolling-upgrade.sh): it builds the previous server first, about two minutes.</summary>
public sealed class RollingUpgradeFactAttribute : FactAttribute
{
    public const string Variable = "ROLLING_UPGRADE_TEST";

    public RollingUpgradeFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(Variable) != "1")
        {
            Skip = $"Builds the previous server (minutes): run with {Variable}=1, or bash tests/rolling-upgrade.sh.";
        }
    }
}

/// <summary>
/// The rolling upgrade from the build before the cluster protocol serializer, with real processes on PostgreSQL.
/// Step one: a node of the previous build and a node of this build with <c>--wire-format json</c> in one cluster
/// serve requests for each other's accounts. Step two: a node of this build with the default wire format joins, the
/// previous build's node leaves, and the two nodes of this build, one writing each format, serve each other's.
/// </summary>
[Collection(PostgresClusterCollection.Name)]
public sealed class RollingUpgradeTests(PostgresServer postgres)
{
    [RollingUpgradeFact]
    public async Task Nodes_of_the_previous_build_and_of_this_one_serve_each_others_accounts_through_both_steps_of_the_upgrade()
    {
        var previous = await PreviousBuild.ServerOfAsync(PreviousBuild.BeforeClusterProtocolSerializer);
        var server = PreviousBuild.ThisServer();
        var connectionString = await postgres.CreateDatabaseAsync();
        var ports = Enumerable.Range(0, 3).Select(_ => ServerProcess.FreeLoopbackPort()).ToList();
        var addresses = ports.Select(p => $"akka.tcp://PublishingCluster@127.0.0.1:{p}").ToList();
        string[] ArgsFor(int node, params string[] more) =>
        [
            "--node-port", ports[node].ToString(CultureInfo.InvariantCulture), "--seed-nodes", string.Join(',', addresses.Take(2)),
            "--stable-after", NodeCluster.StableAfterSeconds, .. more,
        ];

        // Step one: the previous build beside this one, which writes what the previous build reads.
        await using var old = await ServerProcess.StartBuildOnPostgresAsync(previous, connectionString, ArgsFor(0));
        await using var upgraded = await ServerProcess.StartBuildOnPostgresAsync(server, connectionString, ArgsFor(1, "--wire-format", "json"));
        await WaitForMembersAsync(old, [addresses[0], addresses[1]]);
        var posts = await ApprovedPosts.CreateAsync(old, "upgrade-agency", accounts: 12, postsPerAccount: 1);

        await ServeEachOthersAccountsAsync(posts, [old, upgraded], [addresses[0], addresses[1]], "step one");
        NoMessageWasUnreadable(old);
        NoMessageWasUnreadable(upgraded);

        // Step two: a node of this build in the default format joins, the previous build's node leaves.
        await using var current = await ServerProcess.StartBuildOnPostgresAsync(server, connectionString, ArgsFor(2));
        await WaitForMembersAsync(upgraded, addresses);
        await old.StopAsync(TimeSpan.FromSeconds(60));
        await WaitForMembersAsync(upgraded, [addresses[1], addresses[2]]);

        await ServeEachOthersAccountsAsync(posts, [upgraded, current], [addresses[1], addresses[2]], "step two");
        NoMessageWasUnreadable(upgraded);
        NoMessageWasUnreadable(current);
    }

    /// <summary>
    /// Every account read through both nodes (the same answer), and written through the node that does not hold it
    /// and read back through both; each node must hold some accounts, so each serves the other's.
    /// </summary>
    private static async Task ServeEachOthersAccountsAsync(ApprovedPosts posts, ServerProcess[] nodes, string[] addresses, string step)
    {
        var homes = new Dictionary<string, string>();
        foreach (var accountId in posts.Variants.Select(v => v.AccountId))
        {
            // An account has a location only while it is awake: the accounts handed off by a node that left are
            // started on their new node by the next message (remember-entities is off), so each is read first.
            using (var waker = posts.ClientOn(nodes[0]))
            {
                await waker.GetJsonAsync($"/accounts/{accountId}");
            }

            var seen = await Task.WhenAll(nodes.Select(node => NodeCluster.LocateAsync(node, accountId)));
            Assert.All(seen, home => Assert.Equal(seen[0], home));
            homes[accountId] = seen[0] ?? throw new Xunit.Sdk.XunitException($"{step}: no node holds {accountId}.");
        }

        Assert.Equal(addresses.Order(StringComparer.Ordinal), homes.Values.Distinct().Order(StringComparer.Ordinal));

        var clients = nodes.Select(posts.ClientOn).ToList();
        try
        {
            foreach (var variant in posts.Variants)
            {
                var answers = await Task.WhenAll(clients.Select(client => client.GetJsonAsync($"/accounts/{variant.AccountId}/posts/{variant.PostId}")));
                Assert.All(answers, answer => Assert.Equal(answers[0].ToJsonString(), answer.ToJsonString()));
                Assert.Equal("Approved", answers[0]["status"]!.GetValue<string>());

                var home = Array.IndexOf(addresses, homes[variant.AccountId]);
                var away = clients[1 - home];
                var postId = (await away.PostJsonAsync($"/accounts/{variant.AccountId}/posts", Requests.CreatePost(variant.ChannelId, text: $"Written away from its node, {step}")))
                    .Ok()["postId"]!.GetValue<string>();
                (await away.PostJsonAsync($"/accounts/{variant.AccountId}/posts/{postId}/submit", null)).Ok();
                foreach (var client in clients)
                {
                    Assert.Equal("InReview", (await client.GetJsonAsync($"/accounts/{variant.AccountId}/posts/{postId}"))["status"]!.GetValue<string>());
                }
            }
        }
        finally
        {
            clients.ForEach(client => client.Dispose());
        }
    }

    /// <summary>A message a node could not read is dropped and logged; requests would then time out, and the log says why.</summary>
    private static void NoMessageWasUnreadable(ServerProcess node)
    {
        Assert.DoesNotContain("deserializ", node.Output, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("SerializationException", node.Output, StringComparison.Ordinal);
    }

    private static async Task WaitForMembersAsync(ServerProcess askedNode, IReadOnlyList<string> expected)
    {
        using var operatorClient = NodeCluster.OperatorOn(askedNode);
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var state = await operatorClient.GetJsonAsync("/admin/cluster");
            var members = state["members"]!.AsArray();
            var up = members.Where(m => m!["status"]!.GetValue<string>() == "Up" && m["reachable"]!.GetValue<bool>()).Select(m => m!["address"]!.GetValue<string>());
            if (members.Count == expected.Count && up.Order(StringComparer.Ordinal).SequenceEqual(expected.Order(StringComparer.Ordinal)))
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Members {string.Join(", ", expected)} expected; the node sees {state.ToJsonString()}");
            await Task.Delay(250);
        }
    }
}
