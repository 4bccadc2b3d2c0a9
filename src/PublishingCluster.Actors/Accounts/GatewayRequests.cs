using PublishingCluster.Actors.Gateways;
using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Posts;
using PublishingCluster.Domain.Publishing;

namespace PublishingCluster.Actors.Accounts;

/// <summary>What an account asks of its networks' gateways, built from its durable state.</summary>
internal static class GatewayRequests
{
    /// <summary>Sends the variant whose start <paramref name="started"/> recorded, under its idempotency key.</summary>
    public static SendToNetwork Send(AccountState state, VariantPublishingStarted started)
    {
        var post = state.Posts[started.PostId];
        var variant = post.Variants[started.ChannelId];
        var channel = state.Channels[started.ChannelId];
        return new SendToNetwork(state.AccountId, post.PostId, channel.ChannelId, started.IdempotencyKey, channel.Network, channel.Handle, variant.Text, variant.Media);
    }

    /// <summary>
    /// Asks the network whether it published a variant in flight: by its idempotency key, or (a network without
    /// keys) by its text among the channel's posts since it was first due, less the networks' clock skew.
    /// </summary>
    public static LookupOnNetwork Lookup(AccountState state, Post post, PostVariant variant) =>
        new(state.AccountId, post.PostId, variant.ChannelId, state.IdempotencyKeyFor(post.PostId, variant.ChannelId), state.Channels[variant.ChannelId].Network,
            variant.Text, EarliestSend(variant) - ChannelGatewayActor.ClockSkew);

    /// <summary>No attempt went out before the variant was due, nor before its latest attempt started.</summary>
    private static DateTimeOffset EarliestSend(PostVariant variant) =>
        (variant.ScheduledAt, variant.StartedAt) switch
        {
            ({ } due, { } started) => due < started ? due : started,
            ({ } due, null) => due,
            (null, { } started) => started,
            _ => DateTimeOffset.UnixEpoch,
        };
}
