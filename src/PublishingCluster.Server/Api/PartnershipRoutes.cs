using System.Security.Claims;
using PublishingCluster.Actors.Accounts;
using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Partnership;
using PublishingCluster.Server.Security;

namespace PublishingCluster.Server.Api;

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
            .Produces<PartnershipFound>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        account.MapPost("/content-requests", RequestContentAsync)
            .WithName("RequestContent")
            .Requires(Permission.EditContent)
            .WithSummary("Ask the client for content by a due date; escalates if not delivered by then.")
            .Accepts<RequestContentRequest>("application/json")
            .Produces<ContentRequest>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        account.MapPost("/content-requests/{requestId}/deliver", DeliverAsync)
            .WithName("DeliverContent")
            .Requires(Permission.ReviewContent)
            .TakesNoBody()
            .WithSummary("The client delivered what was asked for. Delivering again changes nothing.")
            .Produces<ContentRequest>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        account.MapPost("/recommendations", RecommendAsync)
            .WithName("MakeRecommendation")
            .Requires(Permission.EditContent)
            .WithSummary("Advise the client, to be answered by a review date; escalates if ignored past it.")
            .Accepts<MakeRecommendationRequest>("application/json")
            .Produces<Recommendation>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        account.MapPost("/recommendations/{recommendationId}/answer", AnswerAsync)
            .WithName("AnswerRecommendation")
            .Requires(Permission.ReviewContent)
            .WithSummary("The client accepts or declines a recommendation; the first answer stands.")
            .Accepts<AnswerRecommendationRequest>("application/json")
            .Produces<Recommendation>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        account.MapPost("/contacts", RecordContactAsync)
            .WithName("RecordClientContact")
            .Requires(Permission.EditContent)
            .WithSummary("Log a contact with the client; one that takes the week above the contract's contact policy escalates.")
            .Accepts<RecordContactRequest>("application/json")
            .Produces<ClientContact>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    private static async Task<IResult> GetAsync(string accountId, AccountGateway accounts, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        if (Replies.UnknownIfMalformed(accountId, "accountId", "account") is { } unknown)
        {
            return unknown;
        }

        var reply = await accounts.AskAsync(new GetPartnership(accountId, clock.GetUtcNow(), AccessPolicy.CallerOf(user)), ct);
        return reply is PartnershipFound found ? Results.Ok(found) : Replies.AsProblem(reply) ?? Replies.Unexpected(reply);
    }

    private static async Task<IResult> RequestContentAsync(string accountId, HttpRequest http, AccountGateway accounts, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var (body, problem) = await ReadAsync<RequestContentRequest>(accountId, http, ct);
        if (body is null)
        {
            return problem!;
        }

        var request = body;
        return WellFormed(request.RequestId, "requestId")
            ?? await CreateAsync(accounts, new RequestContent(accountId, request.RequestId, request.What, request.DueBy, Caller(user)), clock, user,
                found => found.ContentRequests.FirstOrDefault(r => r.RequestId == request.RequestId), ct);
    }

    private static async Task<IResult> DeliverAsync(string accountId, string requestId, AccountGateway accounts, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
        Malformed(accountId, requestId, "requestId", "content-request")
        ?? await ChangeAsync(accounts, new DeliverContent(accountId, requestId, Caller(user)), clock, user,
            found => found.ContentRequests.FirstOrDefault(r => r.RequestId == requestId), ct);

    private static async Task<IResult> RecommendAsync(string accountId, HttpRequest http, AccountGateway accounts, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var (body, problem) = await ReadAsync<MakeRecommendationRequest>(accountId, http, ct);
        if (body is null)
        {
            return problem!;
        }

        var request = body;
        return WellFormed(request.RecommendationId, "recommendationId")
            ?? await CreateAsync(accounts, new MakeRecommendation(accountId, request.RecommendationId, request.Text, request.ReviewBy, Caller(user)), clock, user,
                found => found.Recommendations.FirstOrDefault(r => r.RecommendationId == request.RecommendationId), ct);
    }

    private static async Task<IResult> AnswerAsync(string accountId, string recommendationId, HttpRequest http, AccountGateway accounts, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        if (Malformed(accountId, recommendationId, "recommendationId", "recommendation") is { } unknown)
        {
            return unknown;
        }

        var (body, problem) = await JsonBody.ReadAsync<AnswerRecommendationRequest>(http, ct);
        if (body is null)
        {
            return problem!;
        }

        return await ChangeAsync(accounts, new AnswerRecommendation(accountId, recommendationId, body.Value.Accepted, Caller(user)), clock, user,
            found => found.Recommendations.FirstOrDefault(r => r.RecommendationId == recommendationId), ct);
    }

    private static async Task<IResult> RecordContactAsync(string accountId, HttpRequest http, AccountGateway accounts, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var (body, problem) = await ReadAsync<RecordContactRequest>(accountId, http, ct);
        if (body is null)
        {
            return problem!;
        }

        var request = body;
        return WellFormed(request.ContactId, "contactId")
            ?? await CreateAsync(accounts, new RecordClientContact(accountId, request.ContactId, request.Medium, request.Summary, request.OccurredAt, Caller(user)), clock, user,
                found => found.Contacts.FirstOrDefault(c => c.ContactId == request.ContactId), ct);
    }

    private static async Task<(T? Body, IResult? Problem)> ReadAsync<T>(string accountId, HttpRequest http, CancellationToken ct)
        where T : class
    {
        if (Replies.UnknownIfMalformed(accountId, "accountId", "account") is { } unknown)
        {
            return (null, unknown);
        }

        var (body, problem) = await JsonBody.ReadAsync<T>(http, ct);
        return (body?.Value, problem);
    }

    /// <summary>Runs a creating command: 201 with what it made, or 200 when it repeated an earlier request.</summary>
    private static async Task<IResult> CreateAsync<T>(
        AccountGateway accounts, IAccountCommand command, TimeProvider clock, ClaimsPrincipal user, Func<PartnershipFound, T?> pick, CancellationToken ct)
        where T : class
    {
        var reply = await accounts.AskAsync(new Execute(command, clock.GetUtcNow(), AccessPolicy.CallerOf(user)), ct);
        if (Replies.AsProblem(reply) is { } refused)
        {
            return refused;
        }

        return await FoundAsync(accounts, command.AccountId, clock, user, pick, ct) switch
        {
            (T item, _) when reply is CommandAccepted { Repeated: true } => Results.Ok(item),
            (T item, _) => Results.Created($"/accounts/{command.AccountId}/partnership", item),
            (_, var problem) => problem!,
        };
    }

    private static async Task<IResult> ChangeAsync<T>(
        AccountGateway accounts, IAccountCommand command, TimeProvider clock, ClaimsPrincipal user, Func<PartnershipFound, T?> pick, CancellationToken ct)
        where T : class
    {
        var reply = await accounts.AskAsync(new Execute(command, clock.GetUtcNow(), AccessPolicy.CallerOf(user)), ct);
        return Replies.AsProblem(reply) ?? (await FoundAsync(accounts, command.AccountId, clock, user, pick, ct) switch
        {
            (T item, _) => Results.Ok(item),
            (_, var problem) => problem!,
        });
    }

    private static async Task<(T? Item, IResult? Problem)> FoundAsync<T>(
        AccountGateway accounts, string accountId, TimeProvider clock, ClaimsPrincipal user, Func<PartnershipFound, T?> pick, CancellationToken ct)
        where T : class
    {
        var reply = await accounts.AskAsync(new GetPartnership(accountId, clock.GetUtcNow(), AccessPolicy.CallerOf(user)), ct);
        return reply is PartnershipFound found && pick(found) is { } item
            ? (item, null)
            : (null, Replies.AsProblem(reply) ?? Replies.Unexpected(reply));
    }

    private static IResult? WellFormed(string id, string field) =>
        id is not null && ResourceIds.IsWellFormed(id) && id.Length <= PartnershipDecisions.MaxIdLength
            ? null
            : Problems.Invalid(field, "partnership.id-invalid", $"Give an id of 1 to {PartnershipDecisions.MaxIdLength} letters, digits, '-' or '_'.");

    private static IResult? Malformed(string accountId, string id, string field, string what) =>
        Replies.UnknownIfMalformed(accountId, "accountId", "account") ?? Replies.UnknownIfMalformed(id, field, what);

    private static string Caller(ClaimsPrincipal user) => AccessPolicy.CallerOf(user).Subject;
}
