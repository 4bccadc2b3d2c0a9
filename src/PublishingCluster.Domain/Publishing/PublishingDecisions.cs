using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Channels;
using PublishingCluster.Domain.Common;
using PublishingCluster.Domain.Posts;

namespace PublishingCluster.Domain.Publishing;

/// <summary>
/// The publishing half of the lifecycle: a due, approved variant starts publishing under its idempotency key
/// (or waits for its network's quota or its posting window), and ends published, deferred for a retry, or
/// failed; an unapproved post whose time has come expires.
/// </summary>
internal static class PublishingDecisions
{
    public const int MaxExternalIdLength = 200;

    /// <summary>Every due thing at once, as one batch of events (empty when nothing is due).</summary>
    public static Decision PublishDue(AccountState state, DateTimeOffset now, PublishingPolicy policy)
    {
        var events = new List<IAccountEvent>();
        var startedPerChannel = new Dictionary<string, List<DateTimeOffset>>(StringComparer.Ordinal);
        foreach (var post in state.Posts.Values)
        {
            if (post.Status.IsAwaitingApproval() && post.FirstScheduledAt is { } due && due <= now)
            {
                events.Add(new PostExpired(post.PostId, now));
                continue;
            }

            if (post.Status is not (PostStatus.Scheduled or PostStatus.Publishing))
            {
                continue;
            }

            foreach (var variant in post.Variants.Values.Where(v => v.Delivery == VariantDelivery.Pending && v.DueAt <= now))
            {
                if (!startedPerChannel.TryGetValue(variant.ChannelId, out var started))
                {
                    startedPerChannel[variant.ChannelId] = started = QuotaUse(state, variant.ChannelId, now);
                }

                if (Evaluate(state, post, variant, now, policy, started) is { } @event)
                {
                    events.Add(@event);
                    if (@event is VariantPublishingStarted)
                    {
                        started.Add(now);
                    }
                }
            }
        }

        return Decision.Accept(null, events);
    }

    public static Decision Start(AccountState state, StartPublishing command, DateTimeOffset now, PublishingPolicy policy)
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

        if (variant.DueAt is not { } due || due > now)
        {
            return Decision.Reject(Rejection.Lifecycle("channelId", "publishing.not-due", $"Variant '{command.ChannelId}' of post '{post.PostId}' is not due yet."));
        }

        var @event = Evaluate(state, post, variant, now, policy, QuotaUse(state, variant.ChannelId, now));
        return @event is null ? Decision.Accept(post.PostId) : Decision.Accept(post.PostId, @event);
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
            : Decision.Reject(NotInFlight(post, variant));
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
            ? Decision.Accept(post.PostId, new VariantPublishFailed(post.PostId, variant.ChannelId, command.Reason, now, command.NeedsHuman))
            : Decision.Reject(NotInFlight(post, variant));
    }

    public static Decision Retryable(AccountState state, RecordPublishRetryable command, DateTimeOffset now, PublishingPolicy policy)
    {
        if (string.IsNullOrWhiteSpace(command.Reason) || command.Reason.Length > PostDecisions.MaxReasonLength)
        {
            return Decision.Reject(Rejection.Invalid("reason", "publishing.reason-invalid", "A failure needs its reason."));
        }

        if (FindVariant(state, command.PostId, command.ChannelId, out var post, out var variant) is { } missing)
        {
            return missing;
        }

        if (variant.Delivery != VariantDelivery.Publishing)
        {
            return Decision.Reject(NotInFlight(post, variant));
        }

        if (variant.Attempts >= policy.MaxAttempts)
        {
            return Decision.Accept(post.PostId, new VariantPublishFailed(post.PostId, variant.ChannelId,
                $"Gave up after {variant.Attempts} attempts; last: {command.Reason}", now, NeedsHuman: true));
        }

        var wait = command.Immediately ? TimeSpan.Zero : policy.BackoffAfter(variant.Attempts);
        if (command.RetryAfter is { } retryAfter && retryAfter > wait)
        {
            wait = retryAfter;
        }

        return Decision.Accept(post.PostId, new VariantPublishDeferred(post.PostId, variant.ChannelId, command.Reason, now + wait, AfterAttempt: true, now));
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

    /// <summary>What to do with one due, pending variant now; null when it already waits for exactly this.</summary>
    private static IAccountEvent? Evaluate(AccountState state, Post post, PostVariant variant, DateTimeOffset now, PublishingPolicy policy, List<DateTimeOffset> quotaUse)
    {
        var channel = state.Channels[variant.ChannelId];
        if (variant.ScheduledAt is { } scheduled && now - scheduled > policy.MaxLateness)
        {
            return new VariantPublishFailed(post.PostId, variant.ChannelId,
                $"Missed: due {scheduled:O}, still unsent {policy.MaxLateness.TotalHours:0} h later, so it is not sent any more; write it again as a new post if it still fits.", now, NeedsHuman: true);
        }

        if (!ChannelRules.IsInPostingWindow(channel, now))
        {
            return Defer(post, variant, "outside the channel's posting window", ChannelRules.NextWindowOpening(channel, now), now);
        }

        var quota = channel.Rules.QuotaPer24Hours;
        if (quotaUse.Count >= quota)
        {
            var frees = quotaUse.Min() + TimeSpan.FromHours(24);
            return Defer(post, variant, $"{channel.Network} quota of {quota} posts per 24 h reached", frees > now ? frees : now.AddSeconds(1), now);
        }

        return new VariantPublishingStarted(post.PostId, variant.ChannelId, state.IdempotencyKeyFor(post.PostId, variant.ChannelId), now);
    }

    private static VariantPublishDeferred? Defer(Post post, PostVariant variant, string reason, DateTimeOffset until, DateTimeOffset now) =>
        variant.NextAttemptAt == until && variant.LastDeferral == reason
            ? null
            : new VariantPublishDeferred(post.PostId, variant.ChannelId, reason, until, AfterAttempt: false, now);

    /// <summary>Sends to the channel's network in the 24 hours up to <paramref name="now"/>: in flight, or published.</summary>
    private static List<DateTimeOffset> QuotaUse(AccountState state, string channelId, DateTimeOffset now) =>
        state.Posts.Values
            .Select(p => p.Variants.GetValueOrDefault(channelId))
            .Where(v => v is not null)
            .Select(v => v!.Delivery switch
            {
                VariantDelivery.Publishing => v.StartedAt,
                VariantDelivery.Published => v.PublishedAt,
                _ => null,
            })
            .Where(at => at is { } t && t > now.AddHours(-24))
            .Select(at => at!.Value)
            .ToList();

    private static Rejection NotInFlight(Post post, PostVariant variant) =>
        Rejection.Lifecycle("channelId", "publishing.not-in-flight", $"Variant '{variant.ChannelId}' of post '{post.PostId}' is {variant.Delivery}, not publishing.");

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
