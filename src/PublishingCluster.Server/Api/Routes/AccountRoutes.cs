using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using PublishingCluster.Actors.Accounts;
using PublishingCluster.Actors.Security;
using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Contracts;
using PublishingCluster.Server.Api.Requests;
using PublishingCluster.Server.Security;

namespace PublishingCluster.Server.Api.Routes;

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
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        accounts.MapGet("/{accountId}", GetAsync)
            .WithName("GetAccount")
            .Requires(Permission.ReadAccount)
            .WithSummary("The account's contract, channels and post counts.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        accounts.MapPut("/{accountId}/contract", UpdateContractAsync)
            .WithName("UpdateContract")
            .Requires(Permission.EditContract)
            .WithSummary("Replace the account's contract.")
            .Accepts<UpdateContractRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    private static async Task<Results<Created<AccountSummary>, ApiProblem>> OpenAsync([AsParameters] Call call)
    {
        if (!IdempotencyKey.TryRead(call.Http, out var key, out var keyProblem))
        {
            return keyProblem!;
        }

        var (body, problem) = await JsonBody.ReadAsync<OpenAccountRequest>(call.Http, call.Cancellation);
        if (body is null)
        {
            return problem!;
        }

        var request = body.Value;
        var agencyId = call.User.FindFirstValue(AccessPolicy.AgencyClaim) ?? string.Empty;
        var accountId = ResourceIds.For(ResourceIds.AccountPrefix, agencyId, key);
        var command = new OpenAccount(accountId, agencyId, request.Name.Trim(), request.Contract, body.Fingerprint);
        var written = await call.ExecuteAsync<AccountSummary>(command, new GetAccount(accountId, call.Caller));
        return written.View is { } summary ? TypedResults.Created($"/accounts/{accountId}", summary) : written.Problem!;
    }

    private static async Task<Results<Ok<AccountSummary>, ApiProblem>> GetAsync([AsParameters] AccountCall call)
    {
        if (call.Malformed is { } unknown)
        {
            return unknown;
        }

        var (summary, problem) = await call.ReadAsync<AccountSummary>(new GetAccount(call.AccountId, call.Caller));
        return summary is null ? problem! : TypedResults.Ok(summary);
    }

    private static async Task<Results<Ok<AccountSummary>, ApiProblem>> UpdateContractAsync([AsParameters] AccountCall call)
    {
        if (call.Malformed is { } unknown)
        {
            return unknown;
        }

        var (body, problem) = await JsonBody.ReadAsync<UpdateContractRequest>(call.Http, call.Cancellation);
        if (body is null)
        {
            return problem!;
        }

        var written = await call.ExecuteAsync<AccountSummary>(new UpdateContract(call.AccountId, body.Value.Contract), new GetAccount(call.AccountId, call.Caller));
        return written.View is { } summary ? TypedResults.Ok(summary) : written.Problem!;
    }
}
