using PublishingCluster.Actors.Accounts;
using PublishingCluster.Domain.Accounts;

namespace PublishingCluster.Actors.Tests.Accounts;

/// <summary>When an account tells its posting partition its next due time: when it changed, or when the partition asked.</summary>
public sealed class NextDueReportTests
{
    private static readonly DateTimeOffset Nine = new(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Ten = Nine.AddHours(1);

    [Fact]
    public void A_due_time_is_told_once_and_again_only_when_it_changes()
    {
        var report = new NextDueReport();

        Assert.True(report.MustTell(Nine));
        Assert.False(report.MustTell(Nine));
        Assert.True(report.MustTell(Ten));
        Assert.True(report.MustTell(null));
        Assert.False(report.MustTell(null));
    }

    [Fact]
    public void An_unchanged_due_time_is_told_when_the_partition_asked_and_only_once()
    {
        var report = new NextDueReport();
        report.MustTell(Nine);

        report.Ask();

        Assert.True(report.MustTell(Nine));
        Assert.False(report.MustTell(Nine));
    }

    [Fact]
    public void A_new_account_without_work_ahead_tells_nothing_until_its_partition_asks()
    {
        var report = new NextDueReport();

        Assert.False(report.MustTell(null));
        report.Ask();
        Assert.True(report.MustTell(null));
    }

    [Fact]
    public void An_overdue_answer_to_look_up_makes_an_account_without_other_timed_work_due()
    {
        var idle = AccountState.Unopened("acc-1");

        Assert.Null(NextDueReport.Of(idle, nextOverdueCheck: null));
        Assert.Equal(Ten, NextDueReport.Of(idle, nextOverdueCheck: Ten));
    }
}
