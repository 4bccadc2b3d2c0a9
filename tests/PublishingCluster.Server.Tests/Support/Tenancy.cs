using System.Text.Json;

namespace PublishingCluster.Server.Tests.Support;

/// <summary>Agencies and their keys, made through the operator's and agency admins' routes as a user would.</summary>
public static class Tenancy
{
    public static async Task RegisterAgencyAsync(ServerHost host, string agencyId) =>
        (await host.Operator.PostJsonAsync("/admin/agencies", new { agencyId, name = $"Agency {agencyId}" })).Ok();

    /// <summary>Issues a key through the operator route and returns its token.</summary>
    public static async Task<string> IssueKeyAsync(ServerHost host, string agencyId, string role, params string[] accountIds)
    {
        var issued = (await host.Operator.PostJsonAsync($"/admin/agencies/{agencyId}/keys",
            JsonSerializer.Serialize(new { label = $"{role} of {agencyId}", role, accountIds }))).Ok();
        return issued["token"]!.GetValue<string>();
    }

    /// <summary>Registers an agency and returns a client holding a fresh agency admin key.</summary>
    public static async Task<HttpClient> AgencyAdminAsync(ServerHost host, string agencyId)
    {
        await RegisterAgencyAsync(host, agencyId);
        return host.CreateClient(await IssueKeyAsync(host, agencyId, "AgencyAdmin"));
    }
}
