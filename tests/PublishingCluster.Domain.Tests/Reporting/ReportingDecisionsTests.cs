using System.Collections.Immutable;
using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Channels;
using PublishingCluster.Domain.Common;
using PublishingCluster.Domain.Contracts;
using PublishingCluster.Domain.Posts;
using PublishingCluster.Domain.Publishing;
using PublishingCluster.Domain.Reporting;

namespace PublishingCluster.Domain.Tests.Reporting;

public sealed class ReportingDecisionsTests
{
    // Wednesday 3 March 2027, noon in London.
    private static readonly DateTimeOffset Opened = new(2027, 3, 3, 12, 0, 0, TimeSpan.Zero);

    private static Contract ContractWith(ReportingCadence cadence) => new(
        [new ChannelScope(Network.LinkedIn, 7)],
        new Roles("Ada", "Grace"),
        new Budget(1000, "EUR", 10, 0),
        cadence,
        new ResponseSla(60, 30, new BusinessHours("Europe/London", [DayOfWeek.Monday], new TimeOnly(9, 0), new TimeOnly(17, 0))),
        new ContactPolicy(ContactMedium.Email, 2),
        [new Goal("signups", GoalMetric.EmailSignUps, 100, new DateOnly(2027, 12, 31), [])]);

    private static AccountState Open(ReportingCadence cadence)
    {
        var state = Apply(AccountState.Unopened("acc"), new OpenAccount("acc", "agency", "Client", ContractWith(cadence)), Opened);
        return Apply(state, new ConnectChannel("acc", "ch", Network.LinkedIn, "client", "Europe/London", [], []), Opened);
    }

    private static AccountState Apply(AccountState state, IAccountCommand command, DateTimeOffset now)
    {
        var decision = ClientAccount.Decide(state, command, now);
        Assert.True(decision.IsAccepted, decision.Rejection?.Message);
        return decision.Events.Aggregate(state, ClientAccount.Evolve);
    }

    [Fact]
    public void The_first_period_runs_from_the_opening_day_and_nothing_closes_before_its_end()
    {
        var state = Open(ReportingCadence.Weekly);

        Assert.Equal(new DateTimeOffset(2027, 3, 8, 0, 0, 0, TimeSpan.Zero), ReportingDecisions.NextClose(state));
        Assert.Empty(ClientAccount.Decide(state, new CloseReportingPeriods("acc"), new DateTimeOffset(2027, 3, 7, 23, 59, 59, TimeSpan.Zero)).Events);

        var closed = ClientAccount.Decide(state, new CloseReportingPeriods("acc"), new DateTimeOffset(2027, 3, 8, 0, 0, 0, TimeSpan.Zero));
        var issued = Assert.IsType<ReportIssued>(Assert.Single(closed.Events));
        Assert.Equal(new ReportingPeriod(ReportingCadence.Weekly, new DateOnly(2027, 3, 3), new DateOnly(2027, 3, 8)), issued.Report.Period);
    }

