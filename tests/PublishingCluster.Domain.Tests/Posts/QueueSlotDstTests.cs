using System.Globalization;
using PublishingCluster.Domain.Calendar;
using PublishingCluster.Domain.Channels;
using PublishingCluster.Domain.Posts;
using PublishingCluster.Domain.Tests.Fixtures;

namespace PublishingCluster.Domain.Tests.Posts;

/// <summary>
/// Queue slots are wall-clock times in the channel's zone, so the UTC instant of "Monday 09:00" moves by an hour
/// when the clocks change. 2026 changes: London 29 March (01:00 GMT -> 02:00 BST) and 25 October (02:00 BST ->
/// 01:00 GMT); New York 8 March (02:00 EST -> 03:00 EDT) and 1 November (02:00 EDT -> 01:00 EST).
/// </summary>
public sealed class QueueSlotDstTests
{
    private const string A = AccountScenario.AccountId;
    private const string London = "Europe/London";
    private const string NewYork = "America/New_York";

    public static TheoryData<string, string, string, string> MondayNineAcrossAChange => new()
    {
        // zone, now, first free Monday 09:00 (UTC), the Monday after (UTC)
        { London, "2026-03-20T12:00:00Z", "2026-03-23T09:00:00Z", "2026-03-30T08:00:00Z" },
        { London, "2026-10-16T12:00:00Z", "2026-10-19T08:00:00Z", "2026-10-26T09:00:00Z" },
        { NewYork, "2026-02-27T12:00:00Z", "2026-03-02T14:00:00Z", "2026-03-09T13:00:00Z" },
        { NewYork, "2026-10-23T12:00:00Z", "2026-10-26T13:00:00Z", "2026-11-02T14:00:00Z" },
    };

    [Theory]
    [MemberData(nameof(MondayNineAcrossAChange))]
    public void Consecutive_posts_fill_the_monday_slot_at_nine_local_on_both_sides_of_the_change(string zone, string now, string first, string second)
    {
        var account = AccountWithSlots(zone, Instant(now), new QueueSlot(DayOfWeek.Monday, new TimeOnly(9, 0)));

        var firstAt = ScheduleNext(account, "post-1");
        var secondAt = ScheduleNext(account, "post-2");

        Assert.Equal(Instant(first), firstAt);
        Assert.Equal(Instant(second), secondAt);
        foreach (var at in new[] { firstAt, secondAt })
        {
            var local = Local(at, zone);
            Assert.Equal((DayOfWeek.Monday, new TimeOnly(9, 0)), (local.DayOfWeek, TimeOnly.FromDateTime(local.DateTime)));
        }

        // One hour apart in UTC across the change, though a week apart on the wall clock.
        Assert.Equal(TimeSpan.FromHours(1), ((secondAt - firstAt) - TimeSpan.FromDays(7)).Duration());
    }

    [Theory]
    [InlineData("2026-03-30T07:59:00Z", "2026-03-30T08:00:00Z")] // 08:59 BST: today's slot is still ahead
    [InlineData("2026-03-30T08:30:00Z", "2026-04-06T08:00:00Z")] // 09:30 BST: today's slot has gone, though 09:00 GMT has not
    public void On_the_first_monday_of_summer_time_the_slot_is_compared_with_now_as_an_instant(string now, string expected)
    {
        var account = AccountWithSlots(London, Instant(now), new QueueSlot(DayOfWeek.Monday, new TimeOnly(9, 0)));

        Assert.Equal(Instant(expected), ScheduleNext(account, "post-1"));
    }

    public static TheoryData<string, string, int, string, string, string> SlotInTheSpringGap => new()
    {
        // zone, now, slot hour (at :30), the day of the change (UTC), its local wall time that day, the week after (UTC)
        { London, "2026-03-27T12:00:00Z", 1, "2026-03-29T01:30:00Z", "02:30", "2026-04-05T00:30:00Z" },
        { NewYork, "2026-03-06T12:00:00Z", 2, "2026-03-08T07:30:00Z", "03:30", "2026-03-15T06:30:00Z" },
    };

