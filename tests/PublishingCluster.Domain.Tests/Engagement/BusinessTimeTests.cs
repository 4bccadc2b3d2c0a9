using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PublishingCluster.Domain.Contracts;
using PublishingCluster.Domain.Engagement;

namespace PublishingCluster.Domain.Tests.Engagement;

public sealed class BusinessTimeTests
{
    private static readonly ImmutableList<DayOfWeek> Weekdays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    private static BusinessHours NineToFive(string zone = "Europe/London") => new(zone, Weekdays, new TimeOnly(9, 0), new TimeOnly(17, 0));

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2027, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void A_comment_late_on_a_Friday_is_due_on_Monday_morning()
    {
        // Friday 5 February 2027, 16:45 in London (GMT).
        var due = BusinessTime.Add(NineToFive(), Utc(2, 5, 16, 45), TimeSpan.FromMinutes(30));

        Assert.Equal(Utc(2, 8, 9, 15), due);
    }

    [Theory]
    [InlineData(2, 6, 12, 2, 8, 9, 30)]  // Saturday noon: counts from Monday's opening
    [InlineData(2, 8, 7, 2, 8, 9, 30)]   // Monday before opening
    [InlineData(2, 8, 17, 2, 9, 9, 30)]  // Monday at closing: nothing left that day
    [InlineData(2, 8, 10, 2, 8, 10, 30)] // inside hours: plain arithmetic
    public void Time_outside_business_hours_does_not_count(int month, int day, int hour, int dueMonth, int dueDay, int dueHour, int dueMinute)
    {
        Assert.Equal(Utc(dueMonth, dueDay, dueHour, dueMinute), BusinessTime.Add(NineToFive(), Utc(month, day, hour), TimeSpan.FromMinutes(30)));
    }

    [Fact]
    public void A_long_SLA_spans_several_business_days()
    {
        // 20 business hours from Thursday 11 February 2027 15:00: 2 h Thursday, 8 h Friday, 8 h Monday, 2 h Tuesday.
        Assert.Equal(Utc(2, 16, 11), BusinessTime.Add(NineToFive(), Utc(2, 11, 15), TimeSpan.FromHours(20)));
    }

    [Fact]
    public void Across_the_spring_clock_change_the_deadline_keeps_local_business_hours()
    {
        // London goes to BST on Sunday 28 March 2027. Friday 26 March 16:30 GMT + 1 h: 30 min Friday, 30 min Monday,
        // which opens at 09:00 BST = 08:00 UTC.
        Assert.Equal(Utc(3, 29, 8, 30), BusinessTime.Add(NineToFive(), Utc(3, 26, 16, 30), TimeSpan.FromHours(1)));
    }

    [Fact]
    public void In_New_York_the_autumn_change_moves_the_opening_in_UTC()
    {
        // New York goes back to EST on Sunday 7 November 2027: Friday 17:00 EDT = 21:00 UTC, Monday 09:00 EST = 14:00 UTC.
        var hours = NineToFive("America/New_York");
        Assert.Equal(new DateTimeOffset(2027, 11, 8, 14, 10, 0, TimeSpan.Zero), BusinessTime.Add(hours, new DateTimeOffset(2027, 11, 5, 20, 50, 0, TimeSpan.Zero), TimeSpan.FromMinutes(20)));
    }

    [Fact]
    public void Business_time_between_two_instants_skips_nights_and_weekends()
    {
        Assert.Equal(TimeSpan.FromMinutes(30), BusinessTime.Between(NineToFive(), Utc(2, 5, 16, 45), Utc(2, 8, 9, 15)));
        Assert.Equal(TimeSpan.Zero, BusinessTime.Between(NineToFive(), Utc(2, 6, 10), Utc(2, 7, 18)));
        Assert.Equal(TimeSpan.Zero, BusinessTime.Between(NineToFive(), Utc(2, 8, 10), Utc(2, 8, 9)));
    }

    [Fact]
    public void Hours_without_days_are_refused()
    {
        var none = new BusinessHours("Europe/London", [], new TimeOnly(9, 0), new TimeOnly(17, 0));

        Assert.Throws<ArgumentException>(() => BusinessTime.Add(none, Utc(2, 5, 10), TimeSpan.FromMinutes(1)));
    }

    /// <summary>Random starts over two years, SLAs up to a week of business time, in zones with clock changes.</summary>
    private static Arbitrary<(DateTimeOffset Start, TimeSpan Sla, string Zone, int DaysMask)> Cases() =>
        (from minutes in Gen.Choose(0, 2 * 365 * 24 * 60)
         from sla in Gen.Choose(1, 5 * 24 * 60)
         from zone in Gen.Elements("Europe/London", "America/New_York", "Australia/Sydney", "Asia/Tokyo")
         from mask in Gen.Choose(1, 127)
         select (new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(minutes), TimeSpan.FromMinutes(sla), zone, mask)).ToArbitrary();

    private static BusinessHours HoursFor(string zone, int mask) =>
        new(zone, [.. Enum.GetValues<DayOfWeek>().Where(d => (mask & (1 << (int)d)) != 0)], new TimeOnly(8, 30), new TimeOnly(18, 0));

    [Property(MaxTest = 300)]
    public Property A_deadline_is_never_inside_non_business_time() =>
        Prop.ForAll(Cases(), c =>
        {
            var hours = HoursFor(c.Zone, c.DaysMask);
            var due = BusinessTime.Add(hours, c.Start, c.Sla);
            // Inside an open interval, or exactly at a closing (the last business minute used up).
            var atClose = BusinessTime.DaysFrom(hours, c.Start).Take(400).Any(d => d.Close == due);
            return BusinessTime.IsOpen(hours, due) || atClose;
        });

    [Property(MaxTest = 300)]
    public Property The_business_time_up_to_a_deadline_is_the_SLA() =>
        Prop.ForAll(Cases(), c =>
        {
            var hours = HoursFor(c.Zone, c.DaysMask);
            var due = BusinessTime.Add(hours, c.Start, c.Sla);
            return due > c.Start && BusinessTime.Between(hours, c.Start, due) == c.Sla;
        });
}
