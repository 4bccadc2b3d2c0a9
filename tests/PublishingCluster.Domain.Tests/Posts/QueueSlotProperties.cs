using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PublishingCluster.Domain.Calendar;
using PublishingCluster.Domain.Channels;
using PublishingCluster.Domain.Common;
using PublishingCluster.Domain.Tests.Fixtures;

namespace PublishingCluster.Domain.Tests.Posts;

/// <summary>
/// The next free queue slot, for random weekly slots (with or without posting windows around them), zones and
/// moments of 2026: it lies ahead, inside a posting window, it is the earliest such slot ahead, and it shows on the local clock as one of the channel's slots (or, on the day a slot falls in a
/// spring gap, as that slot moved forward by the gap; on the day it occurs twice, as its first occurrence).
/// </summary>
public sealed class QueueSlotProperties
{
    // Zones with a northern and a southern DST, a 30-minute DST (Lord Howe), changes at midnight (Santiago),
    // and none at all (Tokyo, Kolkata at +05:30).
    private static readonly string[] Zones =
        ["Europe/London", "America/New_York", "Australia/Sydney", "Australia/Lord_Howe", "America/Santiago", "Asia/Tokyo", "Asia/Kolkata"];

    private static readonly DateTimeOffset YearStart = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public sealed record Case(string Zone, QueueSlot[] Slots, PostingWindow[] Windows, DateTimeOffset Now)
    {
        public override string ToString() =>
            $"{Zone} at {Now:O}, slots {string.Join(", ", Slots.Select(s => $"{s.Day} {s.Time:HH:mm}"))}, windows {string.Join(", ", Windows.Select(w => $"{w.Day} {w.Start:HH:mm}-{w.End:HH:mm}"))}";
    }

    private static readonly Gen<QueueSlot> SlotGen =
        from day in Gen.Elements(Enum.GetValues<DayOfWeek>())
        from hour in Gen.Frequency((3, Gen.Choose(0, 3)), (1, Gen.Choose(0, 23))) // the small hours, where clocks change
        from quarter in Gen.Choose(0, 3)
        select new QueueSlot(day, new TimeOnly(hour, quarter * 15));

    /// <summary>Any moment of 2026, or (more often) one in the eight days before one of the zone's clock changes.</summary>
    private static Gen<DateTimeOffset> NowIn(string zone)
    {
        var anyTime = from minute in Gen.Choose(0, 365 * 24 * 60) select YearStart.AddMinutes(minute);
        var changes = ClockChanges[zone];
        var beforeAChange = from change in Gen.Elements(changes)
                            from minutesBefore in Gen.Choose(0, 8 * 24 * 60)
                            select change.AddMinutes(-minutesBefore);
        var moment = changes.Length == 0 ? anyTime : Gen.Frequency((1, anyTime), (3, beforeAChange));
        return from at in moment
               from second in Gen.Choose(0, 59)
               select at.AddSeconds(second);
    }

    private static readonly Dictionary<string, DateTimeOffset[]> ClockChanges =
        Zones.ToDictionary(z => z, z => ClockChanges2026(TimeZoneInfo.FindSystemTimeZoneById(z)));

    /// <summary>The instants (to the quarter hour) at which the zone's offset changes in 2026.</summary>
    private static DateTimeOffset[] ClockChanges2026(TimeZoneInfo zone) =>
        [.. Enumerable.Range(1, 365 * 24 * 4)
            .Select(q => YearStart.AddMinutes(15 * q))
            .Where(t => zone.GetUtcOffset(t) != zone.GetUtcOffset(t.AddMinutes(-15)))];

    private static readonly Arbitrary<Case> Cases = Arb.From(
        from zone in Gen.Elements(Zones)
        from count in Gen.Choose(1, 4)
        from slots in Gen.ListOf(SlotGen, count)
        from windowed in Gen.Elements(true, false)
        from now in NowIn(zone)
        let distinct = slots.Distinct().ToArray()
        select new Case(zone, distinct, windowed ? [.. distinct.Select(WindowAround)] : [], now));

    /// <summary>A posting window from half an hour before the slot to half an hour after it, within the day.</summary>
    private static PostingWindow WindowAround(QueueSlot slot)
    {
        var start = slot.Time < new TimeOnly(0, 30) ? TimeOnly.MinValue : slot.Time.AddMinutes(-30);
        var end = slot.Time > new TimeOnly(23, 0) ? TimeOnly.MaxValue : slot.Time.AddMinutes(30);
        return new PostingWindow(slot.Day, start, end);
    }

    [Property]
    public Property The_next_free_slot_is_the_earliest_slot_ahead_and_reads_as_a_slot_on_the_local_clock() =>
        Prop.ForAll(Cases, c =>
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(c.Zone);
            var account = new AccountScenario(c.Now);
            var channel = account.ConnectChannel("ch", Network.Mastodon, c.Zone, windows: c.Windows, slots: c.Slots);

            var found = EditorialCalendar.NextFreeSlot(account.State, "ch", c.Now);

            Assert.NotNull(found);
            var at = found.Value;
            Assert.True(at > c.Now, $"{at:O} is not after {c.Now:O}");
            // A week, unless a clock change swallowed the slot's posting window and the slot was skipped once.
            var horizon = TimeSpan.FromDays(c.Windows.Length == 0 ? 7 : 14) + TimeSpan.FromHours(1);
            Assert.True(at - c.Now <= horizon, $"{at:O} is more than {horizon} after {c.Now:O}");
            Assert.True(ChannelRules.IsInPostingWindow(channel, at), $"{at:O} is outside the posting windows");

            var local = TimeZoneInfo.ConvertTime(at, zone);
            Assert.False(zone.IsInvalidTime(local.DateTime));
            Assert.True(ReadsAsSlot(c.Slots, zone, at), $"{at:O} shows as {local:dddd HH:mm zzz} in {c.Zone}");

            if (zone.IsAmbiguousTime(local.DateTime))
            {
                Assert.Equal(zone.GetAmbiguousTimeOffsets(local.DateTime).Max(), local.Offset);
            }

            // Earliest: no usable slot of any day from yesterday (local) to the found day falls strictly between now and it.
            var from = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(c.Now, zone).DateTime).AddDays(-1);
            for (var date = from; date <= DateOnly.FromDateTime(local.DateTime); date = date.AddDays(1))
            {
                foreach (var slot in c.Slots.Where(s => s.Day == date.DayOfWeek))
                {
                    var instant = TimeZones.ToInstant(date, slot.Time, zone);
                    Assert.False(
                        instant > c.Now && instant < at && ChannelRules.IsInPostingWindow(channel, instant),
                        $"{slot.Day} {slot.Time:HH:mm} on {date} ({instant:O}) comes before {at:O}");
                }
            }
        });

    /// <summary>
    /// True when the local clock at <paramref name="at"/> shows one of the slots; or a slot that does not exist that
    /// day, moved forward by the length of the gap (the offset after the change minus the offset before it).
    /// </summary>
    private static bool ReadsAsSlot(QueueSlot[] slots, TimeZoneInfo zone, DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone).DateTime;
        var time = TimeOnly.FromDateTime(local);
        var gap = zone.GetUtcOffset(at) - zone.GetUtcOffset(at.AddHours(-3));
        return slots.Any(s => s.Day == local.DayOfWeek && (s.Time == time
            || (gap > TimeSpan.Zero && zone.IsInvalidTime(local.Date + s.Time.ToTimeSpan()) && s.Time.Add(gap) == time)));
    }
}
