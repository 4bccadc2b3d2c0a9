using PublishingCluster.Channels.Simulated;
using PublishingCluster.Domain.Channels;

namespace PublishingCluster.Channels.Tests;

public sealed class SimulatedNetworkTests
{
    private static readonly DateTimeOffset Noon = new(2027, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static PublishRequest Request(string key, DateTimeOffset? now = null, Network network = Network.LinkedIn, string handle = "@contoso", string text = "Spring launch") =>
        new(key, network, handle, text, [], now ?? Noon);

    [Fact]
    public async Task A_key_publishes_once_and_a_repeat_is_answered_duplicate()
    {
        var log = new InMemoryPublicationLog();
        var network = new SimulatedNetwork(Network.LinkedIn, SimulatedNetworkSettings.Reliable, log);

        var first = await network.PublishAsync(Request("acc/post/ch"), default);
        var second = await network.PublishAsync(Request("acc/post/ch", Noon.AddMinutes(5)), default);

        var published = Assert.IsType<PublishOutcome.Published>(first);
        var duplicate = Assert.IsType<PublishOutcome.Duplicate>(second);
        Assert.Equal(published.ExternalId, duplicate.ExternalId);
        Assert.Equal(Noon, duplicate.At);
        Assert.Single(log.All());
        Assert.Equal(1, log.Count());
        Assert.Equal(1, log.DuplicateSends);
    }

    [Fact]
    public async Task Lookup_finds_a_published_key_and_not_an_unknown_one()
    {
        var network = new SimulatedNetwork(Network.X, SimulatedNetworkSettings.Reliable, new InMemoryPublicationLog());
        var published = Assert.IsType<PublishOutcome.Published>(await network.PublishAsync(Request("k1", network: Network.X), default));

        var found = Assert.IsType<LookupOutcome.Found>(await network.LookupAsync(new LookupRequest("k1", Noon), default));
        Assert.Equal(published.ExternalId, found.ExternalId);
        Assert.IsType<LookupOutcome.NotFound>(await network.LookupAsync(new LookupRequest("k2", Noon), default));
    }

    [Fact]
    public async Task During_an_outage_publishes_are_retryable_and_lookups_unavailable_and_nothing_is_posted()
    {
        var log = new InMemoryPublicationLog();
        var settings = new SimulatedNetworkSettings { Outages = [new Outage(Noon, Noon.AddHours(1))] };
        var network = new SimulatedNetwork(Network.LinkedIn, settings, log);

        Assert.IsType<PublishOutcome.Retryable>(await network.PublishAsync(Request("k"), default));
        Assert.IsType<LookupOutcome.Unavailable>(await network.LookupAsync(new LookupRequest("k", Noon.AddMinutes(30)), default));
        Assert.Empty(log.All());

        // The outage's end is exclusive: at Until the network is back.
        Assert.IsType<PublishOutcome.Published>(await network.PublishAsync(Request("k", Noon.AddHours(1)), default));
    }

    [Fact]
    public async Task An_expired_token_needs_a_human_from_its_expiry_on()
    {
        var settings = new SimulatedNetworkSettings { TokenExpiresAt = Noon.AddMinutes(10) };
        var network = new SimulatedNetwork(Network.Instagram, settings, new InMemoryPublicationLog());

        Assert.IsType<PublishOutcome.Published>(await network.PublishAsync(Request("before", Noon.AddMinutes(9), Network.Instagram), default));
        var refused = Assert.IsType<PublishOutcome.NeedsHuman>(await network.PublishAsync(Request("after", Noon.AddMinutes(10), Network.Instagram), default));
        Assert.Contains("expired", refused.Reason);
    }

    [Fact]
    public async Task The_rolling_quota_answers_429_until_the_oldest_post_is_a_day_old()
    {
        var settings = new SimulatedNetworkSettings { QuotaPer24Hours = 3 };
        var network = new SimulatedNetwork(Network.Threads, settings, new InMemoryPublicationLog());
        for (var i = 0; i < 3; i++)
        {
            Assert.IsType<PublishOutcome.Published>(await network.PublishAsync(Request($"k{i}", Noon.AddHours(i), Network.Threads), default));
        }

        Assert.IsType<PublishOutcome.RateLimited>(await network.PublishAsync(Request("k3", Noon.AddHours(23), Network.Threads), default));
        // Another profile has its own quota.
        Assert.IsType<PublishOutcome.Published>(await network.PublishAsync(Request("other", Noon.AddHours(23), Network.Threads, handle: "@fabrikam"), default));
        // Once the first post is more than 24 hours old, one more fits.
        Assert.IsType<PublishOutcome.Published>(await network.PublishAsync(Request("k3", Noon.AddHours(24).AddSeconds(1), Network.Threads), default));
    }

    [Fact]
    public async Task A_text_over_the_networks_limit_is_rejected_for_a_human()
    {
        var network = new SimulatedNetwork(Network.Bluesky, SimulatedNetworkSettings.Reliable, new InMemoryPublicationLog());

        Assert.IsType<PublishOutcome.Published>(await network.PublishAsync(Request("ok", network: Network.Bluesky, text: new string('a', 300)), default));
        Assert.IsType<PublishOutcome.NeedsHuman>(await network.PublishAsync(Request("long", network: Network.Bluesky, text: new string('a', 301)), default));
    }

    [Fact]
    public async Task A_lost_answer_leaves_the_post_on_the_network_for_a_lookup_to_find()
    {
        var log = new InMemoryPublicationLog();
        var network = new SimulatedNetwork(Network.Facebook, new SimulatedNetworkSettings { LostAnswerRate = 1 }, log);

        await Assert.ThrowsAsync<TimeoutException>(() => network.PublishAsync(Request("k", network: Network.Facebook), default));

        Assert.IsType<LookupOutcome.Found>(await network.LookupAsync(new LookupRequest("k", Noon), default));
        Assert.Single(log.All());
    }

    [Fact]
    public async Task Failures_follow_their_rates_and_repeat_exactly_for_the_same_seed()
    {
        var settings = new SimulatedNetworkSettings { Seed = 7, FailureRate = 0.3, RateLimitRate = 0.1 };
        var first = await OutcomesAsync(settings);
        var again = await OutcomesAsync(settings);
        var otherSeed = await OutcomesAsync(settings with { Seed = 8 });

        Assert.Equal(first, again);
        Assert.NotEqual(first, otherSeed);
        // 2,000 first attempts: the shares land near the configured rates (binomial, several standard deviations wide).
        Assert.InRange(first.Count(o => o == nameof(PublishOutcome.RateLimited)), 120, 280);
        Assert.InRange(first.Count(o => o == nameof(PublishOutcome.Retryable)), 420, 660);
    }

    [Fact]
    public async Task A_retry_of_a_failed_key_is_a_new_attempt_with_a_new_chance()
    {
        var network = new SimulatedNetwork(Network.X, new SimulatedNetworkSettings { Seed = 3, FailureRate = 0.5 }, new InMemoryPublicationLog());
        var attempts = 0;
        PublishOutcome outcome;
        do
        {
            attempts++;
            outcome = await network.PublishAsync(Request("stubborn", network: Network.X), default);
        }
        while (outcome is PublishOutcome.Retryable && attempts < 64);

        Assert.IsType<PublishOutcome.Published>(outcome);
    }

    [Fact]
    public async Task A_key_that_failed_once_fails_again_only_at_the_failure_rate()
    {
        var network = new SimulatedNetwork(Network.X, new SimulatedNetworkSettings { Seed = 5, FailureRate = 0.3 }, new InMemoryPublicationLog());
        var failedFirst = 0;
        var failedAgain = 0;
        for (var i = 0; i < 1000; i++)
        {
            var key = $"acc-{i}/post/ch";
            if (await network.PublishAsync(Request(key, network: Network.X, handle: $"@h{i}"), default) is not PublishOutcome.Retryable)
            {
                continue;
            }

            failedFirst++;
            if (await network.PublishAsync(Request(key, network: Network.X, handle: $"@h{i}"), default) is PublishOutcome.Retryable)
            {
                failedAgain++;
            }
        }

        // Each attempt draws its own chance: about 30 % of the keys that failed fail their second attempt too.
        Assert.InRange(failedFirst, 230, 370);
        Assert.InRange((double)failedAgain / failedFirst, 0.18, 0.42);
    }

    [Fact]
    public async Task A_post_for_another_network_is_refused()
    {
        var network = new SimulatedNetwork(Network.X, SimulatedNetworkSettings.Reliable, new InMemoryPublicationLog());

        await Assert.ThrowsAsync<ArgumentException>(() => network.PublishAsync(Request("k", network: Network.Mastodon), default));
    }

    [Theory]
    [InlineData(-0.1, 0, 0)]
    [InlineData(0, 1.5, 0)]
    [InlineData(0, 0, double.NaN)]
    public void Rates_outside_zero_to_one_are_refused(double failure, double rateLimit, double lost)
    {
        var settings = new SimulatedNetworkSettings { FailureRate = failure, RateLimitRate = rateLimit, LostAnswerRate = lost };

        Assert.Throws<ArgumentOutOfRangeException>(() => new SimulatedNetwork(Network.X, settings, new InMemoryPublicationLog()));
    }

    [Fact]
    public void An_outage_that_ends_before_it_starts_is_refused()
    {
        var settings = new SimulatedNetworkSettings { Outages = [new Outage(Noon, Noon)] };

        Assert.Throws<ArgumentException>(() => new SimulatedNetwork(Network.X, settings, new InMemoryPublicationLog()));
    }

    private static async Task<List<string>> OutcomesAsync(SimulatedNetworkSettings settings)
    {
        var network = new SimulatedNetwork(Network.X, settings, new InMemoryPublicationLog());
        var outcomes = new List<string>();
        for (var i = 0; i < 2000; i++)
        {
            outcomes.Add((await network.PublishAsync(Request($"acc-{i}/post/ch", network: Network.X, handle: $"@h{i}"), default)).GetType().Name);
        }

        return outcomes;
    }
}
