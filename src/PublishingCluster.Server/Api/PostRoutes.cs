using System.Collections.Immutable;
using System.Security.Claims;
using PublishingCluster.Actors.Accounts;
using PublishingCluster.Actors.Security;
using PublishingCluster.Server.Security;
using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Posts;

namespace PublishingCluster.Server.Api;

/// <summary>Creating posts and moving them through review, approval and the calendar.</summary>
public static class PostRoutes
{
    public static void MapPostRoutes(this IEndpointRouteBuilder app)
    {
        var posts = app.MapGroup("/accounts/{accountId}/posts").WithTags("Posts");

        posts.MapPost("/", CreateAsync)
            .WithName("CreatePost")
            .Requires(Permission.EditContent)
            .WithSummary("Create a draft post with one variant per channel. Honours Idempotency-Key.")
            .Accepts<CreatePostRequest>("application/json")
            .Produces<Post>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        posts.MapGet("/{postId}", GetAsync)
            .WithName("GetPost")
            .Requires(Permission.ReadAccount)
            .Produces<Post>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        MapTransition(posts, "submit", "SubmitPost", "Draft -> in review.", Permission.EditContent, (a, p) => new SubmitPostForReview(a, p));
        MapTransition(posts, "approve", "ApprovePost", "The agency's approval: in review -> awaiting client.", Permission.EditContent, (a, p) => new ApprovePost(a, p));
        MapTransition(posts, "client-approve", "ClientApprovePost", "The client's approval: awaiting client -> approved (or scheduled, when it has its time).", Permission.ReviewContent, (a, p) => new ClientApprovePost(a, p));

        posts.MapPost("/{postId}/reject", RejectAsync)
            .WithName("RejectPost")
            .Requires(Permission.ReviewContent)
            .WithSummary("Send a post in review or awaiting the client back to draft, with the reason.")
            .Accepts<RejectPostRequest>("application/json")
            .Produces<Post>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        posts.MapPost("/{postId}/schedule", (string accountId, string postId, HttpRequest http, AccountGateway accounts, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
                ScheduleAsync(accountId, postId, http, accounts, clock, user, reschedule: false, ct))
            .WithName("SchedulePost")
            .Requires(Permission.EditContent)
            .WithSummary("Give each variant its time: {\"at\": instant} for all, or {\"nextSlot\": true} for each channel's next free queue slot.")
            .Accepts<ScheduleRequest>("application/json")
            .Produces<Post>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        posts.MapPost("/{postId}/reschedule", (string accountId, string postId, HttpRequest http, AccountGateway accounts, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
                ScheduleAsync(accountId, postId, http, accounts, clock, user, reschedule: true, ct))
            .WithName("ReschedulePost")
            .Requires(Permission.EditContent)
            .WithSummary("Move a post's times, with the same body as schedule.")
            .Accepts<ScheduleRequest>("application/json")
            .Produces<Post>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        posts.MapPost("/{postId}/cancel", CancelAsync)
            .WithName("CancelPost")
            .Requires(Permission.EditContent)
            .WithSummary("Take a post out of the calendar before it publishes. The body ({\"reason\": ...}) is optional.")
            .Accepts<CancelPostRequest>("application/json")
            .Produces<Post>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static void MapTransition(RouteGroupBuilder posts, string action, string name, string summary, Permission permission, Func<string, string, IAccountCommand> command) =>
        posts.MapPost($"/{{postId}}/{action}", (string accountId, string postId, AccountGateway accounts, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
                ExecuteAsync(accountId, postId, accounts, clock, user, () => command(accountId, postId), ct))
            .WithName(name)
            .Requires(permission)
            .TakesNoBody()
            .WithSummary(summary)
            .Produces<Post>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<IResult> CreateAsync(string accountId, HttpRequest http, AccountGateway accounts, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        if (Replies.UnknownIfMalformed(accountId, "accountId", "account") is { } unknown)
        {
            return unknown;
        }

        if (!IdempotencyKey.TryRead(http, out var key, out var keyProblem))
        {
            return keyProblem!;
        }

        var (body, problem) = await JsonBody.ReadAsync<CreatePostRequest>(http, ct);
        if (body is null)
        {
            return problem!;
        }

        var request = body.Value;
        var postId = ResourceIds.For(ResourceIds.PostPrefix, accountId, key);
        var variants = request.Variants.Select(v => new VariantContent(v.ChannelId, v.Text, v.Media ?? [])).ToImmutableList();
        var command = new CreatePost(accountId, postId, request.Title.Trim(), variants, body.Fingerprint);
        var reply = await accounts.AskAsync(new Execute(command, clock.GetUtcNow(), AccessPolicy.CallerOf(user)), ct);
        if (Replies.AsProblem(reply) is { } refused)
        {
            return refused;
        }

        return await PostAsync(accounts, accountId, postId, AccessPolicy.CallerOf(user), ct, post => Results.Created($"/accounts/{accountId}/posts/{postId}", post));
    }

    private static async Task<IResult> GetAsync(string accountId, string postId, AccountGateway accounts, ClaimsPrincipal user, CancellationToken ct) =>
        Malformed(accountId, postId) ?? await PostAsync(accounts, accountId, postId, AccessPolicy.CallerOf(user), ct, Results.Ok);

    private static async Task<IResult> RejectAsync(string accountId, string postId, HttpRequest http, AccountGateway accounts, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        if (Malformed(accountId, postId) is { } unknown)
        {
            return unknown;
        }

        var (body, problem) = await JsonBody.ReadAsync<RejectPostRequest>(http, ct);
        return body is null
            ? problem!
            : await ExecuteAsync(accountId, postId, accounts, clock, user, () => new RejectPost(accountId, postId, body.Value.Reason), ct);
    }

    private static async Task<IResult> CancelAsync(string accountId, string postId, HttpRequest http, AccountGateway accounts, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        if (Malformed(accountId, postId) is { } unknown)
        {
            return unknown;
        }

        string? reason = null;
        if (http.ContentLength is > 0 || http.Headers.ContentType.Count > 0)
        {
            var (body, problem) = await JsonBody.ReadAsync<CancelPostRequest>(http, ct);
            if (body is null)
            {
                return problem!;
            }

            reason = body.Value.Reason;
        }

        return await ExecuteAsync(accountId, postId, accounts, clock, user, () => new CancelPost(accountId, postId, reason), ct);
    }

    private static async Task<IResult> ScheduleAsync(string accountId, string postId, HttpRequest http, AccountGateway accounts, TimeProvider clock, ClaimsPrincipal user, bool reschedule, CancellationToken ct)
    {
        if (Malformed(accountId, postId) is { } unknown)
        {
            return unknown;
        }

        var (body, problem) = await JsonBody.ReadAsync<ScheduleRequest>(http, ct);
        if (body is null)
        {
            return problem!;
        }

        var request = body.Value;
        if ((request.At is null) == !request.NextSlot)
        {
            return Problems.Invalid("at", "schedule.target-ambiguous", "Send either \"at\" (a time with its offset) or \"nextSlot\": true, not both and not neither.");
        }

        var target = request.At is { } at ? ScheduleTarget.Exactly(at) : ScheduleTarget.NextFreeSlot;
        return await ExecuteAsync(accountId, postId, accounts, clock, user,
            () => reschedule ? new ReschedulePost(accountId, postId, target) : new SchedulePost(accountId, postId, target), ct);
    }

    private static IResult? Malformed(string accountId, string postId) =>
        Replies.UnknownIfMalformed(accountId, "accountId", "account") ?? Replies.UnknownIfMalformed(postId, "postId", "post");

    private static async Task<IResult> ExecuteAsync(string accountId, string postId, AccountGateway accounts, TimeProvider clock, ClaimsPrincipal user, Func<IAccountCommand> command, CancellationToken ct)
    {
        if (Malformed(accountId, postId) is { } unknown)
        {
            return unknown;
        }

        var reply = await accounts.AskAsync(new Execute(command(), clock.GetUtcNow(), AccessPolicy.CallerOf(user)), ct);
        return Replies.AsProblem(reply) ?? await PostAsync(accounts, accountId, postId, AccessPolicy.CallerOf(user), ct, Results.Ok);
    }

    private static async Task<IResult> PostAsync(AccountGateway accounts, string accountId, string postId, Caller by, CancellationToken ct, Func<Post, IResult> respond)
    {
        var reply = await accounts.AskAsync(new GetPost(accountId, postId, by), ct);
        return reply is PostFound found ? respond(found.Post) : Replies.AsProblem(reply) ?? Replies.Unexpected(reply);
    }
}
