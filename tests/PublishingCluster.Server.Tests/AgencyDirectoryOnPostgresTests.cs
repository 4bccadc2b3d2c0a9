using System.Net;
using PublishingCluster.Server.Tests.Support;

namespace PublishingCluster.Server.Tests;

/// <summary>The look-up of registered agencies on the cluster's PostgreSQL journal, through two server processes.</summary>
[Collection(PostgresClusterCollection.Name)]
public sealed class AgencyDirectoryOnPostgresTests(PostgresServer postgres)
{
    [Fact]
    public async Task An_agency_registered_through_one_node_authenticates_through_the_other_at_once_and_a_made_up_one_is_refused()
    {
        await using var cluster = await NodeCluster.StartAsync(postgres, 2);
        var (first, second) = (cluster.Nodes[0], cluster.Nodes[1]);
        using var operatorOnFirst = NodeCluster.OperatorOn(first);

        using (var early = Authorized(second, $"pck.fabrikam.key_0123456789abcdef.{new string('s', 43)}"))
        {
            (await early.SendAsync(HttpMethod.Get, "/agency")).Problem(HttpStatusCode.Unauthorized);
        }

        (await operatorOnFirst.PostJsonAsync("/admin/agencies", """{ "agencyId": "fabrikam", "name": "Fabrikam" }""")).Ok();
        var token = (await operatorOnFirst.PostJsonAsync("/admin/agencies/fabrikam/keys", """{ "label": "New", "role": "AgencyAdmin" }""")).Ok()["token"]!.GetValue<string>();
        using var onSecond = Authorized(second, token);
        Assert.Equal("fabrikam", (await onSecond.SendAsync(HttpMethod.Get, "/agency")).Ok()["agencyId"]!.GetValue<string>());

        // A made-up agency is refused on both nodes and no node starts an actor for it (as one runs for the real one).
        foreach (var node in cluster.Nodes)
        {
            var real = (await PbmRunner.RunAsync(node.CommandEndpoint, "cluster-sharding", "entity", "-r", "agency", "-e", "fabrikam", "--json")).Json[0];
            Assert.True(real["running"]!.GetValue<bool>(), real.ToJsonString());

            using var madeUp = Authorized(node, $"pck.made-up.key_0123456789abcdef.{new string('s', 43)}");
            (await madeUp.SendAsync(HttpMethod.Get, "/agency")).Problem(HttpStatusCode.Unauthorized);
            var entity = (await PbmRunner.RunAsync(node.CommandEndpoint, "cluster-sharding", "entity", "-r", "agency", "-e", "made-up", "--json")).Json[0];
            Assert.False(entity["running"]!.GetValue<bool>(), entity.ToJsonString());
        }
    }

    private static HttpClient Authorized(ServerProcess node, string token)
    {
        var client = new HttpClient { BaseAddress = node.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
