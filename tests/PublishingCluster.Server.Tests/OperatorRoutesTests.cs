using System.Net;
using PublishingCluster.Server.Tests.Support;

namespace PublishingCluster.Server.Tests;

public sealed class OperatorRoutesTests
{
    [Fact]
    public async Task Without_an_operator_token_the_operator_routes_do_not_exist_on_the_public_listener()
    {
        using var folder = new TempFolder();
        await using var host = await ServerHost.StartAsync(folder.File("journal.db"), new Dictionary<string, string?> { ["Node:OperatorToken"] = string.Empty });

        (await host.Client.PostJsonAsync("/admin/agencies", """{ "agencyId": "a", "name": "A" }""")).Problem(HttpStatusCode.NotFound, "route.not-found");
        (await host.Operator.PostJsonAsync("/admin/agencies", """{ "agencyId": "a", "name": "A" }""")).Problem(HttpStatusCode.NotFound, "route.not-found");
        (await host.Client.SendAsync(HttpMethod.Get, "/admin/agencies/a")).Problem(HttpStatusCode.NotFound, "route.not-found");
    }

    [Fact]
    public async Task On_a_real_process_the_loopback_admin_listener_serves_the_operator_and_the_public_listener_does_not()
    {
        using var folder = new TempFolder();
        await using var server = await ServerProcess.StartAsync(folder.File("journal.db"));
        using var admin = new HttpClient { BaseAddress = server.AdminAddress };

        (await admin.PostJsonAsync("/admin/agencies", """{ "agencyId": "northwind", "name": "Northwind" }""")).Ok();
        (await server.Client.PostJsonAsync("/admin/agencies", """{ "agencyId": "other", "name": "Other" }""")).Problem(HttpStatusCode.NotFound, "route.not-found");
        (await server.Client.SendAsync(HttpMethod.Get, "/admin/agencies/northwind")).Problem(HttpStatusCode.NotFound, "route.not-found");
        (await admin.SendAsync(HttpMethod.Get, "/accounts/acc_x")).Problem(HttpStatusCode.NotFound, "account.not-found");
    }

    [Fact]
    public async Task The_operator_registers_agencies_once_and_reads_but_never_edits_accounts()
    {
        using var folder = new TempFolder();
        await using var host = await ServerHost.StartAsync(folder.File("journal.db"));
        using var admin = await Tenancy.AgencyAdminAsync(host, "northwind");
        var accountId = (await admin.PostJsonAsync("/accounts", Requests.OpenAccount())).Ok()["accountId"]!.GetValue<string>();

        (await host.Operator.PostJsonAsync("/admin/agencies", """{ "agencyId": "northwind", "name": "Again" }""")).Problem(HttpStatusCode.Conflict, "agency.already-registered");
        (await host.Operator.PostJsonAsync("/admin/agencies", """{ "agencyId": "has spaces", "name": "X" }""")).Problem(HttpStatusCode.BadRequest, "agency.id-invalid", "agencyId");
        (await host.Operator.PostJsonAsync("/admin/agencies/nobody/keys", """{ "label": "x", "role": "AgencyAdmin" }""")).Problem(HttpStatusCode.NotFound, "agency.not-found");
        Assert.Equal("northwind", (await host.Operator.GetJsonAsync($"/accounts/{accountId}"))["agencyId"]!.GetValue<string>());
        (await host.Operator.PostJsonAsync("/accounts", Requests.OpenAccount())).Problem(HttpStatusCode.Forbidden, "auth.forbidden");
        (await host.Operator.SendAsync(HttpMethod.Put, $"/accounts/{accountId}/contract", "{}")).Problem(HttpStatusCode.Forbidden, "auth.forbidden");
    }
}
