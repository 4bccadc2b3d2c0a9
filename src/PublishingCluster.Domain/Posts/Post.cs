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
public sealed record PostVariant(
    string ChannelId,
    string Text,
    ImmutableList<string> Media,
    DateTimeOffset? ScheduledAt = null,
    VariantDelivery Delivery = VariantDelivery.Pending,
    string? ExternalId = null,
    DateTimeOffset? PublishedAt = null,
    string? FailureReason = null);

/// <summary>Where one variant stands with its network.</summary>
public enum VariantDelivery
{
    Pending,
    Publishing,
    Published,
    Failed,
}
