using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using PublishingCluster.Actors.Accounts;
using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Engagement;
using PublishingCluster.Server.Api.Requests;
using PublishingCluster.Server.Security;

namespace PublishingCluster.Server.Api.Routes;

/// <summary>A route on one engagement: <see cref="AccountCall"/> and the engagement named in the path.</summary>
public sealed record EngagementCall(string AccountId, string EngagementId, HttpRequest Http, ClaimsPrincipal User, AccountGateway Accounts, TimeProvider Clock, CancellationToken Cancellation)
    : AccountCall(AccountId, Http, User, Accounts, Clock, Cancellation)
{
    public ApiProblem? MalformedEngagement => MalformedWith(EngagementId, "engagementId", "engagement");

    public GetEngagement Read => new(AccountId, EngagementId, Caller);
}

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
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        engagements.MapGet("/", ListAsync)
            .WithName("ListEngagements")
            .Requires(Permission.ReadAccount)
            .WithSummary("The account's engagements, newest first; open=true for those not closed, open=false for the closed.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        engagements.MapGet("/{engagementId}", GetAsync)
            .WithName("GetEngagement")
            .Requires(Permission.ReadAccount)
            .ProducesProblem(StatusCodes.Status404NotFound);
        engagements.MapPost("/{engagementId}/respond", RespondAsync)
            .WithName("RespondToEngagement")
            .Requires(Permission.EditContent)
            .WithSummary("Answer an open engagement (text).")
            .Accepts<RespondToEngagementRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        engagements.MapPost("/{engagementId}/assign", AssignAsync)
            .WithName("AssignEngagement")
            .Requires(Permission.EditContent)
            .WithSummary("Give an open engagement to someone (to).")
            .Accepts<AssignEngagementRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        engagements.MapPost("/{engagementId}/close", CloseAsync)
            .WithName("CloseEngagement")
            .Requires(Permission.EditContent)
            .TakesNoBody()
            .WithSummary("Close an engagement. Closing again changes nothing.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Created<EngagementFound>, Ok<EngagementFound>, ApiProblem>> ReceiveAsync([AsParameters] AccountCall call)
    {
        if (call.Malformed is { } unknown)
        {
            return unknown;
        }

        var (body, problem) = await JsonBody.ReadAsync<ReceiveEngagementRequest>(call.Http, call.Cancellation);
        if (body is null)
        {
            return problem!;
        }

        var request = body.Value;
        if (!ResourceIds.IsWellFormed(request.EngagementId) || request.EngagementId.Length > EngagementDecisions.MaxIdLength)
        {
            return Problems.Invalid("engagementId", "engagement.id-invalid", $"Give an engagement id of 1 to {EngagementDecisions.MaxIdLength} letters, digits, '-' or '_'.");
        }

        var command = new ReceiveEngagement(call.AccountId, request.EngagementId, request.ChannelId, request.Kind, request.Author, request.Text, request.Sentiment, request.ReceivedAt);
        var written = await call.ExecuteAsync<EngagementFound>(command, new GetEngagement(call.AccountId, request.EngagementId, call.Caller));
        return written switch
        {
            { View: { } engagement, Repeated: true } => TypedResults.Ok(engagement),
            { View: { } engagement } => TypedResults.Created($"/accounts/{call.AccountId}/engagements/{request.EngagementId}", engagement),
            _ => written.Problem!,
        };
    }

    private static async Task<Results<Ok<EngagementsFound>, ApiProblem>> ListAsync([AsParameters] AccountCall call, string? open)
    {
        if (call.Malformed is { } unknown)
        {
            return unknown;
        }

        if (!QueryFilters.TryBool(open, "open", out var isOpen, out var invalid))
        {
            return invalid!;
        }

        var (found, problem) = await call.ReadAsync<EngagementsFound>(new GetEngagements(call.AccountId, isOpen, call.Caller));
        return found is null ? problem! : TypedResults.Ok(found);
    }

    private static async Task<Results<Ok<EngagementFound>, ApiProblem>> GetAsync([AsParameters] EngagementCall call)
    {
        if (call.MalformedEngagement is { } unknown)
        {
            return unknown;
        }

        var (found, problem) = await call.ReadAsync<EngagementFound>(call.Read);
        return found is null ? problem! : TypedResults.Ok(found);
    }

    private static async Task<Results<Ok<EngagementFound>, ApiProblem>> RespondAsync([AsParameters] EngagementCall call)
    {
        if (call.MalformedEngagement is { } unknown)
        {
            return unknown;
        }

        var (body, problem) = await JsonBody.ReadAsync<RespondToEngagementRequest>(call.Http, call.Cancellation);
        return body is null
            ? problem!
            : await ExecuteAsync(call, new RespondToEngagement(call.AccountId, call.EngagementId, call.Caller.Subject, body.Value.Text));
    }

    private static async Task<Results<Ok<EngagementFound>, ApiProblem>> AssignAsync([AsParameters] EngagementCall call)
    {
        if (call.MalformedEngagement is { } unknown)
        {
            return unknown;
        }

        var (body, problem) = await JsonBody.ReadAsync<AssignEngagementRequest>(call.Http, call.Cancellation);
        return body is null ? problem! : await ExecuteAsync(call, new AssignEngagement(call.AccountId, call.EngagementId, body.Value.To));
    }

    private static async Task<Results<Ok<EngagementFound>, ApiProblem>> CloseAsync([AsParameters] EngagementCall call) =>
        call.MalformedEngagement ?? await ExecuteAsync(call, new CloseEngagement(call.AccountId, call.EngagementId, call.Caller.Subject));

    private static async Task<Results<Ok<EngagementFound>, ApiProblem>> ExecuteAsync(EngagementCall call, IAccountCommand command)
    {
        var written = await call.ExecuteAsync<EngagementFound>(command, call.Read);
        return written.View is { } found ? TypedResults.Ok(found) : written.Problem!;
    }
}
