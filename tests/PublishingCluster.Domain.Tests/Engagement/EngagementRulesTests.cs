using System.Collections.Immutable;
using PublishingCluster.Domain.Contracts;
using PublishingCluster.Domain.Engagement;

namespace PublishingCluster.Domain.Tests.Engagement;

public sealed class EngagementRulesTests
{
    [Theory]
    [InlineData("Love the new autumn blend, thank you!", Sentiment.Positive)]
    [InlineData("The coffee was cold and the staff rude. I want a refund.", Sentiment.Negative)]
    [InlineData("Not happy with my order", Sentiment.Negative)]
    [InlineData("Didn't hate it", Sentiment.Positive)]
    [InlineData("What time do you open on Sunday?", Sentiment.Neutral)]
    [InlineData("Great coffee, terrible queue", Sentiment.Neutral)]
    [InlineData("DÉLICIOUS!!!", Sentiment.Positive)]
    [InlineData("", Sentiment.Neutral)]
    public void Keywords_decide_sentiment_when_the_source_gives_none(string text, Sentiment expected)
    {
        Assert.Equal(expected, SentimentClassifier.Classify(text));
    }

    private static readonly ResponseSla Sla = new(
        FirstResponseMinutes: 120,
        NegativeFirstResponseMinutes: 30,
        new BusinessHours("Europe/London", [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday], new TimeOnly(9, 0), new TimeOnly(17, 0)));

    [Fact]
    public void A_negative_engagement_gets_the_tighter_deadline_in_business_time()
    {
        var friday = new DateTimeOffset(2027, 2, 5, 16, 45, 0, TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2027, 2, 8, 9, 15, 0, TimeSpan.Zero), ResponseDeadline.For(Sla, Sentiment.Negative, friday));
        Assert.Equal(new DateTimeOffset(2027, 2, 8, 10, 45, 0, TimeSpan.Zero), ResponseDeadline.For(Sla, Sentiment.Positive, friday));
        Assert.Equal(ResponseDeadline.For(Sla, Sentiment.Positive, friday), ResponseDeadline.For(Sla, Sentiment.Neutral, friday));
    }

    [Fact]
    public void A_negative_SLA_looser_than_the_general_one_never_loosens_a_deadline()
    {
        var odd = Sla with { NegativeFirstResponseMinutes = 600 };
        var monday = new DateTimeOffset(2027, 2, 8, 10, 0, 0, TimeSpan.Zero);

        Assert.Equal(ResponseDeadline.For(odd, Sentiment.Neutral, monday), ResponseDeadline.For(odd, Sentiment.Negative, monday));
    }

    private static readonly DateTimeOffset Noon = new(2027, 2, 8, 12, 0, 0, TimeSpan.Zero);
    private static readonly SpikeRule ThreeInAnHour = new(3, TimeSpan.FromHours(1));

    [Fact]
    public void A_spike_is_enough_negatives_inside_the_window()
    {
        ImmutableList<DateTimeOffset> earlier = [Noon.AddMinutes(-50), Noon.AddMinutes(-10)];

        Assert.True(ThreeInAnHour.Completes(earlier, Noon, lastSpike: null));
        Assert.False(ThreeInAnHour.Completes([Noon.AddMinutes(-61), Noon.AddMinutes(-10)], Noon, lastSpike: null));
        Assert.False(ThreeInAnHour.Completes([Noon.AddMinutes(-10)], Noon, lastSpike: null));
    }

    [Fact]
    public void After_a_spike_only_newer_negatives_count_toward_the_next()
    {
        var spikeAt = Noon.AddMinutes(-10);
        ImmutableList<DateTimeOffset> earlier = [Noon.AddMinutes(-30), Noon.AddMinutes(-20), spikeAt, Noon.AddMinutes(-5)];

        Assert.False(ThreeInAnHour.Completes(earlier, Noon, lastSpike: spikeAt));
        Assert.True(ThreeInAnHour.Completes([.. earlier, Noon.AddMinutes(-1)], Noon, lastSpike: spikeAt));
    }
}
