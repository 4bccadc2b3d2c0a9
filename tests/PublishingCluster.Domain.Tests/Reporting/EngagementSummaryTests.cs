using PublishingCluster.Domain.Channels;
using PublishingCluster.Domain.Contracts;
using PublishingCluster.Domain.Engagement;
using PublishingCluster.Domain.Reporting;
using PublishingCluster.Domain.Tests.Fixtures;

namespace PublishingCluster.Domain.Tests.Reporting;

public sealed class EngagementSummaryTests
{
    // Monday 1 March 2027 in London (GMT); weekly reports; business hours 09:00-17:30 Monday to Friday.
    private static readonly DateTimeOffset Monday = new(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private const string Id = AccountScenario.AccountId;

    [Fact]
    public void The_report_counts_what_was_received_in_the_period_how_fast_it_was_first_answered_in_business_time_and_what_breached()
    {
        var account = new AccountScenario(Monday, SampleContracts.AllNetworks() with { ReportingCadence = ReportingCadence.Weekly });
        account.ConnectChannel("ch-x", Network.X);
        Receive(account, "e-1", "When do you open?", Monday.AddHours(1));
        Receive(account, "e-2", "Do you ship abroad?", Monday.AddHours(2));
        Receive(account, "e-3", "Love it", Monday.AddHours(3));
        // Friday 17:00: answered on Monday at 09:30, an hour of business time later, after the weekend.
        Receive(account, "e-4", "Open on Saturday?", Monday.AddDays(4).AddHours(8));
        account.At(Monday.AddHours(1).AddMinutes(10)).Execute(new RespondToEngagement(Id, "e-1", "ada", "From nine."));
        account.At(Monday.AddHours(1).AddMinutes(20)).Execute(new RespondToEngagement(Id, "e-1", "ada", "And on Sundays."));
        account.At(Monday.AddHours(6)).Execute(new RespondToEngagement(Id, "e-2", "ada", "Yes."));
        account.At(Monday.AddDays(7).AddMinutes(30)).Execute(new RespondToEngagement(Id, "e-4", "ada", "No, sorry."));

        var report = Assert.IsType<ReportIssued>(Assert.Single(account.Execute(new CloseReportingPeriods(Id)))).Report;

        var summary = report.Engagement!;
        // e-4 was answered after the period closed: received in it, not answered in it.
        Assert.Equal((4, 2, 0.5m), (summary.Received, summary.Responded, summary.ResponseRate));
        Assert.Equal((TimeSpan.FromMinutes(10), TimeSpan.FromHours(4)), (summary.FirstResponseP50, summary.FirstResponseP90));
        // e-2 was answered after its two business hours; e-3 never was. e-4's deadline is after the period's end.
        Assert.Equal(2, summary.SlaBreaches);
    }

    [Fact]
    public void A_period_with_no_engagement_has_no_rate_and_no_times()
    {
        var account = new AccountScenario(Monday, SampleContracts.AllNetworks() with { ReportingCadence = ReportingCadence.Weekly });

        var summary = Assert.IsType<ReportIssued>(Assert.Single(account.At(Monday.AddDays(7)).Execute(new CloseReportingPeriods(Id)))).Report.Engagement!;

        Assert.Equal(new PublishingCluster.Domain.Reporting.EngagementSummary(0, 0, null, null, null, 0, 0), summary);
    }

    private static void Receive(AccountScenario account, string id, string text, DateTimeOffset at) =>
        account.At(at).Execute(new ReceiveEngagement(Id, id, "ch-x", EngagementKind.Comment, "@reader", text, Sentiment.Neutral, at));
}
