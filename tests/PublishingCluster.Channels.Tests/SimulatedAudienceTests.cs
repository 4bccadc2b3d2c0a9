using PublishingCluster.Channels;
using PublishingCluster.Channels.Simulated;
using PublishingCluster.Domain.Channels;
using PublishingCluster.Domain.Engagement;

namespace PublishingCluster.Channels.Tests;

public sealed class SimulatedAudienceTests
{
    private static readonly DateTimeOffset Monday = new(2027, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_same_posts_reported_in_any_order_draw_the_same_engagements_and_followers()
    {
        var posts = Enumerable.Range(0, 40).Select(i => Post($"acc-{i % 4}/p{i}/ch-0", Network.LinkedIn, $"@h{i % 4}", Monday.AddHours(9 + (i % 3)))).ToList();
        var inOrder = new SimulatedAudience(AudienceSettings.Default with { Seed = 3, AnswerableShare = 0.2 });
        var reversed = new SimulatedAudience(AudienceSettings.Default with { Seed = 3, AnswerableShare = 0.2 });
        posts.ForEach(p => inOrder.Published(p.Request, p.Publication));
        Enumerable.Reverse(posts).ToList().ForEach(p => reversed.Published(p.Request, p.Publication));

        var first = inOrder.Advance(Monday.AddDays(2));
        var second = reversed.Advance(Monday.AddDays(2));

        Assert.NotEmpty(first);
        Assert.Equal(first, second);
        Assert.Equal(inOrder.FollowersOf(Network.LinkedIn, "@h1", Monday.AddDays(2)), reversed.FollowersOf(Network.LinkedIn, "@h1", Monday.AddDays(2)));
    }

    [Fact]
    public void Engagements_go_to_the_account_and_channel_the_key_names_and_arrive_after_their_post_in_time_order()
    {
        var audience = new SimulatedAudience(AudienceSettings.Default with { AnswerableShare = 1, MaxEngagementsPerPost = 5 });
        var (request, publication) = Post("acc-7/post-1/ch-2", Network.X, "@seven", Monday.AddHours(9));
        audience.Published(request, publication);

        Assert.Empty(audience.Advance(Monday.AddHours(9)));
        var due = audience.Advance(Monday.AddDays(1));

        Assert.Equal(5, due.Count);
        Assert.All(due, e => Assert.Equal(("acc-7", "ch-2"), (e.AccountId, e.ChannelId)));
        Assert.All(due, e => Assert.True(e.At > publication.PublishedAt));
        Assert.Equal(due.OrderBy(e => e.At).Select(e => e.EngagementId), due.Select(e => e.EngagementId));
        Assert.Empty(audience.Advance(Monday.AddDays(2)));
    }

    [Fact]
    public void A_post_at_the_networks_best_hour_reaches_more_people_than_one_at_night()
    {
        var audience = new SimulatedAudience(AudienceSettings.Default, keepPosts: true);
        var best = BestTimes.HoursBestFirst(Network.LinkedIn)[0];
        audience.Register(Network.LinkedIn, "@day", "UTC", 2000, Monday);
        audience.Register(Network.LinkedIn, "@night", "UTC", 2000, Monday);
        var day = Post("a/p/c", Network.LinkedIn, "@day", Monday.AddDays(1).AddHours(best));
        var night = Post("b/p/c", Network.LinkedIn, "@night", Monday.AddDays(1).AddHours(3));
        audience.Published(day.Request, day.Publication);
        audience.Published(night.Request, night.Publication);

        audience.Advance(Monday.AddDays(3));

        var drawn = audience.Posts().ToDictionary(p => p.Handle);
        Assert.True(drawn["@day"].Interactions > 4 * drawn["@night"].Interactions);
        Assert.True(audience.FollowersOf(Network.LinkedIn, "@day", Monday.AddDays(3)) > audience.FollowersOf(Network.LinkedIn, "@night", Monday.AddDays(3)));
    }

    [Fact]
    public void A_storm_brings_its_negative_engagements_within_the_hour()
    {
        var audience = new SimulatedAudience(AudienceSettings.Default with { SpikeRate = 1, SpikeSize = 6, AnswerableShare = 0 });
        var (request, publication) = Post("acc-1/p/ch-0", Network.Instagram, "@storm", Monday.AddHours(12));
        audience.Published(request, publication);

        var due = audience.Advance(Monday.AddDays(1));

        Assert.Equal(6, due.Count);
        Assert.All(due, e => Assert.Equal(Sentiment.Negative, e.Sentiment));
        Assert.True(due.Max(e => e.At) - publication.PublishedAt < TimeSpan.FromHours(1));
    }

    [Fact]
    public async Task A_network_with_an_audience_tells_it_of_each_post_once()
    {
        var audience = new SimulatedAudience(AudienceSettings.Default with { AnswerableShare = 1 }, keepPosts: true);
        var network = new SimulatedNetwork(Network.X, SimulatedNetworkSettings.Reliable, new InMemoryPublicationLog(), audience);
        var request = new PublishRequest("acc-1/p/ch-0", Network.X, "@one", "Hello there, this is a post of a good length for X readers.", [], Monday.AddHours(9));

        await network.PublishAsync(request, default);
        await network.PublishAsync(request, default);
        audience.Advance(Monday.AddDays(1));

        Assert.Single(audience.Posts());
    }

    [Fact]
    public void Variants_written_for_their_network_fit_better_than_pasted_ones()
    {
        var linkedIn = new string('a', VariantFit.IdealLength(Network.LinkedIn));
        var tweet = new string('a', VariantFit.IdealLength(Network.X));

        Assert.True(VariantFit.Of(Network.LinkedIn, linkedIn, 0) > VariantFit.Of(Network.LinkedIn, tweet, 0));
        Assert.True(VariantFit.Of(Network.Instagram, tweet, 1) > VariantFit.Of(Network.Instagram, tweet, 0));
    }

    private static (PublishRequest Request, Publication Publication) Post(string key, Network network, string handle, DateTimeOffset at)
    {
        var text = new string('x', VariantFit.IdealLength(network));
        return (new PublishRequest(key, network, handle, text, [], at), new Publication(key, network, handle, $"ext-{key}", at, text));
    }
}
