using System.Collections.Immutable;
using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Channels;
using PublishingCluster.Domain.Common;
using PublishingCluster.Domain.Posts;

namespace PublishingCluster.Domain.Calendar;

/// <summary>One variant's place in the calendar.</summary>
public sealed record CalendarEntry(
    DateTimeOffset ScheduledAt,
    string PostId,
    string Title,
    string ChannelId,
    Network Network,
    PostStatus Status,
    VariantDelivery Delivery);

/// <summary>The editorial calendar: a query over the account's posts, never stored on its own.</summary>
public static class EditorialCalendar
{
    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(366);

    /// <summary>Validates a requested range; the rejection names the offending bound.</summary>
    public static Rejection? ValidateRange(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from)
        {
            return Rejection.Invalid("to", "calendar.range-empty", "'to' must be after 'from'.");
        }

        return to - from > MaxRange
            ? Rejection.Invalid("to", "calendar.range-too-long", $"A calendar range spans at most {MaxRange.TotalDays:0} days.")
            : null;
    }

    /// <summary>Every variant due in [from, to), in time order, cancelled posts left out.</summary>
    public static ImmutableList<CalendarEntry> Between(AccountState state, DateTimeOffset from, DateTimeOffset to) =>
        Entries(state)
            .Where(e => e.ScheduledAt >= from && e.ScheduledAt < to)
            .ToImmutableList();

    /// <summary>One channel's queue: its variants still to go out, in the order they will.</summary>
    public static ImmutableList<CalendarEntry> Queue(AccountState state, string channelId) =>
        Entries(state)
            .Where(e => e.ChannelId == channelId && e.Delivery is VariantDelivery.Pending or VariantDelivery.Publishing && !e.Status.IsFinal())
            .ToImmutableList();

    public static DateTimeOffset? NextFreeSlot(AccountState state, string channelId, DateTimeOffset now) =>
        PostScheduling.FindNextFreeSlot(state, channelId, now);

    private static IEnumerable<CalendarEntry> Entries(AccountState state) =>
        from post in state.Posts.Values
        where post.Status != PostStatus.Cancelled
        from variant in post.Variants.Values
        where variant.ScheduledAt is not null
        let channel = state.Channels[variant.ChannelId]
        orderby variant.ScheduledAt, post.PostId, variant.ChannelId
        select new CalendarEntry(variant.ScheduledAt!.Value, post.PostId, post.Title, variant.ChannelId, channel.Network, post.Status, variant.Delivery);
}
