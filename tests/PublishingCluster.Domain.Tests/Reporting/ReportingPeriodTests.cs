using PublishingCluster.Domain.Common;
using PublishingCluster.Domain.Contracts;
using PublishingCluster.Domain.Reporting;

namespace PublishingCluster.Domain.Tests.Reporting;

public sealed class ReportingPeriodTests
{
    [Theory]
    [InlineData(ReportingCadence.Weekly, "2027-03-01", "2027-03-08")] // a Monday starts a week
    [InlineData(ReportingCadence.Weekly, "2027-03-07", "2027-03-08")] // a Sunday ends it
    [InlineData(ReportingCadence.Weekly, "2027-12-29", "2028-01-03")] // across a year
    [InlineData(ReportingCadence.Monthly, "2027-02-01", "2027-03-01")]
    [InlineData(ReportingCadence.Monthly, "2028-02-29", "2028-03-01")] // leap day
    [InlineData(ReportingCadence.Monthly, "2027-12-31", "2028-01-01")]
    [InlineData(ReportingCadence.Quarterly, "2027-01-01", "2027-04-01")]
    [InlineData(ReportingCadence.Quarterly, "2027-06-30", "2027-07-01")]
    [InlineData(ReportingCadence.Quarterly, "2027-11-15", "2028-01-01")]
    public void A_period_runs_to_the_end_of_its_week_month_or_quarter(ReportingCadence cadence, string from, string until)
    {
        var period = ReportingPeriod.StartingOn(cadence, DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(DateOnly.Parse(until, System.Globalization.CultureInfo.InvariantCulture), period.Until);
    }

    [Fact]
    public void A_period_closes_at_local_midnight_in_the_accounts_zone_whatever_the_offset_that_day()
    {
        var london = TimeZones.Find("Europe/London");
        var newYork = TimeZones.Find("America/New_York");
        var week = ReportingPeriod.StartingOn(ReportingCadence.Weekly, new DateOnly(2027, 3, 22));

        // London's clocks go forward on 28 March 2027: Monday 29 March starts at 23:00 UTC on the 28th.
        Assert.Equal(new DateTimeOffset(2027, 3, 28, 23, 0, 0, TimeSpan.Zero), week.EndsAt(london));
        Assert.Equal(new DateTimeOffset(2027, 3, 22, 0, 0, 0, TimeSpan.Zero), week.StartsAt(london));
        // New York changed on 14 March: EDT, UTC-4.
        Assert.Equal(new DateTimeOffset(2027, 3, 29, 4, 0, 0, TimeSpan.Zero), week.EndsAt(newYork));
    }

    [Fact]
    public void A_report_id_names_the_cadence_and_first_day()
    {
        Assert.Equal("quarterly-2027-04-01", ReportingPeriod.StartingOn(ReportingCadence.Quarterly, new DateOnly(2027, 4, 1)).ReportId);
    }

    [Fact]
    public void Consecutive_periods_tile_the_calendar_without_gap_or_overlap()
    {
        foreach (var cadence in Enum.GetValues<ReportingCadence>())
        {
            var day = new DateOnly(2027, 1, 13);
            var period = ReportingPeriod.StartingOn(cadence, day);
            for (var i = 0; i < 30; i++)
            {
                var next = ReportingPeriod.StartingOn(cadence, period.Until);
                Assert.True(next.From == period.Until && next.Until > next.From, $"{cadence}: {period} then {next}");
                period = next;
            }
        }
    }
}