    [Fact]
    public void An_account_woken_late_closes_every_period_it_missed_each_in_its_own_report()
    {
        var state = Open(ReportingCadence.Weekly);

        var decision = ClientAccount.Decide(state, new CloseReportingPeriods("acc"), new DateTimeOffset(2027, 4, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal(
            ["weekly-2027-03-03", "weekly-2027-03-08", "weekly-2027-03-15", "weekly-2027-03-22"],
            decision.Events.Cast<ReportIssued>().Select(e => e.Report.ReportId));
        var after = decision.Events.Aggregate(state, ClientAccount.Evolve);
        Assert.Equal(new DateOnly(2027, 3, 29), after.ReportingOrEmpty().ClosedThrough);
    }

    [Fact]
    public void A_catch_up_is_bounded_and_the_rest_follows_on_the_next_close()
    {
        var state = Open(ReportingCadence.Weekly);
        var yearsLater = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

        var first = ClientAccount.Decide(state, new CloseReportingPeriods("acc"), yearsLater);
        Assert.Equal(ReportingDecisions.MaxPeriodsPerClose, first.Events.Count);
        var after = first.Events.Aggregate(state, ClientAccount.Evolve);
        Assert.True(ReportingDecisions.NextClose(after) <= yearsLater);
    }

    [Fact]
    public void A_changed_cadence_applies_from_the_next_period()
    {
        var state = Open(ReportingCadence.Weekly);
        state = Apply(state, new CloseReportingPeriods("acc"), new DateTimeOffset(2027, 3, 8, 0, 0, 0, TimeSpan.Zero));
        state = Apply(state, new UpdateContract("acc", ContractWith(ReportingCadence.Monthly)), new DateTimeOffset(2027, 3, 9, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal(new ReportingPeriod(ReportingCadence.Monthly, new DateOnly(2027, 3, 8), new DateOnly(2027, 4, 1)), ReportingDecisions.CurrentPeriod(state));
    }

    [Fact]
    public void A_report_counts_the_periods_posts_per_channel_with_failures_and_lateness()
    {
        var state = Open(ReportingCadence.Weekly);
        var at = new DateTimeOffset(2027, 3, 4, 9, 0, 0, TimeSpan.Zero);
        foreach (var postId in new[] { "on-time", "late", "failed" })
        {
            state = Apply(state, new CreatePost("acc", postId, postId, [new VariantContent("ch", $"Text of {postId}", [])]), Opened);
            state = Apply(state, new SubmitPostForReview("acc", postId), Opened);
            state = Apply(state, new ApprovePost("acc", postId), Opened);
            state = Apply(state, new ClientApprovePost("acc", postId), Opened);
            state = Apply(state, new SchedulePost("acc", postId, ScheduleTarget.Exactly(at)), Opened);
        }

        state = Apply(state, new PublishDue("acc"), at);
        state = Apply(state, new RecordPublished("acc", "on-time", "ch", "x-1"), at);
        state = Apply(state, new RecordPublished("acc", "late", "ch", "x-2"), at.AddMinutes(10));
        state = Apply(state, new RecordPublishFailed("acc", "failed", "ch", "Token expired", NeedsHuman: true), at);
        state = Apply(state, new CloseReportingPeriods("acc"), new DateTimeOffset(2027, 3, 8, 0, 0, 0, TimeSpan.Zero));

        var report = state.ReportingOrEmpty().Reports["weekly-2027-03-03"];
        var line = Assert.Single(report.Channels);
        Assert.Equal((5, 3, 2, 1, 0), (line.Contracted, line.Planned, line.Published, line.Failed, line.Expired)); // 7 a week over 5 days
        Assert.Equal(TimeSpan.Zero, line.LatenessP50);
        Assert.Equal(TimeSpan.FromMinutes(10), line.LatenessMax);
        var failure = Assert.Single(report.Failures);
        Assert.Equal(("failed", "Token expired"), (failure.PostId, failure.Reason));
        Assert.Equal(GoalStatus.NoData, Assert.Single(report.Goals).Status);
    }

    [Fact]
    public void Acknowledging_records_who_and_when_once_and_an_unknown_report_is_refused()
    {
        var state = Apply(Open(ReportingCadence.Weekly), new CloseReportingPeriods("acc"), new DateTimeOffset(2027, 3, 8, 0, 0, 0, TimeSpan.Zero));
        var now = new DateTimeOffset(2027, 3, 9, 8, 0, 0, TimeSpan.Zero);

        var acknowledged = Apply(state, new AcknowledgeReport("acc", "weekly-2027-03-03", "grace"), now);
        var report = acknowledged.ReportingOrEmpty().Reports["weekly-2027-03-03"];
        Assert.Equal((now, "grace"), (report.AcknowledgedAt!.Value, report.AcknowledgedBy!));

        Assert.Empty(ClientAccount.Decide(acknowledged, new AcknowledgeReport("acc", "weekly-2027-03-03", "someone else"), now.AddDays(1)).Events);
        var unknown = ClientAccount.Decide(state, new AcknowledgeReport("acc", "weekly-2020-01-06", "grace"), now);
        Assert.Equal(("report.not-found", "reportId"), (unknown.Rejection!.Code, unknown.Rejection.Field));
    }

    [Theory]
    [InlineData("followers", 1, -1, "goal.not-found", "goalId")]
    [InlineData("signups", -1, -1, "goal.value-negative", "value")]
    [InlineData("signups", 1, 1, "goal.measured-in-future", "measuredAt")]
    public void A_goal_measurement_must_name_a_goal_be_positive_and_not_in_the_future(string goalId, decimal value, int hoursFromNow, string code, string field)
    {
        var state = Open(ReportingCadence.Weekly);

        var decision = ClientAccount.Decide(state, new RecordGoalMeasurement("acc", goalId, value, Opened.AddHours(hoursFromNow)), Opened);

        Assert.Equal((code, field), (decision.Rejection!.Code, decision.Rejection.Field));
        Assert.Empty(decision.Events);
    }
}
