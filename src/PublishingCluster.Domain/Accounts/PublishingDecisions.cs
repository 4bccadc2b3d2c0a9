using PublishingCluster.Domain.Common;
using PublishingCluster.Domain.Posts;

namespace PublishingCluster.Domain.Accounts;

/// <summary>
/// The publishing half of the lifecycle: a due, approved variant starts publishing under its idempotency
/// key, and ends published or failed; an unapproved post whose time has come expires.
/// </summary>
internal static class PublishingDecisions
{
    public const int MaxExternalIdLength = 200;

    public static Decision Start(AccountState state, StartPublishing command, DateTimeOffset now)
    {
        if (FindVariant(state, command.PostId, command.ChannelId, out var post, out var variant) is { } missing)
        {
            return missing;
        }

        if (post.Status is not (PostStatus.Scheduled or PostStatus.Publishing) || variant.Delivery != VariantDelivery.Pending)
        {
            return Decision.Reject(Rejection.Lifecycle("channelId", "publishing.not-ready",
                $"Variant '{command.ChannelId}' of post '{post.PostId}' is {variant.Delivery} in a {post.Status} post; only a pending variant of a scheduled post starts publishing."));
        }

        if (variant.ScheduledAt is not { } due || due > now)
        {
            return Decision.Reject(Rejection.Lifecycle("channelId", "publishing.not-due", $"Variant '{command.ChannelId}' of post '{post.PostId}' is not due yet."));
        }

        return Decision.Accept(post.PostId, new VariantPublishingStarted(post.PostId, variant.ChannelId, state.IdempotencyKeyFor(post.PostId, variant.ChannelId), now));
    }

    public static Decision Published(AccountState state, RecordPublished command, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(command.ExternalId) || command.ExternalId.Length > MaxExternalIdLength)
        {
            return Decision.Reject(Rejection.Invalid("externalId", "publishing.external-id-invalid", "The network's id for the post is required."));
        }

        if (FindVariant(state, command.PostId, command.ChannelId, out var post, out var variant) is { } missing)
        {
            return missing;
        }

        // A second report of the same success (a retried acknowledgement) changes nothing.
        if (variant.Delivery == VariantDelivery.Published && variant.ExternalId == command.ExternalId)
        {
            return Decision.Accept(post.PostId);
        }

        return variant.Delivery == VariantDelivery.Publishing
            ? Decision.Accept(post.PostId, new VariantPublished(post.PostId, variant.ChannelId, command.ExternalId, now))
            : Decision.Reject(Rejection.Lifecycle("channelId", "publishing.not-in-flight", $"Variant '{command.ChannelId}' of post '{post.PostId}' is {variant.Delivery}, not publishing."));
    }

    public static Decision Failed(AccountState state, RecordPublishFailed command, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(command.Reason) || command.Reason.Length > PostDecisions.MaxReasonLength)
        {
            return Decision.Reject(Rejection.Invalid("reason", "publishing.reason-invalid", "A failure needs its reason."));
        }

        if (FindVariant(state, command.PostId, command.ChannelId, out var post, out var variant) is { } missing)
        {
            return missing;
        }

        return variant.Delivery == VariantDelivery.Publishing
            ? Decision.Accept(post.PostId, new VariantPublishFailed(post.PostId, variant.ChannelId, command.Reason, now))
            : Decision.Reject(Rejection.Lifecycle("channelId", "publishing.not-in-flight", $"Variant '{command.ChannelId}' of post '{post.PostId}' is {variant.Delivery}, not publishing."));
    }

    public static Decision Expire(AccountState state, ExpirePost command, DateTimeOffset now)
    {
        if (PostDecisions.Find(state, command.PostId, out var post) is { } missing)
        {
            return missing;
        }

        if (!post.Status.IsAwaitingApproval())
        {
            return Decision.Reject(PostDecisions.NotIn(post, "expire", "still awaiting approval"));
        }

        return post.FirstScheduledAt is { } due && due <= now
            ? Decision.Accept(post.PostId, new PostExpired(post.PostId, now))
            : Decision.Reject(Rejection.Lifecycle("postId", "post.not-due", $"Post '{post.PostId}' is not due yet, so it cannot expire."));
    }

    private static Decision? FindVariant(AccountState state, string postId, string channelId, out Post post, out PostVariant variant)
    {
        variant = null!;
        if (PostDecisions.Find(state, postId, out post) is { } missing)
        {
            return missing;
        }

        return post.Variants.TryGetValue(channelId, out variant!)
            ? null
            : Decision.Reject(Rejection.NotFound("channelId", "post.variant-not-found", $"Post '{postId}' has no variant for channel '{channelId}'."));
    }
}
