using System.Diagnostics.Metrics;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using Microsoft.Extensions.Time.Testing;
using PublishingCluster.Actors.Accounts;
using PublishingCluster.Actors.Gateways;
using PublishingCluster.Actors.Posting;
using PublishingCluster.Actors.Telemetry;
using PublishingCluster.Actors.Tests.Support;
using PublishingCluster.Channels;
using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Channels;
using PublishingCluster.Domain.Engagement;
using PublishingCluster.Domain.Publishing;

namespace PublishingCluster.Actors.Tests;

/// <summary>The node's metrics as the actors that know each fact record it.</summary>
public sealed class NodeMetricsSpec() : TestKit(ActorSpecConfig.InMemory())
{
    private static readonly DateTimeOffset Monday = new(2027, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task An_account_counts_itself_awake_while_it_runs_and_counts_its_recovery_its_writes_and_an_sla_breach()
    {
        using var meter = new Meter(PublishingMetrics.MeterName);
        using var probe = new MetricsProbe(meter);
        var metrics = new PublishingMetrics(meter);
        var with = new AccountCollaborators(CreateTestProbe().Ref, new PostingPartitions(4), _ => TestActor, PublishingPolicy.Default, metrics);
        const string accountId = "acc-metrics";
        var account = Sys.ActorOf(ClientAccountActor.PropsFor(accountId, ClientAccountSettings.Default, with));

        await AccountSetup.ExecuteAsync(account, new OpenAccount(accountId, "agency", "Client", AccountSetup.Contract()), Monday);
        await AccountSetup.ExecuteAsync(account, new ConnectChannel(accountId, "ch-0", Network.X, "client", "Europe/London", [], []), Monday);
        await AccountSetup.ExecuteAsync(account, new ReceiveEngagement(accountId, "e-1", "ch-0", EngagementKind.Comment, "@a", "Terrible and late", null, Monday), Monday);

        Assert.Equal(1, probe.Observe("publishingcluster.accounts.awake"));
        Assert.Equal(1, probe.Recorded("publishingcluster.account.recovery.duration"));
        Assert.True(probe.Recorded("publishingcluster.journal.write.duration") >= 3);
        Assert.Equal(0, probe.Observe("publishingcluster.sla.breaches"));

        // The negative comment's 30 business minutes run out: the wake-up raises the breach.
        account.Tell(new WakeUp(accountId, Monday.AddMinutes(30)));
        await AwaitAssertAsync(() => Assert.Equal(1, probe.Observe("publishingcluster.sla.breaches")), Generous);
        Assert.Equal(1, probe.Observe("publishingcluster.escalations.raised", "cause=SlaBreach"));
        Assert.Equal(0, probe.Observe("publishingcluster.escalations.raised", "cause=ApprovalOverdue"));

        Watch(account);
        account.Tell(PoisonPill.Instance);
        ExpectTerminated(account, Generous);
        Assert.Equal(0, probe.Observe("publishingcluster.accounts.awake"));
    }

    [Fact]
    public async Task Sends_held_by_a_paused_network_count_as_waiting_for_that_network_until_they_go_out()
    {
        using var meter = new Meter(PublishingMetrics.MeterName);
        using var probe = new MetricsProbe(meter);
        var metrics = new PublishingMetrics(meter);
        var networks = Enum.GetValues<Network>().ToDictionary(n => n, n => (IChannelAdapter)new FakeNetwork(n));
        var accounts = CreateTestProbe();
        var gateways = Sys.ActorOf(ChannelGatewaysActor.PropsFor(networks, accounts.Ref, new FakeTimeProvider(Monday), maxInFlight: 2, metrics));

        gateways.Tell(new PauseNetwork(Network.LinkedIn));
        for (var i = 0; i < 3; i++)
        {
            gateways.Tell(new SendToNetwork("acc-1", $"post-{i}", "ch-1", $"acc-1/post-{i}/ch-1", Network.LinkedIn, "client", "Text", []));
        }

        Assert.Equal(3, (await gateways.Ask<GatewayStatus>(new GetGatewayStatus(Network.LinkedIn), Generous)).Waiting);
        Assert.Equal(3, probe.Observe("publishingcluster.variants.waiting", "network=linkedin"));
        Assert.Equal(0, probe.Observe("publishingcluster.variants.waiting", "network=x"));

        gateways.Tell(new ResumeNetwork(Network.LinkedIn));
        for (var i = 0; i < 3; i++)
        {
            accounts.ExpectMsg<PublishAnswered>(Generous);
        }

        Assert.Equal(0, probe.Observe("publishingcluster.variants.waiting", "network=linkedin"));
    }
}
