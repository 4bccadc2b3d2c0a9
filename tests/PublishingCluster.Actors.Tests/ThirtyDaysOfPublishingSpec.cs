using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit.Xunit2;
using PublishingCluster.Actors.Accounts;
using PublishingCluster.Actors.Tests.Support;
using PublishingCluster.Domain.Channels;
using PublishingCluster.Domain.Common;
using PublishingCluster.Domain.Contracts;
using PublishingCluster.Domain.Posts;
using Xunit.Abstractions;

namespace PublishingCluster.Actors.Tests;

/// <summary>
/// A month of publishing for a thousand accounts on a virtual clock: every approved, scheduled variant goes out
/// exactly once at its time, unapproved posts expire untouched, quotas and posting windows hold, and every account
/// gets exactly the reports its cadence implies in its time zone.
/// </summary>
public sealed class ThirtyDaysOfPublishingSpec : TestKit
{
    private readonly ITestOutputHelper _output;

    public ThirtyDaysOfPublishingSpec(ITestOutputHelper output)
        : base(Config, output: output) => _output = output;

    private const int Accounts = 1000;
    private const int PostsPerAccount = 10;
    private const int UnapprovedEvery = 5;
    private static readonly DateTimeOffset Start = new(2027, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly Config Config = ActorSpecConfig.InMemory();

    [Fact]
    public async Task Every_approved_post_is_published_exactly_once_at_its_time_and_the_rest_expire()
    {
        var rig = new PublishingRig(Sys, Start, network => new FakeNetwork(network));
        var accountIds = new List<string>();
        foreach (var batch in Enumerable.Range(0, Accounts).Chunk(50))
        {
            accountIds.AddRange(await Task.WhenAll(batch.Select(i => AccountSetup.OpenAsync(rig.Accounts, i, Start, PostsPerAccount, UnapprovedEvery))));
        }

        var ticks = await rig.RunUntilAsync(Start.AddDays(30));

        var published = 0;
        var expired = 0;
        foreach (var accountId in accountIds)
        {
            foreach (var post in await AccountSetup.PostsOfAsync(rig.Accounts, accountId, PostsPerAccount))
            {
                var approved = (int.Parse(post.PostId[5..], System.Globalization.CultureInfo.InvariantCulture) + 1) % UnapprovedEvery != 0;
                if (!approved)
                {
                    Assert.Equal(PostStatus.Expired, post.Status);
                    Assert.All(post.Variants.Values, v => Assert.False(rig.Networks[NetworkOf(v)].Published.ContainsKey($"{accountId}/{post.PostId}/{v.ChannelId}")));
                    expired++;
                    continue;
                }

                Assert.True(post.Status == PostStatus.Published, $"{accountId}/{post.PostId} is {post.Status}");
                foreach (var variant in post.Variants.Values)
                {
                    Assert.Equal(TimeSpan.Zero, variant.Lateness);
                    Assert.Equal(1, variant.Attempts);
                    Assert.True(rig.Networks[NetworkOf(variant)].Published.ContainsKey($"{accountId}/{post.PostId}/{variant.ChannelId}"));
                    published++;
                }
            }
        }

        var sent = rig.Networks.Values.Sum(n => n.Sends);
        var onNetworks = rig.Networks.Values.Sum(n => n.Published.Count);
        _output.WriteLine($"{published} variants published, {expired} posts expired, {sent} sends, {ticks} ticks.");
        Assert.Equal(Accounts * (PostsPerAccount - (PostsPerAccount / UnapprovedEvery)) * AccountSetup.Networks.Length, published);
        Assert.Equal(Accounts * (PostsPerAccount / UnapprovedEvery), expired);
        Assert.Equal(published, onNetworks);
        Assert.Equal(published, sent);
        AssertQuotasAndWindowsHeld(rig);
        await AssertReportsAsTheCadencesImplyAsync(rig, accountIds);
    }

    /// <summary>
    /// Reports closed in the 30 days from Monday 1 March 2027 00:00 UTC, by cadence and the account's time zone. An
    /// account's first period starts on its local opening date: in New York that is Sunday 28 February, so a
    /// weekly and a monthly period close at local midnight that night (05:00 UTC on 1 March). Weekly periods then
    /// close every local Monday midnight (8, 15, 22 and 29 March, after the clocks changed in London and New York);
    /// months close on 1 April, quarters on 1 April too: after the run.
    /// </summary>
    private static readonly Dictionary<(ReportingCadence, string), string[]> ExpectedReports = new()
    {
        [(ReportingCadence.Weekly, "Europe/London")] = ["weekly-2027-03-01", "weekly-2027-03-08", "weekly-2027-03-15", "weekly-2027-03-22"],
        [(ReportingCadence.Weekly, "America/New_York")] = ["weekly-2027-02-28", "weekly-2027-03-01", "weekly-2027-03-08", "weekly-2027-03-15", "weekly-2027-03-22"],
        [(ReportingCadence.Weekly, "Asia/Tokyo")] = ["weekly-2027-03-01", "weekly-2027-03-08", "weekly-2027-03-15", "weekly-2027-03-22"],
        [(ReportingCadence.Monthly, "Europe/London")] = [],
        [(ReportingCadence.Monthly, "America/New_York")] = ["monthly-2027-02-28"],
        [(ReportingCadence.Monthly, "Asia/Tokyo")] = [],
        [(ReportingCadence.Quarterly, "Europe/London")] = [],
        [(ReportingCadence.Quarterly, "America/New_York")] = [],
        [(ReportingCadence.Quarterly, "Asia/Tokyo")] = [],
    };

    private async Task AssertReportsAsTheCadencesImplyAsync(PublishingRig rig, IReadOnlyList<string> accountIds)
    {
        var issued = 0;
        var publishedInReports = 0;
        for (var i = 0; i < accountIds.Count; i++)
        {
            var found = await rig.Accounts.Ask<ReportsFound>(new GetReports(accountIds[i]), TimeSpan.FromSeconds(30));
            var expected = ExpectedReports[AccountSetup.ReportingOf(i)];
            Assert.Equal(expected, found.Reports.Select(r => r.ReportId).Order(StringComparer.Ordinal));
            issued += found.Reports.Count;
            publishedInReports += found.Reports.Sum(r => r.Channels.Sum(c => c.Published));
            foreach (var report in found.Reports)
            {
                // Issued on the tick of the period's close, not later.
                Assert.Equal(report.Until, report.IssuedAt);
                Assert.All(report.Channels, c => Assert.Equal(0, c.Failed));
            }
        }

        _output.WriteLine($"{issued} reports issued; they count {publishedInReports} published variants.");
        Assert.True(publishedInReports > 0, "The weekly reports should count the posts published in their weeks.");
    }

    private static Network NetworkOf(PostVariant variant) => AccountSetup.Networks[int.Parse(variant.ChannelId[3..], System.Globalization.CultureInfo.InvariantCulture)];

    private static void AssertQuotasAndWindowsHeld(PublishingRig rig)
    {
        foreach (var (network, fake) in rig.Networks)
        {
            var quota = NetworkRules.For(network).QuotaPer24Hours;
            foreach (var perChannel in fake.Published.GroupBy(p => p.Key[..p.Key.LastIndexOf('/')].Split('/')[0] + "/" + p.Key.Split('/')[2]))
            {
                var times = perChannel.Select(p => p.Value.At).Order().ToList();
                for (var i = 0; i < times.Count; i++)
                {
                    Assert.True(times.Count(t => t > times[i].AddHours(-24) && t <= times[i]) <= quota, $"{perChannel.Key} exceeded {quota} in 24 h");
                }
            }

            foreach (var (key, (_, at)) in fake.Published)
            {
                var index = int.Parse(key.Split('/')[0][4..], System.Globalization.CultureInfo.InvariantCulture);
                var channel = int.Parse(key.Split('/')[2][3..], System.Globalization.CultureInfo.InvariantCulture);
                var zone = TimeZones.Find(new[] { "Europe/London", "America/New_York", "Asia/Tokyo" }[(index + channel) % 3]);
                var local = TimeZones.ToLocal(at, zone);
                Assert.InRange(local.Hour, 7, 20);
            }
        }
    }
}
