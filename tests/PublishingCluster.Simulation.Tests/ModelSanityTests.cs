using PublishingCluster.Domain.Channels;
using PublishingCluster.Simulation.Running;
using PublishingCluster.Simulation.Scenarios;

namespace PublishingCluster.Simulation.Tests;

/// <summary>The models behave as agencies say the world does.</summary>
public sealed class ModelSanityTests
{
    [Fact]
    public async Task Over_ninety_days_outsource_and_forget_clients_miss_more_goals_and_raise_more_escalations_than_responsive_ones()
    {
        var scenario = Runs.Small(accounts: 16, days: 90) with
        {
            Clients = new ClientMix { Responsive = 0.5, OutsourceAndForget = 0.5, Slow = 0, CherryPicker = 0 },
        };

        var summary = await Runs.SummaryOfAsync(scenario);

        var responsive = summary.Behaviours["Responsive"];
        var forgetful = summary.Behaviours["OutsourceAndForget"];
        Assert.Equal(8, responsive.Accounts);
        Assert.Equal(8, forgetful.Accounts);
        Assert.True(forgetful.GoalsMet < responsive.GoalsMet, $"goals met: outsource-and-forget {forgetful.GoalsMet}, responsive {responsive.GoalsMet}");
        Assert.True(forgetful.EscalationsPerAccount > responsive.EscalationsPerAccount,
            $"escalations per account: outsource-and-forget {forgetful.EscalationsPerAccount}, responsive {responsive.EscalationsPerAccount}");
        Assert.True(forgetful.PostsExpired > responsive.PostsExpired);
        Assert.Equal(0, forgetful.ReportsAcknowledged);
        // The partnership health makes the difference visible before the client leaves.
        var health = summary.PartnershipHealth;
        Assert.True(health.MeanByBehaviour["OutsourceAndForget"] < health.MeanByBehaviour["Responsive"] - 30,
            $"health: outsource-and-forget {health.MeanByBehaviour["OutsourceAndForget"]}, responsive {health.MeanByBehaviour["Responsive"]}");
        Assert.True(health.BandsByBehaviour["OutsourceAndForget"].GetValueOrDefault("AtRisk") > health.BandsByBehaviour["Responsive"].GetValueOrDefault("AtRisk"));
        Assert.True(health.ContentDelivered < health.ContentRequests);
    }

    [Fact]
    public async Task Clients_contact_the_agency_by_their_behaviour_and_cherry_pickers_go_above_the_contact_policy()
    {
        var scenario = Runs.Small(accounts: 12, days: 21) with
        {
            Clients = new ClientMix { Responsive = 0.25, Slow = 0.25, OutsourceAndForget = 0.25, CherryPicker = 0.25 },
        };

        var summary = await Runs.SummaryOfAsync(scenario);

        var b = summary.Behaviours;
        // Three weeks of Monday and Thursday calls, most of them made: responsive clients call most, at the policy's two a week and no more.
        Assert.True(b["Responsive"].Contacts > b["Slow"].Contacts, $"contacts: responsive {b["Responsive"].Contacts}, slow {b["Slow"].Contacts}");
        Assert.True(b["Responsive"].Contacts > b["OutsourceAndForget"].Contacts, $"contacts: responsive {b["Responsive"].Contacts}, outsource-and-forget {b["OutsourceAndForget"].Contacts}");
        Assert.Equal(0, b["Responsive"].ContactsAbovePolicy);
        Assert.Equal(0, b["Slow"].ContactsAbovePolicy);
        Assert.True(b["CherryPicker"].ContactsAbovePolicy > 0, $"cherry-picker contacts {b["CherryPicker"].Contacts}, above policy {b["CherryPicker"].ContactsAbovePolicy}");
        Assert.Equal(b["CherryPicker"].ContactsAbovePolicy + b["OutsourceAndForget"].ContactsAbovePolicy, summary.Escalations.ByCause.GetValueOrDefault("ContactAbovePolicy"));
        Assert.Equal(b.Values.Sum(l => l.Contacts), summary.PartnershipHealth.Contacts);
        Assert.DoesNotContain(summary.RefusedCommands.Keys, k => k.StartsWith("RecordClientContact", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Posting_at_the_best_hours_yields_more_engagement_than_at_the_worst()
    {
        var best = Runs.Small(accounts: 6, days: 14) with
        {
            Clients = new ClientMix { Responsive = 1, Slow = 0, OutsourceAndForget = 0, CherryPicker = 0 },
            Agency = new AgencySettings { SlotPolicy = SlotPolicy.Best },
        };
        var worst = best with { Agency = new AgencySettings { SlotPolicy = SlotPolicy.Worst } };

        var atBest = await Runs.SummaryOfAsync(best);
        var atWorst = await Runs.SummaryOfAsync(worst);

        // About the same posts were published either way (a slot at night can fall before an approval); their hours differ.
        Assert.InRange(atWorst.Posts.Published, atBest.Posts.Published * 0.9, atBest.Posts.Published * 1.1);
        Assert.True(atBest.Audience.MeanInteractionsPerPost > 2 * atWorst.Audience.MeanInteractionsPerPost,
            $"interactions per post: best hours {atBest.Audience.MeanInteractionsPerPost}, worst {atWorst.Audience.MeanInteractionsPerPost}");
        Assert.True(atBest.Engagements.Received > atWorst.Engagements.Received);
        Assert.True(atBest.Audience.FollowersAtEnd > atWorst.Audience.FollowersAtEnd);
    }

    [Fact]
    public async Task A_network_outage_produces_retries_and_lateness_but_no_lost_or_duplicated_posts()
    {
        var scenario = Runs.Small(accounts: 8, days: 10) with
        {
            StepMinutes = 15,
            Networks = [Network.LinkedIn, Network.X],
            Clients = new ClientMix { Responsive = 1, Slow = 0, OutsourceAndForget = 0, CherryPicker = 0 },
            // LinkedIn is down for six hours on the days its posts go out; answers get lost now and then as well.
            NetworkFaults = new NetworkFaults
            {
                LostAnswerRate = 0.05,
                Outages = [.. Enumerable.Range(0, 10).Select(day => new OutageScenario { Network = Network.LinkedIn, Day = day, Hour = 6, Hours = 6 })],
            },
        };

        var summary = await Runs.SummaryOfAsync(scenario);

        Assert.True(summary.Posts.Retries > 0, "the outage should cost retries");
        Assert.True(summary.Posts.Late > 0, "the outage should make posts late");
        Assert.Equal(0, summary.Posts.Failed);
        Assert.Equal(0, summary.Network.DuplicateSends);
        Assert.Equal(0, summary.Network.RecordedButMissing);
        Assert.Equal(0, summary.Network.OnNetworkButNotRecorded);
        Assert.Equal(summary.Posts.Published, summary.Network.Publications);
        // Every variant due is accounted for: published, or expired for want of the client's approval; none lost.
        Assert.Equal(summary.Posts.Planned, summary.Posts.Published + summary.Posts.Expired + summary.Posts.StillOpen);
        Assert.Equal(0, summary.Posts.StillOpen);
    }

    [Fact]
    public async Task The_sqlite_journal_gives_the_same_summary_as_memory()
    {
        var scenario = Runs.Small(accounts: 4, days: 4);

        var inMemory = Results.SummaryJson.Write(await Runs.SummaryOfAsync(scenario));
        var onSqlite = Results.SummaryJson.Write(await Runs.SummaryOfAsync(scenario, JournalKind.Sqlite));

        Assert.Equal(inMemory, onSqlite);
    }
}
