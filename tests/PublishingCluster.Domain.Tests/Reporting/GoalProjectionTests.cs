using PublishingCluster.Domain.Contracts;
using PublishingCluster.Domain.Reporting;

namespace PublishingCluster.Domain.Tests.Reporting;

public sealed class GoalProjectionTests
{
    private static readonly TimeZoneInfo Utc = TimeZoneInfo.Utc;
    private static readonly DateTimeOffset Jan1 = new(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // 1,000 followers by the end of 10 April 2027 (100 days from 1 January).
    private static readonly Goal Followers = new("followers", GoalMetric.Followers, 1000, new DateOnly(2027, 4, 10), []);

    [Fact]
    public void Without_measurements_there_is_no_trend()
    {
        var line = GoalProjection.At(Followers, [], Jan1, Utc);

        Assert.Equal(GoalStatus.NoData, line.Status);
        Assert.Null(line.Latest);
    }

    [Fact]
    public void One_measurement_gives_a_latest_value_but_no_projection()
    {
        var line = GoalProjection.At(Followers, [new GoalMeasurement(100, Jan1)], Jan1.AddDays(5), Utc);

        Assert.Equal((GoalStatus.NoData, (decimal?)100, (decimal?)null), (line.Status, line.Latest, line.Projected));
    }

    [Theory]
    [InlineData(10, 1000, GoalStatus.Green)]  // 10 a day from 0 for 100 days: exactly the target
    [InlineData(9.5, 950, GoalStatus.Amber)]  // 95 %
    [InlineData(8, 800, GoalStatus.Red)]      // 80 %
    public void The_straight_line_through_the_first_and_latest_measurement_decides_the_colour(double perDay, double projected, GoalStatus expected)
    {
        var measurements = new[] { new GoalMeasurement(0, Jan1), new GoalMeasurement((decimal)(perDay * 10), Jan1.AddDays(10)) };

        var line = GoalProjection.At(Followers, measurements, Jan1.AddDays(10), Utc);

        Assert.Equal(expected, line.Status);
        Assert.Equal((decimal)projected, line.Projected);
    }

    [Fact]
    public void A_goal_met_is_green_and_a_deadline_passed_unmet_is_red()
    {
        Assert.Equal(GoalStatus.Green, GoalProjection.At(Followers, [new GoalMeasurement(1000, Jan1)], Jan1, Utc).Status);

        var afterDeadline = new DateTimeOffset(2027, 4, 11, 0, 0, 0, TimeSpan.Zero);
        var line = GoalProjection.At(Followers, [new GoalMeasurement(0, Jan1), new GoalMeasurement(999, Jan1.AddDays(99))], afterDeadline, Utc);
        Assert.Equal(GoalStatus.Red, line.Status);
    }

    [Fact]
    public void Measurements_after_the_instant_asked_about_are_not_seen()
    {
        var line = GoalProjection.At(Followers, [new GoalMeasurement(100, Jan1), new GoalMeasurement(5000, Jan1.AddDays(30))], Jan1.AddDays(1), Utc);

        Assert.Equal(100, line.Latest);
    }
}
