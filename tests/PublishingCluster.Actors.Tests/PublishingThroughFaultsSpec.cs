using Akka.Actor;
using PublishingCluster.Actors.Accounts;
using Akka.TestKit.Xunit2;
using PublishingCluster.Actors.Tests.Support;
using PublishingCluster.Channels;
using PublishingCluster.Domain.Channels;
using PublishingCluster.Domain.Posts;

namespace PublishingCluster.Actors.Tests;

/// <summary>
/// A month against networks that fail, rate-limit, go down and expire tokens: no post is lost, none is published
/// twice, and every failure carries its reason on the post and in the period's report.
/// </summary>
public sealed class PublishingThroughFaultsSpec() : TestKit(ActorSpecConfig.InMemory())
{
    private const int Accounts = 60;
    private const int PostsPerAccount = 10;
    private static readonly DateTimeOffset Start = new(2027, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset TokenExpiry = Start.AddDays(10);
    private static readonly DateTimeOffset OutageFrom = Start.AddDays(2);
    private static readonly DateTimeOffset OutageTo = Start.AddDays(2).AddHours(2);

    [Fact]
    public async Task Failures_rate_limits_outages_and_expired_tokens_lose_nothing_and_duplicate_nothing()
    {
        var rig = new PublishingRig(Sys, Start, network => new FakeNetwork(network, (key, attempt, now) => Misbehave(network, key, attempt, now)));
        var accountIds = new List<string>();
        foreach (var batch in Enumerable.Range(0, Accounts).Chunk(20))
        {
            accountIds.AddRange(await Task.WhenAll(batch.Select(i => AccountSetup.OpenAsync(rig.Accounts, i, Start, PostsPerAccount, unapprovedEvery: 0))));
        }

        await rig.RunUntilAsync(Start.AddDays(30));

        var retried = 0;
        var late = 0;
        var failuresReported = 0;
        foreach (var accountId in accountIds)
        {
            var posts = await AccountSetup.PostsOfAsync(rig.Accounts, accountId, PostsPerAccount);
            failuresReported += await AssertFailuresReportedAsync(rig, accountId, posts);
            foreach (var post in posts)
            {
                foreach (var variant in post.Variants.Values)
                {
                    var network = AccountSetup.Networks[int.Parse(variant.ChannelId[3..], System.Globalization.CultureInfo.InvariantCulture)];
                    var key = $"{accountId}/{post.PostId}/{variant.ChannelId}";
                    var onNetwork = rig.Networks[network].Published.ContainsKey(key);
                    if (network == Network.Instagram && variant.ScheduledAt >= TokenExpiry)
                    {
                        Assert.Equal(VariantDelivery.Failed, variant.Delivery);
                        Assert.Contains("token expired", variant.FailureReason, StringComparison.Ordinal);
                        Assert.False(onNetwork);
                        continue;
                    }

                    Assert.True(variant.Delivery == VariantDelivery.Published, $"{key} is {variant.Delivery}: {variant.FailureReason}");
                    Assert.True(onNetwork, $"{key} is recorded published but the network does not have it");
                    retried += variant.Attempts > 1 ? 1 : 0;
                    late += variant.Lateness > TimeSpan.Zero ? 1 : 0;
                    if (network == Network.LinkedIn && variant.ScheduledAt >= OutageFrom && variant.ScheduledAt < OutageTo)
                    {
                        Assert.True(variant.PublishedAt >= OutageTo, $"{key} went out during the outage");
                    }
                }
            }
        }

        Assert.True(retried > 100, $"Only {retried} variants needed a retry; the faults did not bite.");
        Assert.True(failuresReported > 0, "No report carried a failure: the weekly accounts' reports should show the expired token.");
        Assert.True(late >= retried, "Every retried variant went out late.");
        foreach (var network in rig.Networks.Values)
        {
            Assert.All(network.Published.Keys.GroupBy(k => k), g => Assert.Single(g));
        }
    }

    /// <summary>
    /// Every failed variant scheduled in a closed period is in that period's report with the reason on the post,
    /// and the report's failed count per channel matches. Returns the failures reported.
    /// </summary>
    private static async Task<int> AssertFailuresReportedAsync(PublishingRig rig, string accountId, IReadOnlyList<Post> posts)
    {
        var reports = await rig.Accounts.Ask<ReportsFound>(new GetReports(accountId), TimeSpan.FromSeconds(30));
        var reported = 0;
        foreach (var report in reports.Reports)
        {
            var failed = posts
                .SelectMany(p => p.Variants.Values.Select(v => (Post: p, Variant: v)))
                .Where(x => x.Variant.Delivery == VariantDelivery.Failed && x.Variant.ScheduledAt >= report.From && x.Variant.ScheduledAt < report.Until)
                .Select(x => (x.Post.PostId, x.Variant.ChannelId, Reason: x.Variant.FailureReason!))
                .Order()
                .ToList();
            Assert.Equal(failed, report.Failures.Select(f => (f.PostId, f.ChannelId, f.Reason)).Order().ToList());
            Assert.Equal(failed.Count, report.Channels.Sum(c => c.Failed));
            reported += failed.Count;
        }

        return reported;
    }

    /// <summary>
    /// LinkedIn is down for two hours on day 2; Instagram's token expires on day 10; otherwise a first send fails
    /// for about one key in three (503) and is rate-limited for one in ten.
    /// </summary>
    private static PublishOutcome? Misbehave(Network network, string key, int attempt, DateTimeOffset now)
    {
        if (network == Network.LinkedIn && now >= OutageFrom && now < OutageTo)
        {
            return new PublishOutcome.Retryable("LinkedIn is down (503)");
        }

        if (network == Network.Instagram && now >= TokenExpiry)
        {
            return new PublishOutcome.NeedsHuman("token expired: reconnect the Instagram account");
        }

        var draw = (uint)StableHash(key) % 100;
        return attempt == 1 && draw < 30 ? new PublishOutcome.Retryable("HTTP 503")
            : attempt == 1 && draw < 40 ? new PublishOutcome.RateLimited(TimeSpan.FromSeconds(90), "HTTP 429")
            : null;
    }

    private static int StableHash(string text)
    {
        unchecked
        {
            var hash = (int)2166136261;
            foreach (var c in text)
            {
                hash = (hash ^ c) * 16777619;
            }

            return hash;
        }
    }
}
