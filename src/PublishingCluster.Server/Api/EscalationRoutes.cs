using System.Security.Claims;
using PublishingCluster.Actors.Accounts;
using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Escalations;
using PublishingCluster.Server.Security;

namespace PublishingCluster.Server.Api;

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
            .Produces<EscalationsFound>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        escalations.MapPost("/{escalationId}/acknowledge", AcknowledgeAsync)
            .WithName("AcknowledgeEscalation")
            .Requires(Permission.EditContent)
            .TakesNoBody()
            .WithSummary("Take ownership: the escalation stops climbing. Acknowledging again changes nothing.")
            .Produces<EscalationFound>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        escalations.MapPost("/{escalationId}/resolve", ResolveAsync)
            .WithName("ResolveEscalation")
            .Requires(Permission.EditContent)
            .TakesNoBody()
            .WithSummary("The escalation is dealt with. Resolving again changes nothing.")
            .Produces<EscalationFound>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapGet("/agency/escalations", AgencyAsync)
            .WithTags("Escalations")
            .WithName("ListAgencyEscalations")
            .Requires(Permission.ReadAccount)
            .WithSummary("The escalations of every account of the caller's agency the key may see, newest first; same filters.")
            .Produces<AgencyEscalationsFound>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> ListAsync(string accountId, string? open, string? cause, string? level, AccountGateway accounts, ClaimsPrincipal user, CancellationToken ct)
    {
        if (Replies.UnknownIfMalformed(accountId, "accountId", "account") is { } unknown)
        {
            return unknown;
        }

        if (!TryFilter(open, cause, level, out var filter, out var invalid))
        {
            return invalid!;
        }

        var reply = await accounts.AskAsync(new GetEscalations(accountId, filter, AccessPolicy.CallerOf(user)), ct);
        return reply is EscalationsFound found ? Results.Ok(found) : Replies.AsProblem(reply) ?? Replies.Unexpected(reply);
    }

    private static async Task<IResult> AgencyAsync(string? open, string? cause, string? level, AgencyEscalations escalations, ClaimsPrincipal user, CancellationToken ct)
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
        return Results.Ok(new AgencyEscalationsFound(agencyId, found));
    }

    private static async Task<IResult> AcknowledgeAsync(string accountId, string escalationId, AccountGateway accounts, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
        Malformed(accountId, escalationId)
        ?? await ExecuteAsync(accounts, new AcknowledgeEscalation(accountId, escalationId, AccessPolicy.CallerOf(user).Subject), clock, user, ct);

    private static async Task<IResult> ResolveAsync(string accountId, string escalationId, AccountGateway accounts, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
        Malformed(accountId, escalationId)
        ?? await ExecuteAsync(accounts, new ResolveEscalation(accountId, escalationId, AccessPolicy.CallerOf(user).Subject), clock, user, ct);

    private static async Task<IResult> ExecuteAsync(AccountGateway accounts, IAccountCommand command, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var reply = await accounts.AskAsync(new Execute(command, clock.GetUtcNow(), AccessPolicy.CallerOf(user)), ct);
        if (Replies.AsProblem(reply) is { } refused)
        {
            return refused;
        }

        if (reply is not CommandAccepted { ResultId: { } escalationId })
        {
            return Replies.Unexpected(reply);
        }

        var found = await accounts.AskAsync(new GetEscalation(command.AccountId, escalationId, AccessPolicy.CallerOf(user)), ct);
        return found is EscalationFound escalation ? Results.Ok(escalation) : Replies.AsProblem(found) ?? Replies.Unexpected(found);
    }

    private static bool TryFilter(string? open, string? cause, string? level, out EscalationFilter filter, out IResult? problem)
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

    private static IResult? Malformed(string accountId, string escalationId) =>
        Replies.UnknownIfMalformed(accountId, "accountId", "account") ?? Replies.UnknownIfMalformed(escalationId, "escalationId", "escalation");
}
