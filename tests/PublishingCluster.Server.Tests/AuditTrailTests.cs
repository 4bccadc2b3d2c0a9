using System.Net;
using PublishingCluster.Server.Tests.Support;

namespace PublishingCluster.Server.Tests;

public sealed class AuditTrailTests(SharedServer server) : IClassFixture<SharedServer>
{
    [Fact]
    public async Task Every_accepted_change_is_in_the_agency_audit_trail_with_who_did_it()
    {
        var (accountId, channelId) = await server.OpenAccountWithChannelAsync();
        var managerToken = await Tenancy.IssueKeyAsync(server.Host, SharedServer.AgencyId, "AccountManager", accountId);
        using var manager = server.Host.CreateClient(managerToken);
        var postId = (await manager.PostJsonAsync($"/accounts/{accountId}/posts", Requests.CreatePost(channelId))).Ok()["postId"]!.GetValue<string>();
        (await manager.PostJsonAsync($"/accounts/{accountId}/posts/{postId}/client-approve", null)).Problem(HttpStatusCode.Conflict);

        var trail = (await server.Client.GetJsonAsync($"/agency/audit?accountId={accountId}"))["entries"]!.AsArray();

        Assert.Equal(["OpenAccount", "ConnectChannel", "CreatePost"], trail.Select(e => e!["action"]!.GetValue<string>()));
        var created = trail[2]!;
        Assert.Equal(managerToken.Split('.')[2], created["subject"]!.GetValue<string>());
        Assert.Equal("AccountManager", created["role"]!.GetValue<string>());
        Assert.Equal(postId, created["resultId"]!.GetValue<string>());
        Assert.Equal(await server.VersionOfAsync(accountId), created["version"]!.GetValue<long>());
    }

    [Fact]
    public async Task The_trail_pages_with_next_and_shows_nothing_of_other_agencies()
    {
        var (accountId, _) = await server.OpenAccountWithChannelAsync();
        var first = await server.Client.GetJsonAsync($"/agency/audit?accountId={accountId}&limit=1");
        var second = await server.Client.GetJsonAsync($"/agency/audit?accountId={accountId}&limit=1&after={first["next"]!.GetValue<long>()}");

        Assert.Equal("OpenAccount", first["entries"]![0]!["action"]!.GetValue<string>());
        Assert.Equal("ConnectChannel", second["entries"]![0]!["action"]!.GetValue<string>());
        Assert.Empty((await server.OtherAgency.GetJsonAsync($"/agency/audit?accountId={accountId}"))["entries"]!.AsArray());
        Assert.All((await server.OtherAgency.GetJsonAsync("/agency/audit?limit=500"))["entries"]!.AsArray(),
            e => Assert.Equal(SharedServer.OtherAgencyId, e!["agencyId"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=501", "limit")]
    [InlineData("after=-1", "after")]
    public async Task Page_parameters_out_of_range_are_400s(string query, string field)
    {
        (await server.Client.SendAsync(HttpMethod.Get, $"/agency/audit?{query}")).Problem(HttpStatusCode.BadRequest, field: field);
    }

    [Fact]
    public async Task Only_an_agency_admin_reads_the_trail()
    {
        var (accountId, _) = await server.OpenAccountWithChannelAsync();
        using var manager = server.Host.CreateClient(await Tenancy.IssueKeyAsync(server.Host, SharedServer.AgencyId, "AccountManager", accountId));

        (await manager.SendAsync(HttpMethod.Get, "/agency/audit")).Problem(HttpStatusCode.Forbidden, "auth.forbidden");
    }
}
