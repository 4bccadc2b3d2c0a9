using System.Collections.Immutable;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using PublishingCluster.Actors.Accounts;
using PublishingCluster.Actors.Security;
using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Posts;
using PublishingCluster.Server.Api.Requests;
using PublishingCluster.Server.Security;

namespace PublishingCluster.Server.Api.Routes;

/// <summary>A route on one post: <see cref="AccountCall"/> and the post named in the path.</summary>
public sealed record PostCall(string AccountId, string PostId, HttpRequest Http, ClaimsPrincipal User, AccountGateway Accounts, TimeProvider Clock, CancellationToken Cancellation)
    : AccountCall(AccountId, Http, User, Accounts, Clock, Cancellation)
{
    public ApiProblem? MalformedPost => MalformedWith(PostId, "postId", "post");

    public GetPost Read => new(AccountId, PostId, Caller);
}

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
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        posts.MapGet("/{postId}", GetAsync)
            .WithName("GetPost")
            .Requires(Permission.ReadAccount)
            .ProducesProblem(StatusCodes.Status404NotFound);

        MapTransition(posts, "submit", "SubmitPost", "Draft -> in review.", Permission.EditContent, (a, p) => new SubmitPostForReview(a, p));
        MapTransition(posts, "approve", "ApprovePost", "The agency's approval: in review -> awaiting client.", Permission.EditContent, (a, p) => new ApprovePost(a, p));
        MapTransition(posts, "client-approve", "ClientApprovePost", "The client's approval: awaiting client -> approved (or scheduled, when it has its time).", Permission.ReviewContent, (a, p) => new ClientApprovePost(a, p));

        posts.MapPost("/{postId}/reject", RejectAsync)
            .WithName("RejectPost")
            .Requires(Permission.ReviewContent)
            .WithSummary("Send a post in review or awaiting the client back to draft, with the reason.")
            .Accepts<RejectPostRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        posts.MapPost("/{postId}/schedule", ([AsParameters] PostCall call) => ScheduleAsync(call, reschedule: false))
            .WithName("SchedulePost")
            .Requires(Permission.EditContent)
            .WithSummary("Give each variant its time: {\"at\": instant} for all, or {\"nextSlot\": true} for each channel's next free queue slot.")
            .Accepts<ScheduleRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        posts.MapPost("/{postId}/reschedule", ([AsParameters] PostCall call) => ScheduleAsync(call, reschedule: true))
            .WithName("ReschedulePost")
            .Requires(Permission.EditContent)
            .WithSummary("Move a post's times, with the same body as schedule.")
            .Accepts<ScheduleRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        posts.MapPost("/{postId}/cancel", CancelAsync)
            .WithName("CancelPost")
            .Requires(Permission.EditContent)
            .WithSummary("Take a post out of the calendar before it publishes. The body ({\"reason\": ...}) is optional.")
            .Accepts<CancelPostRequest>("application/json")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static void MapTransition(RouteGroupBuilder posts, string action, string name, string summary, Permission permission, Func<string, string, IAccountCommand> command) =>
        posts.MapPost($"/{{postId}}/{action}", ([AsParameters] PostCall call) => ExecuteAsync(call, command(call.AccountId, call.PostId)))
            .WithName(name)
            .Requires(permission)
            .TakesNoBody()
            .WithSummary(summary)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<Results<Created<Post>, ApiProblem>> CreateAsync([AsParameters] AccountCall call)
    {
        if (call.Malformed is { } unknown)
        {
            return unknown;
        }

        if (!IdempotencyKey.TryRead(call.Http, out var key, out var keyProblem))
        {
            return keyProblem!;
        }

        var (body, problem) = await JsonBody.ReadAsync<CreatePostRequest>(call.Http, call.Cancellation);
        if (body is null)
        {
            return problem!;
        }

        var request = body.Value;
        var postId = ResourceIds.For(ResourceIds.PostPrefix, call.AccountId, key);
        var variants = request.Variants.Select(v => new VariantContent(v.ChannelId, v.Text, v.Media ?? [])).ToImmutableList();
        var command = new CreatePost(call.AccountId, postId, request.Title.Trim(), variants, body.Fingerprint);
        var written = await call.ExecuteAsync<PostFound>(command, new GetPost(call.AccountId, postId, call.Caller));
        return written.View is { } found ? TypedResults.Created($"/accounts/{call.AccountId}/posts/{postId}", found.Post) : written.Problem!;
    }

    private static async Task<Results<Ok<Post>, ApiProblem>> GetAsync([AsParameters] PostCall call)
    {
        if (call.MalformedPost is { } unknown)
        {
            return unknown;
        }

        var (found, problem) = await call.ReadAsync<PostFound>(call.Read);
        return found is null ? problem! : TypedResults.Ok(found.Post);
    }

    private static async Task<Results<Ok<Post>, ApiProblem>> RejectAsync([AsParameters] PostCall call)
    {
        if (call.MalformedPost is { } unknown)
        {
            return unknown;
        }

        var (body, problem) = await JsonBody.ReadAsync<RejectPostRequest>(call.Http, call.Cancellation);
        return body is null ? problem! : await ExecuteAsync(call, new RejectPost(call.AccountId, call.PostId, body.Value.Reason));
    }

    private static async Task<Results<Ok<Post>, ApiProblem>> CancelAsync([AsParameters] PostCall call)
    {
        if (call.MalformedPost is { } unknown)
        {
            return unknown;
        }

        string? reason = null;
        if (call.Http.ContentLength is > 0 || call.Http.Headers.ContentType.Count > 0)
        {
            var (body, problem) = await JsonBody.ReadAsync<CancelPostRequest>(call.Http, call.Cancellation);
            if (body is null)
            {
                return problem!;
            }

            reason = body.Value.Reason;
        }

        return await ExecuteAsync(call, new CancelPost(call.AccountId, call.PostId, reason));
    }

    private static async Task<Results<Ok<Post>, ApiProblem>> ScheduleAsync(PostCall call, bool reschedule)
    {
        if (call.MalformedPost is { } unknown)
        {
            return unknown;
        }

        var (body, problem) = await JsonBody.ReadAsync<ScheduleRequest>(call.Http, call.Cancellation);
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
        return await ExecuteAsync(call, reschedule ? new ReschedulePost(call.AccountId, call.PostId, target) : new SchedulePost(call.AccountId, call.PostId, target));
    }

    private static async Task<Results<Ok<Post>, ApiProblem>> ExecuteAsync(PostCall call, IAccountCommand command)
    {
        if (call.MalformedPost is { } unknown)
        {
            return unknown;
        }

        var written = await call.ExecuteAsync<PostFound>(command, call.Read);
        return written.View is { } found ? TypedResults.Ok(found.Post) : written.Problem!;
    }
}
