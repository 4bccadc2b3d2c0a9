using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using PublishingCluster.Actors.Accounts;
using PublishingCluster.Actors.Security;
using PublishingCluster.Domain.Channels;
using PublishingCluster.Server.Api.ReadModels;
using PublishingCluster.Server.Api.Requests;
using PublishingCluster.Server.Security;

namespace PublishingCluster.Server.Api.Routes;

/// <summary>A route on one channel: <see cref="AccountCall"/> and the channel named in the path.</summary>
public sealed record ChannelCall(string AccountId, string ChannelId, HttpRequest Http, ClaimsPrincipal User, AccountGateway Accounts, TimeProvider Clock, CancellationToken Cancellation)
    : AccountCall(AccountId, Http, User, Accounts, Clock, Cancellation);

/// <summary>Connecting channels and reading a channel's queue.</summary>
public static class ChannelRoutes
{
    public static void MapChannelRoutes(this IEndpointRouteBuilder app)
    {
        var channels = app.MapGroup("/accounts/{accountId}/channels").WithTags("Channels");

        channels.MapPost("/", ConnectAsync)
            .WithName("ConnectChannel")
            .Requires(Permission.EditContent)
            .WithSummary("Connect a network profile, with its time zone, posting windows and queue slots. Honours Idempotency-Key.")
            .Accepts<ConnectChannelRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        channels.MapGet("/{channelId}/queue", QueueAsync)
            .WithName("GetChannelQueue")
            .Requires(Permission.ReadAccount)
            .WithSummary("The channel's posts still to go out, in order, and its next free queue slot.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Created<ChannelView>, ApiProblem>> ConnectAsync([AsParameters] AccountCall call)
    {
        if (call.Malformed is { } unknown)
        {
            return unknown;
        }

        if (!IdempotencyKey.TryRead(call.Http, out var key, out var keyProblem))
        {
            return keyProblem!;
        }

        var (body, problem) = await JsonBody.ReadAsync<ConnectChannelRequest>(call.Http, call.Cancellation);
        if (body is null)
        {
            return problem!;
        }

        var request = body.Value;
        var channelId = ResourceIds.For(ResourceIds.ChannelPrefix, call.AccountId, key);
        var command = new ConnectChannel(call.AccountId, channelId, request.Network, request.Handle, request.TimeZone,
            request.PostingWindows ?? [], request.QueueSlots ?? [], body.Fingerprint);
        var written = await call.ExecuteAsync<AccountSummary>(command, new GetAccount(call.AccountId, call.Caller));
        if (written.View is not { } summary)
        {
            return written.Problem!;
        }

        return summary.Channels.FirstOrDefault(c => c.ChannelId == channelId) is { } channel
            ? TypedResults.Created($"/accounts/{call.AccountId}/channels/{channelId}", new ChannelView(call.AccountId, channel))
            : Problems.Unavailable("The channel was connected but could not be read back; retry the request.");
    }

    private static async Task<Results<Ok<ChannelQueueFound>, ApiProblem>> QueueAsync([AsParameters] ChannelCall call)
    {
        if (call.MalformedWith(call.ChannelId, "channelId", "channel") is { } unknown)
        {
            return unknown;
        }

        var (queue, problem) = await call.ReadAsync<ChannelQueueFound>(new GetChannelQueue(call.AccountId, call.ChannelId, call.Clock.GetUtcNow(), call.Caller));
        return queue is null ? problem! : TypedResults.Ok(queue);
    }
}
