using PublishingCluster.Domain.Common;
using PublishingCluster.Domain.Contracts;

namespace PublishingCluster.Domain.Engagement;

/// <summary>
/// Time that counts toward a response SLA: only the contract's business hours, on its business days, in its time
/// zone. Each business day is the real interval from its local opening to its local closing instant, so a day
/// with a clock change counts the hours that really passed.
/// </summary>
public static class BusinessTime
{
    /// <summary>How far ahead a deadline may lie: two years of calendar days, far beyond any SLA.</summary>
    private const int MaxDaysAhead = 731;

    /// <summary>
    /// The instant at which <paramref name="duration"/> of business time has passed since <paramref name="start"/>.
    /// A start outside business hours counts from the next opening; a deadline falls inside a business day or at its
    /// close, never in the night or at a weekend (a comment at 16:45 on a Friday with 30 minutes and hours 9-17
    /// Monday to Friday is due on Monday at 09:15).
    /// </summary>
    public static DateTimeOffset Add(BusinessHours hours, DateTimeOffset start, TimeSpan duration)
    {
        if (duration < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "A duration of business time cannot be negative.");
        }

        var remaining = duration;
        foreach (var (open, close) in DaysFrom(hours, start))
        {
            var from = start > open ? start : open;
            if (from >= close)
            {
                continue;
            }

            if (remaining <= close - from)
            {
                return from + remaining;
            }

            remaining -= close - from;
        }

        throw new InvalidOperationException($"No deadline within {MaxDaysAhead} days: {duration} of business time is more than those hours hold.");
    }

    /// <summary>The business time that passed between <paramref name="from"/> and <paramref name="to"/> (zero if <paramref name="to"/> is not later).</summary>
    public static TimeSpan Between(BusinessHours hours, DateTimeOffset from, DateTimeOffset to)
    {
        var total = TimeSpan.Zero;
        foreach (var (open, close) in DaysFrom(hours, from))
        {
            if (open >= to)
            {
                break;
            }

            var start = from > open ? from : open;
            var end = to < close ? to : close;
            if (end > start)
            {
                total += end - start;
            }
        }

        return total;
    }

    /// <summary>Whether <paramref name="instant"/> is within business hours (opening included, closing excluded).</summary>
    public static bool IsOpen(BusinessHours hours, DateTimeOffset instant)
    {
        var zone = TimeZones.Find(hours.TimeZone);
        var date = DateOnly.FromDateTime(TimeZones.ToLocal(instant, zone));
        return hours.Days.Contains(date.DayOfWeek)
            && instant >= TimeZones.ToInstant(date, hours.Opens, zone)
            && instant < TimeZones.ToInstant(date, hours.Closes, zone);
    }

    /// <summary>The business days from the local date of <paramref name="start"/> on, as real [open, close) intervals.</summary>
    public static IEnumerable<(DateTimeOffset Open, DateTimeOffset Close)> DaysFrom(BusinessHours hours, DateTimeOffset start)
    {
        if (hours.Days.IsEmpty || hours.Closes <= hours.Opens)
        {
            throw new ArgumentException("Business hours need at least one day and a closing time after the opening.", nameof(hours));
        }

        var zone = TimeZones.Find(hours.TimeZone);
        var date = DateOnly.FromDateTime(TimeZones.ToLocal(start, zone));
        for (var day = 0; day < MaxDaysAhead; day++, date = date.AddDays(1))
        {
            if (hours.Days.Contains(date.DayOfWeek))
            {
                yield return (TimeZones.ToInstant(date, hours.Opens, zone), TimeZones.ToInstant(date, hours.Closes, zone));
            }
        }
    }
}
