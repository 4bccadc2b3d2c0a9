using System.Net;
using PublishingCluster.Server.Tests.Support;

namespace PublishingCluster.Server.Tests;

/// <summary>Two real server processes in one cluster (sharing one SQLite journal on this machine).</summary>
public sealed class ClusterRevocationTests
{
    [Fact]
    public async Task A_key_revoked_on_one_node_stops_working_at_once_on_the_other()
    {
        await using var nodes = await TwoNodes.StartAsync();
        var (first, second) = (nodes.First, nodes.Second);
        using var operatorOnFirst = new HttpClient { BaseAddress = first.AdminAddress };

        (await operatorOnFirst.PostJsonAsync("/admin/agencies", """{ "agencyId": "northwind", "name": "Northwind" }""")).Ok();
        var issued = (await operatorOnFirst.PostJsonAsync("/admin/agencies/northwind/keys", """{ "label": "Temp", "role": "AgencyAdmin" }""")).Ok();
        var token = issued["token"]!.GetValue<string>();
        using var onFirst = Authorized(first, token);
        using var onSecond = Authorized(second, token);
        (await onFirst.SendAsync(HttpMethod.Get, "/agency")).Ok();
        (await onSecond.SendAsync(HttpMethod.Get, "/agency")).Ok();

        var revoke = await operatorOnFirst.SendAsync(HttpMethod.Delete, $"/admin/agencies/northwind/keys/{issued["keyId"]!.GetValue<string>()}");
        Assert.Equal(HttpStatusCode.NoContent, revoke.Status);

        (await onSecond.SendAsync(HttpMethod.Get, "/agency")).Problem(HttpStatusCode.Unauthorized);
        (await onFirst.SendAsync(HttpMethod.Get, "/agency")).Problem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_agency_registered_through_one_node_authenticates_through_the_other_at_once_though_it_was_refused_there_before()
    {
        await using var nodes = await TwoNodes.StartAsync();
        var (first, second) = (nodes.First, nodes.Second);
        using var operatorOnFirst = new HttpClient { BaseAddress = first.AdminAddress };

        // The second node is asked for the agency while it does not exist yet: refused, and nothing must remember that.
        using (var early = Authorized(second, $"pck.contoso.key_0123456789abcdef.{new string('s', 43)}"))
        {
            (await early.SendAsync(HttpMethod.Get, "/agency")).Problem(HttpStatusCode.Unauthorized);
        }

        (await operatorOnFirst.PostJsonAsync("/admin/agencies", """{ "agencyId": "contoso", "name": "Contoso" }""")).Ok();
        var token = (await operatorOnFirst.PostJsonAsync("/admin/agencies/contoso/keys", """{ "label": "New", "role": "AgencyAdmin" }""")).Ok()["token"]!.GetValue<string>();
        using var onSecond = Authorized(second, token);
        Assert.Equal("contoso", (await onSecond.SendAsync(HttpMethod.Get, "/agency")).Ok()["agencyId"]!.GetValue<string>());
    }

    /// <summary>Two nodes in one cluster on one SQLite journal in a folder of their own; the first is the seed.</summary>
    private sealed class TwoNodes(TempFolder folder, ServerProcess first, ServerProcess second) : IAsyncDisposable
    {
        public ServerProcess First => first;

        public ServerProcess Second => second;

        public static async Task<TwoNodes> StartAsync()
        {
            var folder = new TempFolder();
            ServerProcess? first = null;
            try
            {
                var database = folder.File("journal.db");
                var seedPort = ServerProcess.FreeLoopbackPort();
                var seed = $"akka.tcp://PublishingCluster@127.0.0.1:{seedPort}";
                first = await ServerProcess.StartAsync(database, "--node-port", seedPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--seed-nodes", seed);
                var second = await ServerProcess.StartAsync(database, "--seed-nodes", seed);
                return new TwoNodes(folder, first, second);
            }
            catch
            {
                if (first is not null)
                {
                    await first.DisposeAsync();
                }

                folder.Dispose();
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            await second.DisposeAsync();
            await first.DisposeAsync();
            folder.Dispose();
        }
    }

    private static HttpClient Authorized(ServerProcess node, string token)
    {
        var client = new HttpClient { BaseAddress = node.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
