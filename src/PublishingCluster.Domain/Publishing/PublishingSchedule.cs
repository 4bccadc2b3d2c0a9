using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Posts;

namespace PublishingCluster.Domain.Publishing;

/// <summary>When an account next has publishing work, for the coordinator that wakes it.</summary>
public static class PublishingSchedule
{
    /// <summary>
    /// The earliest instant at which <see cref="PublishDue"/> would do something: a pending variant of a scheduled
    /// post falls due (or its wait ends), or an unapproved post reaches its time and expires. Null: nothing ahead.
    /// Variants in flight are not counted: their answer, not the clock, moves them on.
    /// </summary>
    public static DateTimeOffset? NextDue(AccountState state)
    {
        DateTimeOffset? next = null;
        foreach (var post in state.Posts.Values)
        {
            DateTimeOffset? candidate = post.Status switch
            {
                _ when post.Status.IsAwaitingApproval() => post.FirstScheduledAt,
                PostStatus.Scheduled or PostStatus.Publishing => post.Variants.Values
                    .Where(v => v.Delivery == VariantDelivery.Pending && v.DueAt is not null)
                    .Select(v => v.DueAt)
                    .Min(),
                _ => null,
            };
            if (candidate is { } at && (next is null || at < next))
            {
                next = at;
            }
        }

        return next;
    }

    /// <summary>Variants marked publishing: after a restart, their outcome must be asked of the network before any resend.</summary>
    public static IEnumerable<(Post Post, PostVariant Variant)> InFlight(AccountState state) =>
        from post in state.Posts.Values
        from variant in post.Variants.Values
        where variant.Delivery == VariantDelivery.Publishing
        select (post, variant);
}
