using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using PublishingCluster.Actors.Accounts;
using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Partnership;
using PublishingCluster.Server.Api.Requests;
using PublishingCluster.Server.Security;

namespace PublishingCluster.Server.Api.Routes;

/// <summary>A route on one content request: <see cref="AccountCall"/> and the request named in the path.</summary>
public sealed record ContentRequestCall(string AccountId, string RequestId, HttpRequest Http, ClaimsPrincipal User, AccountGateway Accounts, TimeProvider Clock, CancellationToken Cancellation)
    : AccountCall(AccountId, Http, User, Accounts, Clock, Cancellation);

/// <summary>A route on one recommendation: <see cref="AccountCall"/> and the recommendation named in the path.</summary>
public sealed record RecommendationCall(string AccountId, string RecommendationId, HttpRequest Http, ClaimsPrincipal User, AccountGateway Accounts, TimeProvider Clock, CancellationToken Cancellation)
    : AccountCall(AccountId, Http, User, Accounts, Clock, Cancellation);

/// <summary>
/// Working with the client: content requests and their delivery, recommendations and the client's answers, logged
/// contacts, and the partnership health computed from them (with its trend over the reports). Ids of requests,
/// recommendations and contacts are the caller's, so a repeated request changes nothing and answers 200 instead of 201.
/// </summary>
public static class PartnershipRoutes
{
    public static void MapPartnershipRoutes(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/accounts/{accountId}").WithTags("Partnership");
        account.MapGet("/partnership", GetAsync)
            .WithName("GetPartnership")
            .Requires(Permission.ReadAccount)
            .WithSummary("Partnership health now (score, band, reasons, factors), its trend over the reports, and what it is computed from.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        account.MapPost("/content-requests", RequestContentAsync)
            .WithName("RequestContent")
            .Requires(Permission.EditContent)
            .WithSummary("Ask the client for content by a due date; escalates if not delivered by then.")
            .Accepts<RequestContentRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        account.MapPost("/content-requests/{requestId}/deliver", DeliverAsync)
            .WithName("DeliverContent")
            .Requires(Permission.ReviewContent)
            .TakesNoBody()
            .WithSummary("The client delivered what was asked for. Delivering again changes nothing.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        account.MapPost("/recommendations", RecommendAsync)
            .WithName("MakeRecommendation")
            .Requires(Permission.EditContent)
            .WithSummary("Advise the client, to be answered by a review date; escalates if ignored past it.")
            .Accepts<MakeRecommendationRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        account.MapPost("/recommendations/{recommendationId}/answer", AnswerAsync)
            .WithName("AnswerRecommendation")
            .Requires(Permission.ReviewContent)
            .WithSummary("The client accepts or declines a recommendation; the first answer stands.")
            .Accepts<AnswerRecommendationRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        account.MapPost("/contacts", RecordContactAsync)
            .WithName("RecordClientContact")
            .Requires(Permission.EditContent)
            .WithSummary("Log a contact with the client; one that takes the week above the contract's contact policy escalates.")
            .Accepts<RecordContactRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    private static async Task<Results<Ok<PartnershipFound>, ApiProblem>> GetAsync([AsParameters] AccountCall call)
    {
        if (call.Malformed is { } unknown)
        {
            return unknown;
        }

        var (found, problem) = await call.ReadAsync<PartnershipFound>(Read(call));
        return found is null ? problem! : TypedResults.Ok(found);
    }

    private static async Task<Results<Created<ContentRequest>, Ok<ContentRequest>, ApiProblem>> RequestContentAsync([AsParameters] AccountCall call)
    {
        var (request, problem) = await ReadAsync<RequestContentRequest>(call);
        return request is null
            ? problem!
            : WellFormed(request.RequestId, "requestId")
                ?? await CreateAsync(call, new RequestContent(call.AccountId, request.RequestId, request.What, request.DueBy, call.Caller.Subject),
                    found => found.ContentRequests.FirstOrDefault(r => r.RequestId == request.RequestId));
    }

    private static async Task<Results<Ok<ContentRequest>, ApiProblem>> DeliverAsync([AsParameters] ContentRequestCall call) =>
        call.MalformedWith(call.RequestId, "requestId", "content-request")
        ?? await ChangeAsync(call, new DeliverContent(call.AccountId, call.RequestId, call.Caller.Subject),
            found => found.ContentRequests.FirstOrDefault(r => r.RequestId == call.RequestId));

    private static async Task<Results<Created<Recommendation>, Ok<Recommendation>, ApiProblem>> RecommendAsync([AsParameters] AccountCall call)
    {
        var (request, problem) = await ReadAsync<MakeRecommendationRequest>(call);
        return request is null
            ? problem!
            : WellFormed(request.RecommendationId, "recommendationId")
                ?? await CreateAsync(call, new MakeRecommendation(call.AccountId, request.RecommendationId, request.Text, request.ReviewBy, call.Caller.Subject),
                    found => found.Recommendations.FirstOrDefault(r => r.RecommendationId == request.RecommendationId));
    }

    private static async Task<Results<Ok<Recommendation>, ApiProblem>> AnswerAsync([AsParameters] RecommendationCall call)
    {
        if (call.MalformedWith(call.RecommendationId, "recommendationId", "recommendation") is { } unknown)
        {
            return unknown;
        }

        var (body, problem) = await JsonBody.ReadAsync<AnswerRecommendationRequest>(call.Http, call.Cancellation);
        return body is null
            ? problem!
            : await ChangeAsync(call, new AnswerRecommendation(call.AccountId, call.RecommendationId, body.Value.Accepted, call.Caller.Subject),
                found => found.Recommendations.FirstOrDefault(r => r.RecommendationId == call.RecommendationId));
    }

    private static async Task<Results<Created<ClientContact>, Ok<ClientContact>, ApiProblem>> RecordContactAsync([AsParameters] AccountCall call)
    {
        var (request, problem) = await ReadAsync<RecordContactRequest>(call);
        return request is null
            ? problem!
            : WellFormed(request.ContactId, "contactId")
                ?? await CreateAsync(call, new RecordClientContact(call.AccountId, request.ContactId, request.Medium, request.Summary, request.OccurredAt, call.Caller.Subject),
                    found => found.Contacts.FirstOrDefault(c => c.ContactId == request.ContactId));
    }

    private static async Task<(T? Body, ApiProblem? Problem)> ReadAsync<T>(AccountCall call)
        where T : class
    {
        if (call.Malformed is { } unknown)
        {
            return (null, unknown);
        }

        var (body, problem) = await JsonBody.ReadAsync<T>(call.Http, call.Cancellation);
        return (body?.Value, problem);
    }

    /// <summary>Runs a creating command: 201 with what it made, or 200 when it repeated an earlier request.</summary>
    private static async Task<Results<Created<T>, Ok<T>, ApiProblem>> CreateAsync<T>(AccountCall call, IAccountCommand command, Func<PartnershipFound, T?> pick)
        where T : class
    {
        var written = await call.ExecuteAsync<PartnershipFound>(command, Read(call));
        return (written.View is { } found ? pick(found) : null, written) switch
        {
            ({ } item, { Repeated: true }) => TypedResults.Ok(item),
            ({ } item, _) => TypedResults.Created($"/accounts/{call.AccountId}/partnership", item),
            _ => written.Problem ?? Replies.Unexpected(written.View!),
        };
    }

    private static async Task<Results<Ok<T>, ApiProblem>> ChangeAsync<T>(AccountCall call, IAccountCommand command, Func<PartnershipFound, T?> pick)
        where T : class
    {
        var written = await call.ExecuteAsync<PartnershipFound>(command, Read(call));
        return written.View is { } found && pick(found) is { } item
            ? TypedResults.Ok(item)
            : written.Problem ?? Replies.Unexpected(written.View!);
    }

    /// <summary>The partnership as of now, which the routes pick what they answer with from.</summary>
    private static GetPartnership Read(AccountCall call) => new(call.AccountId, call.Clock.GetUtcNow(), call.Caller);

    private static ApiProblem? WellFormed(string id, string field) =>
        id is not null && ResourceIds.IsWellFormed(id) && id.Length <= PartnershipDecisions.MaxIdLength
            ? null
            : Problems.Invalid(field, "partnership.id-invalid", $"Give an id of 1 to {PartnershipDecisions.MaxIdLength} letters, digits, '-' or '_'.");
}
