using PublishingCluster.Domain.Common;

namespace PublishingCluster.Domain.Channels;

/// <summary>Checks on a channel's own settings, and on times against its posting windows.</summary>
public static class ChannelRules
{
    public const int MaxWindows = 7 * 6;
    public const int MaxSlots = 7 * 24;
    public const int MaxHandleLength = 100;

    public static Rejection? Validate(Channel channel, string field = "")
    {
        string At(string name) => field.Length == 0 ? name : $"{field}.{name}";

        if (channel.PostingWindows is null || channel.QueueSlots is null)
        {
            return Rejection.Missing(At(channel.PostingWindows is null ? "postingWindows" : "queueSlots"));
        }

        if (channel.PostingWindows.IndexOf(null!) is var nullWindow and >= 0)
        {
            return Rejection.Missing(At($"postingWindows[{nullWindow}]"));
        }

        if (channel.QueueSlots.IndexOf(null!) is var nullSlot and >= 0)
        {
            return Rejection.Missing(At($"queueSlots[{nullSlot}]"));
        }

        if (!Enum.IsDefined(channel.Network))
        {
            return Rejection.Invalid(At("network"), "channel.network-unknown", "Unknown network.");
        }

        if (string.IsNullOrWhiteSpace(channel.Handle) || channel.Handle.Length > MaxHandleLength)
        {
            return Rejection.Invalid(At("handle"), "channel.handle-invalid", $"A handle of 1 to {MaxHandleLength} characters is required.");
        }

        if (!TimeZones.TryFind(channel.TimeZone, out _))
        {
            return Rejection.Invalid(At("timeZone"), "timezone.unknown", $"Unknown time zone '{channel.TimeZone}'; use an IANA id such as Europe/London.");
        }

        if (channel.PostingWindows.Count > MaxWindows)
        {
            return Rejection.Invalid(At("postingWindows"), "channel.windows.too-many", $"At most {MaxWindows} posting windows.");
        }

        for (var i = 0; i < channel.PostingWindows.Count; i++)
        {
            var window = channel.PostingWindows[i];
            if (!Enum.IsDefined(window.Day))
            {
                return Rejection.Invalid(At($"postingWindows[{i}].day"), "channel.window.day-invalid", "Unknown weekday.");
            }

            if (window.End <= window.Start)
            {
                return Rejection.Invalid(At($"postingWindows[{i}].end"), "channel.window.end-before-start",
                    "A posting window must end after it starts on the same day; split a window that crosses midnight in two.");
            }
        }

        if (channel.QueueSlots.Count > MaxSlots)
        {
            return Rejection.Invalid(At("queueSlots"), "channel.slots.too-many", $"At most {MaxSlots} queue slots.");
        }

        for (var i = 0; i < channel.QueueSlots.Count; i++)
        {
            var slot = channel.QueueSlots[i];
            if (!Enum.IsDefined(slot.Day))
            {
                return Rejection.Invalid(At($"queueSlots[{i}].day"), "channel.slot.day-invalid", "Unknown weekday.");
            }

            if (channel.QueueSlots.Take(i).Contains(slot))
            {
                return Rejection.Invalid(At($"queueSlots[{i}]"), "channel.slot.duplicate", "The same slot appears twice.");
            }

            if (channel.PostingWindows.Count > 0 && !InWindow(channel, slot.Day, slot.Time))
            {
                return Rejection.Rule(At($"queueSlots[{i}]"), "channel.slot.outside-window", "A queue slot must lie inside one of the channel's posting windows.");
            }
        }

        return null;
    }

    /// <summary>True when the channel may publish at <paramref name="instant"/>: no windows means any time.</summary>
    public static bool IsInPostingWindow(Channel channel, DateTimeOffset instant)
    {
        if (channel.PostingWindows.IsEmpty)
        {
            return true;
        }

        var local = TimeZones.ToLocal(instant, TimeZones.Find(channel.TimeZone));
        return InWindow(channel, local.DayOfWeek, TimeOnly.FromDateTime(local));
    }

    /// <summary>The first instant at or after <paramref name="from"/> inside a posting window (itself, if it is inside one).</summary>
    public static DateTimeOffset NextWindowOpening(Channel channel, DateTimeOffset from)
    {
        if (IsInPostingWindow(channel, from))
        {
            return from;
        }

        var zone = TimeZones.Find(channel.TimeZone);
        var startDate = DateOnly.FromDateTime(TimeZones.ToLocal(from, zone));
        for (var d = 0; d <= 8; d++)
        {
            var date = startDate.AddDays(d);
            foreach (var window in channel.PostingWindows.Where(w => w.Day == date.DayOfWeek).OrderBy(w => w.Start))
            {
                var opens = TimeZones.ToInstant(date, window.Start, zone);
                if (opens >= from)
                {
                    return opens;
                }
            }
        }

        return from; // unreachable with at least one window: every weekday recurs within eight days
    }

    private static bool InWindow(Channel channel, DayOfWeek day, TimeOnly time) =>
        channel.PostingWindows.Any(w => w.Day == day && time >= w.Start && time < w.End);
}
