using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using PublishingCluster.Actors.Accounts;
using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Escalations;
using PublishingCluster.Server.Security;

namespace PublishingCluster.Server.Api.Routes;

/// <summary>A route on one escalation: <see cref="AccountCall"/> and the escalation named in the path.</summary>
public sealed record EscalationCall(string AccountId, string EscalationId, HttpRequest Http, ClaimsPrincipal User, AccountGateway Accounts, TimeProvider Clock, CancellationToken Cancellation)
    : AccountCall(AccountId, Http, User, Accounts, Clock, Cancellation)
{
    public ApiProblem? MalformedEscalation => MalformedWith(EscalationId, "escalationId", "escalation");
}

/// <summary>
/// Escalations: an account's, and the agency's across its accounts; acknowledging one (it stops climbing) and
/// resolving it, recorded as the calling key. Escalations are raised by the accounts themselves, never over HTTP.
/// </summary>
public static class EscalationRoutes
{
    public static void MapEscalationRoutes(this IEndpointRouteBuilder app)
    {
        var escalations = app.MapGroup("/accounts/{accountId}/escalations").WithTags("Escalations");
        escalations.MapGet("/", ListAsync)
            .WithName("ListEscalations")
            .Requires(Permission.ReadAccount)
            .WithSummary("The account's escalations, newest first; filter with open=true|false, cause and level.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        escalations.MapPost("/{escalationId}/acknowledge", AcknowledgeAsync)
            .WithName("AcknowledgeEscalation")
            .Requires(Permission.EditContent)
            .TakesNoBody()
            .WithSummary("Take ownership: the escalation stops climbing. Acknowledging again changes nothing.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        escalations.MapPost("/{escalationId}/resolve", ResolveAsync)
            .WithName("ResolveEscalation")
            .Requires(Permission.EditContent)
            .TakesNoBody()
            .WithSummary("The escalation is dealt with. Resolving again changes nothing.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapGet("/agency/escalations", AgencyAsync)
            .WithTags("Escalations")
            .WithName("ListAgencyEscalations")
            .Requires(Permission.ReadAccount)
            .WithSummary("The escalations of every account of the caller's agency the key may see, newest first; same filters.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
    }

    private static async Task<Results<Ok<EscalationsFound>, ApiProblem>> ListAsync([AsParameters] AccountCall call, string? open, string? cause, string? level)
    {
        if (call.Malformed is { } unknown)
        {
            return unknown;
        }

        if (!TryFilter(open, cause, level, out var filter, out var invalid))
        {
            return invalid!;
        }

        var (found, problem) = await call.ReadAsync<EscalationsFound>(new GetEscalations(call.AccountId, filter, call.Caller));
        return found is null ? problem! : TypedResults.Ok(found);
    }

    private static async Task<Results<Ok<AgencyEscalationsFound>, ApiProblem>> AgencyAsync(string? open, string? cause, string? level, AgencyEscalations escalations, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!TryFilter(open, cause, level, out var filter, out var invalid))
        {
            return invalid!;
        }

        // The operator belongs to no agency: there is no "own agency" to list.
        if (AccessPolicy.CallerOf(user).AgencyId is not { } agencyId)
        {
            return Problems.Invalid("agency", "agency.required", "Only a key of an agency lists its escalations.");
        }

        var found = await escalations.ReadAsync(agencyId, accountId => AccessPolicy.MaySee(user, accountId), filter, ct);
        return TypedResults.Ok(new AgencyEscalationsFound(agencyId, found));
    }

    private static async Task<Results<Ok<EscalationFound>, ApiProblem>> AcknowledgeAsync([AsParameters] EscalationCall call) =>
        call.MalformedEscalation ?? await ExecuteAsync(call, new AcknowledgeEscalation(call.AccountId, call.EscalationId, call.Caller.Subject));

    private static async Task<Results<Ok<EscalationFound>, ApiProblem>> ResolveAsync([AsParameters] EscalationCall call) =>
        call.MalformedEscalation ?? await ExecuteAsync(call, new ResolveEscalation(call.AccountId, call.EscalationId, call.Caller.Subject));

    private static async Task<Results<Ok<EscalationFound>, ApiProblem>> ExecuteAsync(EscalationCall call, IAccountCommand command)
    {
        var written = await call.ExecuteAsync<EscalationFound>(command, new GetEscalation(call.AccountId, call.EscalationId, call.Caller));
        return written.View is { } found ? TypedResults.Ok(found) : written.Problem!;
    }

    private static bool TryFilter(string? open, string? cause, string? level, out EscalationFilter filter, out ApiProblem? problem)
    {
        filter = EscalationFilter.Any;
        if (!QueryFilters.TryBool(open, "open", out var isOpen, out problem)
            || !QueryFilters.TryEnum<EscalationCause>(cause, "cause", out var byCause, out problem)
            || !QueryFilters.TryEnum<EscalationLevel>(level, "level", out var byLevel, out problem))
        {
            return false;
        }

        filter = new EscalationFilter(isOpen, byCause, byLevel);
        return true;
    }
}
