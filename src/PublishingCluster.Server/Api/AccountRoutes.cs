using System.Security.Claims;
using PublishingCluster.Actors.Accounts;
using PublishingCluster.Actors.Security;
using PublishingCluster.Server.Security;
using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Contracts;

namespace PublishingCluster.Server.Api;

/// <summary>Opening accounts, reading them and changing their contracts.</summary>
public static class AccountRoutes
{
    public static void MapAccountRoutes(this IEndpointRouteBuilder app)
    {
        var accounts = app.MapGroup("/accounts").WithTags("Accounts");

        accounts.MapPost("/", OpenAsync)
            .WithName("OpenAccount")
            .Requires(Permission.OpenAccount)
            .WithSummary("Open a client account on a contract. Honours Idempotency-Key.")
            .Accepts<OpenAccountRequest>("application/json")
            .Produces<AccountSummary>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        accounts.MapGet("/{accountId}", GetAsync)
            .WithName("GetAccount")
            .Requires(Permission.ReadAccount)
            .WithSummary("The account's contract, channels and post counts.")
            .Produces<AccountSummary>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        accounts.MapPut("/{accountId}/contract", UpdateContractAsync)
            .WithName("UpdateContract")
            .Requires(Permission.EditContract)
            .WithSummary("Replace the account's contract.")
            .Accepts<UpdateContractRequest>("application/json")
            .Produces<AccountSummary>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    private static async Task<IResult> OpenAsync(HttpRequest http, AccountGateway accounts, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!IdempotencyKey.TryRead(http, out var key, out var keyProblem))
        {
            return keyProblem!;
        }

        var (body, problem) = await JsonBody.ReadAsync<OpenAccountRequest>(http, ct);
        if (body is null)
        {
            return problem!;
        }

        var request = body.Value;
        var agencyId = user.FindFirstValue(AccessPolicy.AgencyClaim) ?? string.Empty;
        var accountId = ResourceIds.For(ResourceIds.AccountPrefix, agencyId, key);
        var command = new OpenAccount(accountId, agencyId, request.Name.Trim(), request.Contract, body.Fingerprint);
        var reply = await accounts.AskAsync(new Execute(command, clock.GetUtcNow(), AccessPolicy.CallerOf(user)), ct);
        if (Replies.AsProblem(reply) is { } refused)
        {
            return refused;
        }

        return await SummaryAsync(accounts, accountId, AccessPolicy.CallerOf(user), ct, summary => Results.Created($"/accounts/{accountId}", summary));
    }

    private static async Task<IResult> GetAsync(string accountId, AccountGateway accounts, ClaimsPrincipal user, CancellationToken ct) =>
        Replies.UnknownIfMalformed(accountId, "accountId", "account")
        ?? await SummaryAsync(accounts, accountId, AccessPolicy.CallerOf(user), ct, Results.Ok);

    private static async Task<IResult> UpdateContractAsync(string accountId, HttpRequest http, AccountGateway accounts, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        if (Replies.UnknownIfMalformed(accountId, "accountId", "account") is { } unknown)
        {
            return unknown;
        }

        var (body, problem) = await JsonBody.ReadAsync<UpdateContractRequest>(http, ct);
        if (body is null)
        {
            return problem!;
        }

        var reply = await accounts.AskAsync(new Execute(new UpdateContract(accountId, body.Value.Contract), clock.GetUtcNow(), AccessPolicy.CallerOf(user)), ct);
        return Replies.AsProblem(reply) ?? await SummaryAsync(accounts, accountId, AccessPolicy.CallerOf(user), ct, Results.Ok);
    }

    internal static async Task<IResult> SummaryAsync(AccountGateway accounts, string accountId, Caller by, CancellationToken ct, Func<AccountSummary, IResult> respond)
    {
        var reply = await accounts.AskAsync(new GetAccount(accountId, by), ct);
        return reply is AccountSummary summary ? respond(summary) : Replies.AsProblem(reply) ?? Replies.Unexpected(reply);
    }
}
