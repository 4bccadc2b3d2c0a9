using Microsoft.Extensions.Time.Testing;
using PublishingCluster.Actors.Clocks;

namespace PublishingCluster.Actors.Tests;

public sealed class VirtualClockSpec
{
    private static readonly DateTimeOffset Start = new(2027, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_still_clock_moves_only_when_told()
    {
        var real = new FakeTimeProvider();
        var clock = new VirtualClock(Start, speed: 0, real);

        real.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(Start, clock.GetUtcNow());

        Assert.Equal(Start.AddHours(1), clock.Advance(TimeSpan.FromHours(1)));
        clock.SetUtcNow(Start.AddDays(1));
        Assert.Equal(Start.AddDays(1), clock.GetUtcNow());
    }

    [Fact]
    public void A_running_clock_goes_speed_times_real_time_and_a_speed_change_keeps_the_time_reached()
    {
        var real = new FakeTimeProvider();
        var clock = new VirtualClock(Start, speed: 60, real);

        real.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(Start.AddHours(2), clock.GetUtcNow());

        clock.SetSpeed(3600);
        real.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(Start.AddHours(12), clock.GetUtcNow());

        clock.Advance(TimeSpan.FromDays(1));
        real.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(Start.AddDays(1).AddHours(13), clock.GetUtcNow());
    }

    [Fact]
    public void Time_never_goes_back()
    {
        var clock = new VirtualClock(Start, speed: 0, new FakeTimeProvider());
        clock.Advance(TimeSpan.FromHours(2));

        Assert.Throws<ArgumentOutOfRangeException>(() => clock.SetUtcNow(Start));
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.Advance(TimeSpan.FromTicks(-1)));
        Assert.Equal(Start.AddHours(2), clock.AdvanceTo(Start.AddHours(1)));
        Assert.Equal(Start.AddHours(2), clock.GetUtcNow());
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(2_000_000)]
    public void A_speed_out_of_range_is_refused(double speed)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new VirtualClock(Start, speed));
        Assert.Throws<ArgumentOutOfRangeException>(() => new VirtualClock(Start).SetSpeed(speed));
    }
}