    [Theory]
    [MemberData(nameof(SlotInTheSpringGap))]
    public void A_slot_that_does_not_exist_on_the_day_of_the_spring_change_moves_forward_by_the_gap(
        string zone, string now, int slotHour, string onChangeDay, string localOnChangeDay, string weekAfter)
    {
        // TimeZones documents the rule: 01:30 in a 01:00-02:00 gap becomes 02:30 summer time.
        var slot = new QueueSlot(DayOfWeek.Sunday, new TimeOnly(slotHour, 30));
        var account = AccountWithSlots(zone, Instant(now), slot);

        var first = ScheduleNext(account, "post-1");
        var second = ScheduleNext(account, "post-2");

        Assert.Equal(Instant(onChangeDay), first);
        Assert.Equal(TimeOnly.Parse(localOnChangeDay, CultureInfo.InvariantCulture), TimeOnly.FromDateTime(Local(first, zone).DateTime));
        Assert.False(TimeZoneInfo.FindSystemTimeZoneById(zone).IsInvalidTime(Local(first, zone).DateTime));
        Assert.Equal(Instant(weekAfter), second);
        Assert.Equal(slot.Time, TimeOnly.FromDateTime(Local(second, zone).DateTime));
    }

    public static TheoryData<string, string, int, string, string> SlotInTheAutumnOverlap => new()
    {
        // zone, now, slot hour (at :30), the first occurrence on the day of the change (UTC), the week after (UTC)
        { London, "2026-10-23T12:00:00Z", 1, "2026-10-25T00:30:00Z", "2026-11-01T01:30:00Z" },
        { NewYork, "2026-10-30T12:00:00Z", 1, "2026-11-01T05:30:00Z", "2026-11-08T06:30:00Z" },
    };

    [Theory]
    [MemberData(nameof(SlotInTheAutumnOverlap))]
    public void A_slot_that_occurs_twice_on_the_day_of_the_autumn_change_is_taken_at_its_first_occurrence_and_only_once(
        string zone, string now, int slotHour, string firstOccurrence, string weekAfter)
    {
        var slot = new QueueSlot(DayOfWeek.Sunday, new TimeOnly(slotHour, 30));
        var account = AccountWithSlots(zone, Instant(now), slot);

        var first = ScheduleNext(account, "post-1");
        var second = ScheduleNext(account, "post-2");

        Assert.Equal(Instant(firstOccurrence), first);
        Assert.Equal(slot.Time, TimeOnly.FromDateTime(Local(first, zone).DateTime));
        Assert.True(TimeZoneInfo.FindSystemTimeZoneById(zone).IsAmbiguousTime(Local(first, zone).DateTime));

        // The repeated hour is not a second slot: the next post goes a week later, not an hour later.
        Assert.Equal(Instant(weekAfter), second);
    }

    [Fact]
    public void A_slot_moved_forward_out_of_the_gap_does_not_jump_the_queue_ahead_of_a_slot_that_comes_first()
    {
        // On 8 March in New York, Sunday 02:45 does not exist and becomes 03:45 EDT, after the 03:30 slot:
        // the queue must fill 03:30 first, or the second post would go out before the first.
        var account = AccountWithSlots(NewYork, Instant("2026-03-06T12:00:00Z"),
            new QueueSlot(DayOfWeek.Sunday, new TimeOnly(2, 45)),
            new QueueSlot(DayOfWeek.Sunday, new TimeOnly(3, 30)));

        var first = ScheduleNext(account, "post-1");
        var second = ScheduleNext(account, "post-2");

        Assert.Equal(Instant("2026-03-08T07:30:00Z"), first);
        Assert.Equal(Instant("2026-03-08T07:45:00Z"), second);
    }

    [Fact]
    public void A_slot_whose_posting_window_vanishes_in_the_spring_gap_is_skipped_that_week()
    {
        // Sunday 01:00-02:00 does not exist in London on 29 March: the slot at 01:30 would become 02:30 BST,
        // outside its window, where publishing would only wait for the window (a week) and then fail as too late.
        var account = new AccountScenario(Instant("2026-03-27T12:00:00Z"));
        account.ConnectChannel("ch", Network.LinkedIn, London,
            windows: [new PostingWindow(DayOfWeek.Sunday, new TimeOnly(1, 0), new TimeOnly(2, 0))],
            slots: [new QueueSlot(DayOfWeek.Sunday, new TimeOnly(1, 30))]);

        var at = ScheduleNext(account, "post-1");

        Assert.Equal(Instant("2026-04-05T00:30:00Z"), at); // the Sunday after, 01:30 BST
        Assert.True(ChannelRules.IsInPostingWindow(account.State.Channels["ch"], at));
    }

    [Fact]
    public void The_calendar_query_offers_the_slot_that_scheduling_then_takes()
    {
        var account = AccountWithSlots(London, Instant("2026-03-27T12:00:00Z"),
            new QueueSlot(DayOfWeek.Sunday, new TimeOnly(1, 30)),
            new QueueSlot(DayOfWeek.Monday, new TimeOnly(9, 0)));

        var offered = EditorialCalendar.NextFreeSlot(account.State, "ch", account.Now);
        var taken = ScheduleNext(account, "post-1");

        Assert.Equal(offered, taken);
        Assert.Equal(Instant("2026-03-30T08:00:00Z"), EditorialCalendar.NextFreeSlot(account.State, "ch", account.Now));
    }

