using System.Security.Claims;
using PublishingCluster.Actors.Accounts;
using PublishingCluster.Actors.Security;
using PublishingCluster.Server.Security;
using PublishingCluster.Domain.Channels;

namespace PublishingCluster.Server.Api;

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
            .Produces<ChannelView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        channels.MapGet("/{channelId}/queue", QueueAsync)
            .WithName("GetChannelQueue")
            .Requires(Permission.ReadAccount)
            .WithSummary("The channel's posts still to go out, in order, and its next free queue slot.")
            .Produces<ChannelQueueFound>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> ConnectAsync(string accountId, HttpRequest http, AccountGateway accounts, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        if (Replies.UnknownIfMalformed(accountId, "accountId", "account") is { } unknown)
        {
            return unknown;
        }

        if (!IdempotencyKey.TryRead(http, out var key, out var keyProblem))
        {
            return keyProblem!;
        }

        var (body, problem) = await JsonBody.ReadAsync<ConnectChannelRequest>(http, ct);
        if (body is null)
        {
            return problem!;
        }

        var request = body.Value;
        var channelId = ResourceIds.For(ResourceIds.ChannelPrefix, accountId, key);
        var command = new ConnectChannel(accountId, channelId, request.Network, request.Handle, request.TimeZone,
            request.PostingWindows ?? [], request.QueueSlots ?? [], body.Fingerprint);
        var reply = await accounts.AskAsync(new Execute(command, clock.GetUtcNow(), AccessPolicy.CallerOf(user)), ct);
        if (Replies.AsProblem(reply) is { } refused)
        {
            return refused;
        }

        return await AccountRoutes.SummaryAsync(accounts, accountId, AccessPolicy.CallerOf(user), ct, summary =>
            summary.Channels.FirstOrDefault(c => c.ChannelId == channelId) is { } channel
                ? Results.Created($"/accounts/{accountId}/channels/{channelId}", new ChannelView(accountId, channel))
                : Problems.Unavailable("The channel was connected but could not be read back; retry the request."));
    }

    private static async Task<IResult> QueueAsync(string accountId, string channelId, AccountGateway accounts, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        if ((Replies.UnknownIfMalformed(accountId, "accountId", "account") ?? Replies.UnknownIfMalformed(channelId, "channelId", "channel")) is { } unknown)
        {
            return unknown;
        }

        var reply = await accounts.AskAsync(new GetChannelQueue(accountId, channelId, clock.GetUtcNow(), AccessPolicy.CallerOf(user)), ct);
        return reply is ChannelQueueFound queue ? Results.Ok(queue) : Replies.AsProblem(reply) ?? Replies.Unexpected(reply);
    }
}

/// <summary>A connected channel as the API shows it.</summary>
public sealed record ChannelView(string AccountId, PublishingCluster.Domain.Channels.Channel Channel);
