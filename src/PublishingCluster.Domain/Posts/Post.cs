using System.Collections.Immutable;

namespace PublishingCluster.Domain.Posts;

/// <summary>
/// A piece of content with one variant per channel. The post moves through its lifecycle as a whole; each
/// variant carries its own time (a queue slot is per channel) and its own delivery to its network.
/// </summary>
public sealed record Post(
    string PostId,
    string Title,
    ImmutableSortedDictionary<string, PostVariant> Variants,
    PostStatus Status,
    DateTimeOffset CreatedAt,
    string? LastRejectionReason = null,
    string? CancellationReason = null)
{
    /// <summary>The earliest time any variant is due, or null while the post is unscheduled.</summary>
    public DateTimeOffset? FirstScheduledAt =>
        Variants.Values.Where(v => v.ScheduledAt is not null).Select(v => v.ScheduledAt).Min();

    public bool IsScheduled => Variants.Values.All(v => v.ScheduledAt is not null);
}

/// <summary>The channel-specific form of a post: text and media suited to that network, and when it goes out.</summary>
/// <remarks>
/// <see cref="NextAttemptAt"/> is set when publishing had to wait (a retry after a failure, the network's quota,
/// a closed posting window); <see cref="Attempts"/> counts the sends to the network.
/// </remarks>
public sealed record PostVariant(
    string ChannelId,
    string Text,
    ImmutableList<string> Media,
    DateTimeOffset? ScheduledAt = null,
    VariantDelivery Delivery = VariantDelivery.Pending,
    string? ExternalId = null,
    DateTimeOffset? PublishedAt = null,
    string? FailureReason = null,
    int Attempts = 0,
    DateTimeOffset? NextAttemptAt = null,
    DateTimeOffset? StartedAt = null,
    string? LastDeferral = null)
{
    /// <summary>When this variant may next be sent: its time, or later if it had to wait.</summary>
    public DateTimeOffset? DueAt => ScheduledAt is { } at && NextAttemptAt is { } next && next > at ? next : ScheduledAt;

    /// <summary>How late it went out: published minus scheduled.</summary>
    public TimeSpan? Lateness => PublishedAt is { } published && ScheduledAt is { } scheduled ? published - scheduled : null;
}

/// <summary>Where one variant stands with its network.</summary>
public enum VariantDelivery
{
    Pending,
    Publishing,
    Published,
    Failed,
}