    [Fact]
    public void A_posting_window_is_in_local_time_so_the_same_utc_time_is_inside_it_in_summer_and_outside_in_winter()
    {
        var nineToFive = new PostingWindow(DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(17, 0));
        var account = new AccountScenario(Instant("2026-03-20T12:00:00Z"));
        account.ConnectChannel("ch", Network.LinkedIn, London, windows: [nineToFive]);
        account.CreatePost("post-1", "ch");

        var winter = account.Decide(new SchedulePost(A, "post-1", ScheduleTarget.Exactly(Instant("2026-03-23T08:30:00Z"))));
        var summer = account.Decide(new SchedulePost(A, "post-1", ScheduleTarget.Exactly(Instant("2026-03-30T08:30:00Z"))));

        Assert.Equal("channel.outside-posting-window", winter.Rejection?.Code);
        Assert.Equal("at", winter.Rejection?.Field);
        Assert.True(summer.IsAccepted, $"{summer.Rejection}");
    }

    [Theory]
    [InlineData(-60)]
    [InlineData(0)]
    public void Scheduling_at_a_time_that_is_not_in_the_future_is_refused(int secondsFromNow)
    {
        var account = AccountWithSlots(London, Instant("2026-06-01T08:00:00Z"));
        account.CreatePost("post-1", "ch");

        var decision = account.Decide(new SchedulePost(A, "post-1", ScheduleTarget.Exactly(account.Now.AddSeconds(secondsFromNow))));

        Assert.Equal("schedule.in-past", decision.Rejection?.Code);
        Assert.Equal("at", decision.Rejection?.Field);
        Assert.Empty(decision.Events);
    }

    [Fact]
    public void Rescheduling_into_the_past_is_refused_too()
    {
        var account = AccountWithSlots(London, Instant("2026-06-01T08:00:00Z"));
        account.CreatePost("post-1", "ch");
        account.ScheduleAt("post-1", account.Now.AddDays(2));

        var decision = account.Decide(new ReschedulePost(A, "post-1", ScheduleTarget.Exactly(account.Now.AddMinutes(-1))));

        Assert.Equal("schedule.in-past", decision.Rejection?.Code);
    }

    [Fact]
    public void Scheduling_just_after_now_is_accepted_at_exactly_that_instant()
    {
        var account = AccountWithSlots(London, Instant("2026-06-01T08:00:00Z"));
        account.CreatePost("post-1", "ch");
        var at = account.Now.AddTicks(1);

        Assert.Equal(at, account.ScheduleAt("post-1", at).Single().ScheduledAt);
    }

    [Theory]
    [InlineData("Europe/Londres")]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("")]
    public void A_channel_in_an_unknown_time_zone_is_refused(string zone)
    {
        var account = new AccountScenario(Instant("2026-06-01T08:00:00Z"));

        var decision = account.Decide(new ConnectChannel(A, "ch", Network.X, "@brand", zone, [], [new QueueSlot(DayOfWeek.Monday, new TimeOnly(9, 0))]));

        Assert.Equal("timezone.unknown", decision.Rejection?.Code);
        Assert.Equal("timeZone", decision.Rejection?.Field);
        Assert.Empty(decision.Events);
    }

    [Fact]
    public void A_channel_without_queue_slots_cannot_take_the_next_free_slot()
    {
        var account = AccountWithSlots(London, Instant("2026-06-01T08:00:00Z"));
        account.CreatePost("post-1", "ch");

        var decision = account.Decide(new SchedulePost(A, "post-1", ScheduleTarget.NextFreeSlot));

        Assert.Equal("channel.no-queue-slots", decision.Rejection?.Code);
        Assert.Equal("nextSlot", decision.Rejection?.Field);
    }

    private static AccountScenario AccountWithSlots(string zone, DateTimeOffset now, params QueueSlot[] slots)
    {
        var account = new AccountScenario(now);
        account.ConnectChannel("ch", Network.LinkedIn, zone, slots: slots);
        return account;
    }

    private static DateTimeOffset ScheduleNext(AccountScenario account, string postId)
    {
        account.CreatePost(postId, "ch");
        var at = account.ScheduleInNextFreeSlot(postId).Single().ScheduledAt;
        Assert.Equal(TimeSpan.Zero, at.Offset);
        Assert.True(at > account.Now);
        return at;
    }

    private static DateTimeOffset Instant(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static DateTimeOffset Local(DateTimeOffset instant, string zone) =>
        TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById(zone));
}
