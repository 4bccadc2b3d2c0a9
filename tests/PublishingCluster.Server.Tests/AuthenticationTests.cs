using System.Net;
using Microsoft.AspNetCore.Http;
using PublishingCluster.Server.Tests.Support;

namespace PublishingCluster.Server.Tests;

public sealed class AuthenticationTests(SharedServer server) : IClassFixture<SharedServer>
{
    [Fact]
    public async Task A_request_without_a_key_is_a_401_problem_with_a_bearer_challenge()
    {
        var answer = await server.Host.Client.SendAsync(HttpMethod.Get, "/accounts/acc_x");

        answer.Problem(HttpStatusCode.Unauthorized, "auth.unauthenticated", "Authorization");
        Assert.Equal("Bearer", answer.Response.Headers.WwwAuthenticate.ToString());
    }

    [Theory]
    [InlineData("Bearer")]
    [InlineData("Bearer not-a-key")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer pck.agency-a.key_1.too-short")]
    [InlineData("Bearer pck.agency a.key_1.0123456789abcdef0123456789")]
    [InlineData("Bearer pck.no-such-agency.key_1.0123456789abcdef0123456789")]
    public async Task A_malformed_unknown_or_wrong_key_is_a_401(string authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/accounts/acc_x");
        request.Headers.TryAddWithoutValidation("Authorization", authorization);

        var response = await server.Host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("Bearer  {0}")]
    [InlineData("Bearer\t{0}")]
    [InlineData("Bearer \t{0}")]
    [InlineData("bearer {0}")]
    [InlineData("Bearer{0}")]
    public async Task A_valid_key_in_a_loosely_written_header_is_a_401(string format)
    {
        // Sent as written: an HttpClient would parse the header and write it back with one space.
        var token = await Tenancy.IssueKeyAsync(server.Host, SharedServer.AgencyId, "AgencyAdmin");

        var loose = await server.Host.SendRawAsync("/agency", string.Format(System.Globalization.CultureInfo.InvariantCulture, format, token));

        Assert.Equal(StatusCodes.Status401Unauthorized, loose);
        Assert.Equal(StatusCodes.Status200OK, await server.Host.SendRawAsync("/agency", $"Bearer {token}"));
    }

    [Fact]
    public async Task A_key_with_a_right_id_but_wrong_secret_is_a_401()
    {
        var token = await Tenancy.IssueKeyAsync(server.Host, SharedServer.AgencyId, "AgencyAdmin");
        var parts = token.Split('.');
        using var forged = server.Host.CreateClient($"{parts[0]}.{parts[1]}.{parts[2]}.{new string('x', parts[3].Length)}");

        (await forged.SendAsync(HttpMethod.Get, "/agency")).Problem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_revoked_key_stops_working_at_once()
    {
        using var admin = server.Host.CreateClient(await Tenancy.IssueKeyAsync(server.Host, SharedServer.AgencyId, "AgencyAdmin"));
        var victimToken = await Tenancy.IssueKeyAsync(server.Host, SharedServer.AgencyId, "AgencyAdmin");
        using var victim = server.Host.CreateClient(victimToken);
        (await victim.SendAsync(HttpMethod.Get, "/agency")).Ok();

        var keyId = victimToken.Split('.')[2];
        Assert.Equal(HttpStatusCode.NoContent, (await admin.SendAsync(HttpMethod.Delete, $"/agency/keys/{keyId}")).Status);

        (await victim.SendAsync(HttpMethod.Get, "/agency")).Problem(HttpStatusCode.Unauthorized);
        (await admin.SendAsync(HttpMethod.Delete, $"/agency/keys/{keyId}")).Problem(HttpStatusCode.Conflict, "key.already-revoked", "keyId");
        var listed = (await admin.GetJsonAsync("/agency"))["keys"]!.AsArray().Single(k => k!["keyId"]!.GetValue<string>() == keyId)!;
        Assert.NotNull(listed["revokedAt"]);
        Assert.DoesNotContain("secret", listed.ToJsonString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_agency_admin_cannot_revoke_another_agencys_key()
    {
        var otherToken = await Tenancy.IssueKeyAsync(server.Host, SharedServer.OtherAgencyId, "AgencyAdmin");

        (await server.Client.SendAsync(HttpMethod.Delete, $"/agency/keys/{otherToken.Split('.')[2]}")).Problem(HttpStatusCode.NotFound, "key.not-found");
        using var other = server.Host.CreateClient(otherToken);
        (await other.SendAsync(HttpMethod.Get, "/agency")).Ok();
    }

    [Fact]
    public async Task Keys_are_issued_with_roles_that_fit_their_accounts()
    {
        (await server.Client.PostJsonAsync("/agency/keys", """{ "label": "Reviewer", "role": "ClientReviewer" }"""))
            .Problem(HttpStatusCode.BadRequest, "key.accounts-for-role", "accountIds");
        (await server.Client.PostJsonAsync("/agency/keys", """{ "label": "Manager", "role": "AccountManager" }"""))
            .Problem(HttpStatusCode.BadRequest, "key.accounts-for-role", "accountIds");
        (await server.Client.PostJsonAsync("/agency/keys", """{ "label": "Boss", "role": "Overlord" }"""))
            .Problem(HttpStatusCode.BadRequest, "json.invalid", "role");
        (await server.Client.PostJsonAsync("/agency/keys", """{ "label": "", "role": "AgencyAdmin" }"""))
            .Problem(HttpStatusCode.BadRequest, "key.label-invalid", "label");
        var issued = (await server.Client.PostJsonAsync("/agency/keys", """{ "label": "Reviewer", "role": "ClientReviewer", "accountIds": ["acc_1"] }""")).Ok();
        Assert.StartsWith($"pck.{SharedServer.AgencyId}.", issued["token"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_manager_sees_only_assigned_accounts_and_a_reviewer_only_approves()
    {
        var (assigned, channelId) = await server.OpenAccountWithChannelAsync();
        var (unassigned, _) = await server.OpenAccountWithChannelAsync();
        using var manager = server.Host.CreateClient(await Tenancy.IssueKeyAsync(server.Host, SharedServer.AgencyId, "AccountManager", assigned));
        using var reviewer = server.Host.CreateClient(await Tenancy.IssueKeyAsync(server.Host, SharedServer.AgencyId, "ClientReviewer", assigned));

        var postId = (await manager.PostJsonAsync($"/accounts/{assigned}/posts", Requests.CreatePost(channelId))).Ok()["postId"]!.GetValue<string>();
        (await manager.SendAsync(HttpMethod.Get, $"/accounts/{unassigned}")).Problem(HttpStatusCode.NotFound, "account.not-found");
        (await manager.PostJsonAsync("/accounts", Requests.OpenAccount())).Problem(HttpStatusCode.Forbidden, "auth.forbidden");
        (await manager.PostJsonAsync($"/accounts/{assigned}/posts/{postId}/submit", null)).Ok();
        (await manager.PostJsonAsync($"/accounts/{assigned}/posts/{postId}/approve", null)).Ok();

        (await reviewer.PostJsonAsync($"/accounts/{assigned}/posts", Requests.CreatePost(channelId))).Problem(HttpStatusCode.Forbidden, "auth.forbidden");
        (await reviewer.SendAsync(HttpMethod.Get, $"/accounts/{unassigned}")).Problem(HttpStatusCode.NotFound);
        Assert.Equal("Approved", (await reviewer.PostJsonAsync($"/accounts/{assigned}/posts/{postId}/client-approve", null)).Ok()["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Another_agencys_account_is_not_found_for_every_route_and_unchanged()
    {
        var (accountId, channelId) = await server.OpenAccountWithChannelAsync();
        var postId = await server.CreatePostAsync(accountId, channelId);
        var before = await server.VersionOfAsync(accountId);
        var other = server.OtherAgency;

        (await other.SendAsync(HttpMethod.Get, $"/accounts/{accountId}")).Problem(HttpStatusCode.NotFound, "account.not-found");
        (await other.PostJsonAsync($"/accounts/{accountId}/posts", Requests.CreatePost(channelId))).Problem(HttpStatusCode.NotFound, "account.not-found");
        (await other.PostJsonAsync($"/accounts/{accountId}/posts/{postId}/submit", null)).Problem(HttpStatusCode.NotFound, "account.not-found");
        (await other.SendAsync(HttpMethod.Get, $"/accounts/{accountId}/posts/{postId}")).Problem(HttpStatusCode.NotFound, "account.not-found");
        (await other.SendAsync(HttpMethod.Get, $"/accounts/{accountId}/channels/{channelId}/queue")).Problem(HttpStatusCode.NotFound, "account.not-found");

        Assert.Equal(before, await server.VersionOfAsync(accountId));
        var missing = (await other.SendAsync(HttpMethod.Get, "/accounts/acc_0123456789abcdef0123456789abcdef")).Body!;
        var foreign = (await other.SendAsync(HttpMethod.Get, $"/accounts/{accountId}")).Body!;
        Assert.Equal(missing["title"]!.GetValue<string>(), foreign["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_same_idempotency_key_in_two_agencies_opens_two_accounts()
    {
        var key = Guid.NewGuid().ToString();
        var mine = (await server.Client.PostJsonAsync("/accounts", Requests.OpenAccount(), key)).Ok()["accountId"]!.GetValue<string>();
        var theirs = (await server.OtherAgency.PostJsonAsync("/accounts", Requests.OpenAccount(), key)).Ok()["accountId"]!.GetValue<string>();

        Assert.NotEqual(mine, theirs);
        Assert.Equal(SharedServer.OtherAgencyId, (await server.OtherAgency.GetJsonAsync($"/accounts/{theirs}"))["agencyId"]!.GetValue<string>());
    }
}
