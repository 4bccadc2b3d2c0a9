using System.Collections.Immutable;

namespace PublishingCluster.Domain.Channels;

/// <summary>
/// A connected profile on a network. Posting windows and queue slots are wall-clock times in the channel's
/// own time zone, so "Tuesday 09:00" stays 09:00 local across a DST change.
/// </summary>
public sealed record Channel(
    string ChannelId,
    Network Network,
    string Handle,
    string TimeZone,
    ImmutableList<PostingWindow> PostingWindows,
    ImmutableList<QueueSlot> QueueSlots,
    DateTimeOffset ConnectedAt)
{
    public NetworkRules Rules => NetworkRules.For(Network);
}

/// <summary>A span of a weekday, in local time, in which the channel may publish. End is exclusive.</summary>
public sealed record PostingWindow(DayOfWeek Day, TimeOnly Start, TimeOnly End);

/// <summary>A recurring weekly slot, in local time, that the queue fills with the next post.</summary>
public sealed record QueueSlot(DayOfWeek Day, TimeOnly Time);
