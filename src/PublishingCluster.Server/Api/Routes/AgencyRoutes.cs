using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using PublishingCluster.Actors.Agencies;
using PublishingCluster.Domain.Agencies;
using PublishingCluster.Server.Api.ReadModels;
using PublishingCluster.Server.Api.Requests;
using PublishingCluster.Server.Security;

namespace PublishingCluster.Server.Api.Routes;

/// <summary>
/// Tenancy: the operator's routes across agencies (<c>/admin/...</c>, on the admin listener) and an agency
/// admin's routes for its own agency (<c>/agency/...</c>): keys and the audit trail.
/// </summary>
public static class AgencyRoutes
{
    public static void MapAgencyRoutes(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/admin/agencies").WithTags("Operator");
        admin.MapPost("/", RegisterAsync).WithName("RegisterAgency").Requires(Permission.Operate)
            .WithSummary("Register an agency (tenant).")
            .Accepts<RegisterAgencyRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
        admin.MapGet("/{agencyId}", async (string agencyId, AgencyGateway agencies, CancellationToken ct) =>
                Unknown(agencyId) ?? await KeyIssuing.ShowAsync(agencyId, agencies, ct))
            .WithName("GetAgency").Requires(Permission.Operate)
            .ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapPost("/{agencyId}/keys", async (string agencyId, HttpRequest http, AgencyGateway agencies, TimeProvider clock, CancellationToken ct) =>
                Unknown(agencyId) ?? await KeyIssuing.IssueAsync(agencyId, http, agencies, clock, $"/admin/agencies/{agencyId}/keys", ct))
            .WithName("IssueAgencyKey").Requires(Permission.Operate)
            .WithSummary("Issue an API key; its token is in the answer, once.")
            .Accepts<IssueKeyRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapDelete("/{agencyId}/keys/{keyId}", async (string agencyId, string keyId, AgencyGateway agencies, TimeProvider clock, CancellationToken ct) =>
                Unknown(agencyId) ?? await KeyIssuing.RevokeAsync(agencyId, keyId, agencies, clock, ct))
            .WithName("RevokeAgencyKey").Requires(Permission.Operate).TakesNoBody()
            .WithSummary("Revoke a key: it stops working at once, on every node.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        var own = app.MapGroup("/agency").WithTags("Agency");
        own.MapGet("/", async (ClaimsPrincipal user, AgencyGateway agencies, CancellationToken ct) => await KeyIssuing.ShowAsync(AgencyOf(user), agencies, ct))
            .WithName("GetOwnAgency").Requires(Permission.AdministerAgency)
            .WithSummary("The caller's agency and its keys (never their secrets).");
        own.MapPost("/keys", async (ClaimsPrincipal user, HttpRequest http, AgencyGateway agencies, TimeProvider clock, CancellationToken ct) =>
                await KeyIssuing.IssueAsync(AgencyOf(user), http, agencies, clock, "/agency/keys", ct))
            .WithName("IssueOwnKey").Requires(Permission.AdministerAgency)
            .WithSummary("Issue a key in the caller's agency; its token is in the answer, once.")
            .Accepts<IssueKeyRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        own.MapDelete("/keys/{keyId}", async (string keyId, ClaimsPrincipal user, AgencyGateway agencies, TimeProvider clock, CancellationToken ct) =>
                await KeyIssuing.RevokeAsync(AgencyOf(user), keyId, agencies, clock, ct))
            .WithName("RevokeOwnKey").Requires(Permission.AdministerAgency).TakesNoBody()
            .ProducesProblem(StatusCodes.Status404NotFound);
        own.MapGet("/audit", AuditAsync)
            .WithName("GetAuditTrail").Requires(Permission.AdministerAgency)
            .WithSummary("Who did what to which account, oldest first; page with 'after' (the previous page's 'next').")
            .ProducesProblem(StatusCodes.Status400BadRequest);
    }

    private static async Task<Results<Created<AgencyFound>, ApiProblem>> RegisterAsync(HttpRequest http, AgencyGateway agencies, TimeProvider clock, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<RegisterAgencyRequest>(http, ct);
        if (body is null)
        {
            return problem!;
        }

        var request = body.Value;
        if (!AgencyDecider.IsWellFormedId(request.AgencyId))
        {
            return Problems.Invalid("agencyId", "agency.id-invalid", "An agency id has 1 to 64 letters, digits, '-' or '_'.");
        }

        var reply = await agencies.AskAsync(new ExecuteAgency(new RegisterAgency(request.AgencyId, request.Name), clock.GetUtcNow()), ct);
        if (KeyIssuing.AsProblem(reply) is { } refused)
        {
            return refused;
        }

        var agency = await agencies.AskAsync(new GetAgency(request.AgencyId), ct);
        return agency is AgencyFound found
            ? TypedResults.Created($"/admin/agencies/{request.AgencyId}", found)
            : KeyIssuing.AsProblem(agency) ?? Problems.Unavailable("The agency was registered but could not be read back.");
    }

    private static async Task<Results<Ok<AuditPage>, ApiProblem>> AuditAsync(ClaimsPrincipal user, AuditTrail audit, string? accountId, long? after, int? limit, CancellationToken ct)
    {
        var size = limit ?? 100;
        if (size is < 1 or > AuditTrail.MaxPageSize)
        {
            return Problems.Invalid("limit", "page.size-out-of-range", $"'limit' is between 1 and {AuditTrail.MaxPageSize}.");
        }

        if (after is < 0)
        {
            return Problems.Invalid("after", "page.offset-invalid", "'after' is an offset from a previous page's 'next'.");
        }

        return TypedResults.Ok(await audit.ReadAsync(AgencyOf(user), accountId, after ?? 0, size, ct));
    }

    private static string AgencyOf(ClaimsPrincipal user) =>
        user.FindFirstValue(AccessPolicy.AgencyClaim) ?? throw new InvalidOperationException("An agency route was reached without an agency key.");

    private static ApiProblem? Unknown(string agencyId) =>
        AgencyDecider.IsWellFormedId(agencyId) ? null : Problems.From(AgencyDecider.NotFound(agencyId));
}
