using System.Security.Claims;
using PublishingCluster.Actors.Accounts;
using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Engagement;
using PublishingCluster.Server.Security;

namespace PublishingCluster.Server.Api;

/// <summary>
/// Engagements on an account's channels: received (with a response deadline from the contract's SLA), listed,
/// answered, assigned and closed. Answers and closes are recorded as the calling key.
/// </summary>
public static class EngagementRoutes
{
    public static void MapEngagementRoutes(this IEndpointRouteBuilder app)
    {
        var engagements = app.MapGroup("/accounts/{accountId}/engagements").WithTags("Engagements");
        engagements.MapPost("/", ReceiveAsync)
            .WithName("ReceiveEngagement")
            .Requires(Permission.EditContent)
            .WithSummary("Record an engagement; the same engagementId with the same content again changes nothing.")
            .Accepts<ReceiveEngagementRequest>("application/json")
            .Produces<EngagementFound>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        engagements.MapGet("/", ListAsync)
            .WithName("ListEngagements")
            .Requires(Permission.ReadAccount)
            .WithSummary("The account's engagements, newest first; open=true for those not closed, open=false for the closed.")
            .Produces<EngagementsFound>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        engagements.MapGet("/{engagementId}", GetAsync)
            .WithName("GetEngagement")
            .Requires(Permission.ReadAccount)
            .Produces<EngagementFound>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        engagements.MapPost("/{engagementId}/respond", RespondAsync)
            .WithName("RespondToEngagement")
            .Requires(Permission.EditContent)
            .WithSummary("Answer an open engagement (text).")
            .Accepts<RespondToEngagementRequest>("application/json")
            .Produces<EngagementFound>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        engagements.MapPost("/{engagementId}/assign", AssignAsync)
            .WithName("AssignEngagement")
            .Requires(Permission.EditContent)
            .WithSummary("Give an open engagement to someone (to).")
            .Accepts<AssignEngagementRequest>("application/json")
            .Produces<EngagementFound>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        engagements.MapPost("/{engagementId}/close", CloseAsync)
            .WithName("CloseEngagement")
            .Requires(Permission.EditContent)
            .TakesNoBody()
            .WithSummary("Close an engagement. Closing again changes nothing.")
            .Produces<EngagementFound>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> ReceiveAsync(string accountId, HttpRequest http, AccountGateway accounts, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        if (Replies.UnknownIfMalformed(accountId, "accountId", "account") is { } unknown)
        {
            return unknown;
        }

        var (body, problem) = await JsonBody.ReadAsync<ReceiveEngagementRequest>(http, ct);
        if (body is null)
        {
            return problem!;
        }

        var request = body.Value;
        if (!ResourceIds.IsWellFormed(request.EngagementId) || request.EngagementId.Length > EngagementDecisions.MaxIdLength)
        {
            return Problems.Invalid("engagementId", "engagement.id-invalid", $"Give an engagement id of 1 to {EngagementDecisions.MaxIdLength} letters, digits, '-' or '_'.");
        }

        var command = new ReceiveEngagement(accountId, request.EngagementId, request.ChannelId, request.Kind, request.Author, request.Text, request.Sentiment, request.ReceivedAt);
        var reply = await accounts.AskAsync(new Execute(command, clock.GetUtcNow(), AccessPolicy.CallerOf(user)), ct);
        if (Replies.AsProblem(reply) is { } refused)
        {
            return refused;
        }

        var found = await accounts.AskAsync(new GetEngagement(accountId, request.EngagementId, AccessPolicy.CallerOf(user)), ct);
        return found switch
        {
            EngagementFound engagement when reply is CommandAccepted { Repeated: true } => Results.Ok(engagement),
            EngagementFound engagement => Results.Created($"/accounts/{accountId}/engagements/{request.EngagementId}", engagement),
            _ => Replies.AsProblem(found) ?? Replies.Unexpected(found),
        };
    }

    private static async Task<IResult> ListAsync(string accountId, string? open, AccountGateway accounts, ClaimsPrincipal user, CancellationToken ct)
    {
        if (Replies.UnknownIfMalformed(accountId, "accountId", "account") is { } unknown)
        {
            return unknown;
        }

        if (!QueryFilters.TryBool(open, "open", out var isOpen, out var invalid))
        {
            return invalid!;
        }

        var reply = await accounts.AskAsync(new GetEngagements(accountId, isOpen, AccessPolicy.CallerOf(user)), ct);
        return reply is EngagementsFound found ? Results.Ok(found) : Replies.AsProblem(reply) ?? Replies.Unexpected(reply);
    }

    private static async Task<IResult> GetAsync(string accountId, string engagementId, AccountGateway accounts, ClaimsPrincipal user, CancellationToken ct) =>
        Malformed(accountId, engagementId) ?? await EngagementAsync(accounts, accountId, engagementId, user, ct);

    private static async Task<IResult> RespondAsync(string accountId, string engagementId, HttpRequest http, AccountGateway accounts, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        if (Malformed(accountId, engagementId) is { } unknown)
        {
            return unknown;
        }

        var (body, problem) = await JsonBody.ReadAsync<RespondToEngagementRequest>(http, ct);
        if (body is null)
        {
            return problem!;
        }

        var caller = AccessPolicy.CallerOf(user);
        return await ExecuteAsync(accounts, new RespondToEngagement(accountId, engagementId, caller.Subject, body.Value.Text), clock, user, ct);
    }

    private static async Task<IResult> AssignAsync(string accountId, string engagementId, HttpRequest http, AccountGateway accounts, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        if (Malformed(accountId, engagementId) is { } unknown)
        {
            return unknown;
        }

        var (body, problem) = await JsonBody.ReadAsync<AssignEngagementRequest>(http, ct);
        if (body is null)
        {
            return problem!;
        }

        return await ExecuteAsync(accounts, new AssignEngagement(accountId, engagementId, body.Value.To), clock, user, ct);
    }

    private static async Task<IResult> CloseAsync(string accountId, string engagementId, AccountGateway accounts, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
        Malformed(accountId, engagementId)
        ?? await ExecuteAsync(accounts, new CloseEngagement(accountId, engagementId, AccessPolicy.CallerOf(user).Subject), clock, user, ct);

    private static async Task<IResult> ExecuteAsync(AccountGateway accounts, IAccountCommand command, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var reply = await accounts.AskAsync(new Execute(command, clock.GetUtcNow(), AccessPolicy.CallerOf(user)), ct);
        return Replies.AsProblem(reply)
            ?? (reply is CommandAccepted { ResultId: { } engagementId }
                ? await EngagementAsync(accounts, command.AccountId, engagementId, user, ct)
                : Replies.Unexpected(reply));
    }

    private static async Task<IResult> EngagementAsync(AccountGateway accounts, string accountId, string engagementId, ClaimsPrincipal user, CancellationToken ct)
    {
        var reply = await accounts.AskAsync(new GetEngagement(accountId, engagementId, AccessPolicy.CallerOf(user)), ct);
        return reply is EngagementFound found ? Results.Ok(found) : Replies.AsProblem(reply) ?? Replies.Unexpected(reply);
    }

    private static IResult? Malformed(string accountId, string engagementId) =>
        Replies.UnknownIfMalformed(accountId, "accountId", "account") ?? Replies.UnknownIfMalformed(engagementId, "engagementId", "engagement");
}
