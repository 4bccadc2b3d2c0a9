using System.Globalization;
using System.Net;
using System.Net.Sockets;
using PublishingCluster.Server.Tests.Support;

namespace PublishingCluster.Server.Tests;

/// <summary>
/// Keys naming agencies that do not exist, sent over real HTTP to a server process: they must cost the node no
/// agency actor, and a client address that keeps failing is refused with 429 before any work is done.
/// </summary>
public sealed class FailedAuthenticationTests
{
    private const int FailureLimit = 10;

    [Fact]
    public async Task Made_up_agencies_get_401_then_429_start_no_agency_actor_and_a_real_key_still_works()
    {
        using var folder = new TempFolder();
        // Ten failures per address, the allowance coming back over a minute (one every 6 s).
        await using var node = await ServerProcess.StartAsync(folder.File("journal.db"),
            "--auth-failure-limit", FailureLimit.ToString(CultureInfo.InvariantCulture), "--auth-failure-window", "60");
        using var operatorClient = new HttpClient { BaseAddress = node.AdminAddress };
        (await operatorClient.PostJsonAsync("/admin/agencies", """{ "agencyId": "northwind", "name": "Northwind" }""")).Ok();
        var token = (await operatorClient.PostJsonAsync("/admin/agencies/northwind/keys", """{ "label": "Real", "role": "AgencyAdmin" }""")).Ok()["token"]!.GetValue<string>();
        var agenciesBefore = await AgencyEntitiesAsync(node);

        using var attacker = From(node, IPAddress.Loopback);
        var statuses = new List<HttpStatusCode>();
        (HttpStatusCode Status, System.Text.Json.Nodes.JsonNode? Body, HttpResponseMessage Response)? limited = null;
        for (var i = 0; i < 200 && limited is null; i++)
        {
            attacker.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
                "Bearer", $"pck.made-up-{i}.key_0123456789abcdef.{new string('s', 43)}");
            var answer = await attacker.SendAsync(HttpMethod.Get, "/agency");
            statuses.Add(answer.Status);
            if (answer.Status == HttpStatusCode.TooManyRequests)
            {
                limited = answer;
            }
        }

        Assert.True(statuses.Take(FailureLimit).All(s => s == HttpStatusCode.Unauthorized), $"The first {FailureLimit} failures are 401s: {string.Join(",", statuses)}");
        Assert.True(limited is not null, $"No 429 in {statuses.Count} failures: {string.Join(",", statuses.Distinct())}");
        limited.Value.Problem(HttpStatusCode.TooManyRequests, "auth.too-many-failures");
        Assert.True(int.Parse(limited.Value.Response.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture) >= 1);

        // The refused address is refused before its key is even looked at, a real one too ...
        using var sameAddress = From(node, IPAddress.Loopback, token);
        (await sameAddress.SendAsync(HttpMethod.Get, "/agency")).Problem(HttpStatusCode.TooManyRequests, "auth.too-many-failures");
        // ... while another address with the real key is served,
        using var otherAddress = From(node, IPAddress.Parse("127.0.0.2"), token);
        (await otherAddress.SendAsync(HttpMethod.Get, "/agency")).Ok();
        // and health probes from the refused address are answered.
        attacker.DefaultRequestHeaders.Authorization = null;
        Assert.Equal(HttpStatusCode.OK, (await attacker.GetAsync("/health/ready")).StatusCode);

        // None of the made-up agencies reached the agency shards: the region holds the entities it held before.
        var agenciesAfter = await AgencyEntitiesAsync(node);
        Assert.True(agenciesBefore == agenciesAfter, $"Agency entities {agenciesBefore} before, {agenciesAfter} after {statuses.Count} made-up keys ({string.Join(",", statuses.Distinct())})");

        // Once the address's allowance comes back, the real key works from it again.
        var status = HttpStatusCode.TooManyRequests;
        for (var attempt = 0; attempt < 120 && status == HttpStatusCode.TooManyRequests; attempt++)
        {
            await Task.Delay(250);
            status = (await sameAddress.SendAsync(HttpMethod.Get, "/agency")).Status;
        }

        Assert.Equal(HttpStatusCode.OK, status);
    }

    /// <summary>The agency region's entities on the node, summed over its shards (pbm cluster-sharding region-stats).</summary>
    private static async Task<int> AgencyEntitiesAsync(ServerProcess node)
    {
        var stats = await PbmRunner.RunAsync(node.CommandEndpoint, "cluster-sharding", "region-stats", "-r", "agency", "--json");
        Assert.True(stats.ExitCode == 0, stats.ToString());
        return stats.Json[0]["shards"]!.AsObject().Sum(s => s.Value!.GetValue<int>());
    }

    /// <summary>A client whose connections leave from <paramref name="source"/> (any 127.x address is this machine).</summary>
    private static HttpClient From(ServerProcess node, IPAddress source, string? token = null)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellation) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(source, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellation);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        var client = new HttpClient(handler) { BaseAddress = node.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }
}
