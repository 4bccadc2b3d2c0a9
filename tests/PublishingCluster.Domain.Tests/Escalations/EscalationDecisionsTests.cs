using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Channels;
using PublishingCluster.Domain.Common;
using PublishingCluster.Domain.Contracts;
using PublishingCluster.Domain.Engagement;
using PublishingCluster.Domain.Escalations;
using PublishingCluster.Domain.Posts;
using PublishingCluster.Domain.Publishing;
using PublishingCluster.Domain.Reporting;
using PublishingCluster.Domain.Tests.Fixtures;

namespace PublishingCluster.Domain.Tests.Escalations;

public sealed class EscalationDecisionsTests
{
    // Monday 1 March 2027, 10:00 in London; a negative engagement is due in 30 business minutes.
    private static readonly DateTimeOffset Monday = new(2027, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private const string Id = AccountScenario.AccountId;

    private static AccountScenario Account(Contract? contract = null)
    {
        var account = new AccountScenario(Monday, contract ?? WithLead());
        account.ConnectChannel("ch-x", Network.X);
        return account;
    }

    private static Contract WithLead(EscalationLadder? ladder = null) =>
        SampleContracts.AllNetworks() with { Roles = new Roles("Ada", "Grace", AgencyLead: "Linus"), Escalation = ladder };

    private static ReceiveEngagement Angry(string id, DateTimeOffset at) =>
        new(Id, id, "ch-x", EngagementKind.Comment, "@angry", "Terrible service, I want a refund", null, at);

    private static Escalation Single(AccountScenario account) => Assert.Single(account.State.EngagementOrEmpty().Escalations.Values);

    private static IReadOnlyList<IAccountEvent> Check(AccountScenario account, DateTimeOffset at) => account.At(at).Execute(new CheckEscalations(Id));

    [Fact]
    public void The_ladder_climbs_on_the_clock_exactly_as_configured_and_stops_when_acknowledged()
    {
        var account = Account(WithLead(new EscalationLadder(AccountManagerMinutes: 60, AgencyLeadMinutes: 180)));
        account.Execute(Angry("e-1", Monday));
        Assert.Equal(Monday.AddMinutes(30), EscalationDecisions.NextDue(account.State));

        Assert.Empty(Check(account, Monday.AddMinutes(29)));
        var raised = Assert.IsType<EscalationRaised>(Assert.Single(Check(account, Monday.AddMinutes(30))));
        Assert.Equal(("sla-breach-e-1", EscalationCause.SlaBreach, "e-1", EscalationLevel.AccountManager, "Ada"), (raised.EscalationId, raised.Cause, raised.Subject, raised.Level, raised.Assignee));
        Assert.Equal(Monday.AddMinutes(90), raised.NextClimbAt);
        Assert.Equal(Monday.AddMinutes(90), EscalationDecisions.NextDue(account.State));

        Assert.Empty(Check(account, Monday.AddMinutes(89)));
        var toLead = Assert.IsType<EscalationClimbed>(Assert.Single(Check(account, Monday.AddMinutes(90))));
        Assert.Equal((EscalationLevel.AgencyLead, "Linus", Monday.AddMinutes(270)), (toLead.Level, toLead.Assignee, toLead.NextClimbAt));

        account.At(Monday.AddMinutes(200)).Execute(new AcknowledgeEscalation(Id, "sla-breach-e-1", "Linus"));

        Assert.Null(EscalationDecisions.NextDue(account.State));
        Assert.Empty(Check(account, Monday.AddDays(30)));
        var escalation = Single(account);
        Assert.Equal((EscalationLevel.AgencyLead, Monday.AddMinutes(200), "Linus"), (escalation.Level, escalation.AcknowledgedAt, escalation.AcknowledgedBy));
        Assert.Null(escalation.NextClimbAt);
    }

    [Fact]
    public void An_account_woken_late_raises_and_climbs_at_the_instants_it_would_have_on_time()
    {
        var account = Account();
        account.Execute(Angry("e-1", Monday));

        var events = Check(account, Monday.AddDays(3));

        Assert.Equal(
            [(Monday.AddMinutes(30), null), (Monday.AddMinutes(30 + 240), EscalationLevel.AgencyLead), (Monday.AddMinutes(30 + 240 + 1440), EscalationLevel.Client)],
            events.Select(e => (e.At, (e as EscalationClimbed)?.Level)));
        var escalation = Single(account);
        Assert.Equal((EscalationLevel.Client, "Grace"), (escalation.Level, escalation.Assignee));
        Assert.Null(escalation.NextClimbAt);
        Assert.Empty(Check(account, Monday.AddDays(10)));
    }

    [Fact]
    public void An_engagement_recorded_after_its_deadline_is_a_breach_at_once_climbed_to_where_it_would_stand()
    {
        var account = Account();
        account.At(Monday.AddHours(5));

        var events = account.Execute(Angry("e-1", Monday));

        Assert.Equal([typeof(EngagementReceived), typeof(EscalationRaised), typeof(EscalationClimbed)], events.Select(e => e.GetType()));
        Assert.Equal([Monday.AddHours(5), Monday.AddMinutes(30), Monday.AddMinutes(30 + 240)], events.Select(e => e.At));
        Assert.Empty(Check(account, Monday.AddHours(5)));
    }

    [Fact]
    public void Without_an_agency_lead_the_ladder_goes_from_the_manager_to_the_client()
    {
        var account = Account(SampleContracts.AllNetworks());
        account.Execute(Angry("e-1", Monday));
        Check(account, Monday.AddMinutes(30));

        var climbed = Assert.IsType<EscalationClimbed>(Assert.Single(Check(account, Monday.AddMinutes(30 + 240))));

        Assert.Equal((EscalationLevel.Client, "Grace Hopper"), (climbed.Level, climbed.Assignee));
        Assert.Null(climbed.NextClimbAt);
    }

    [Fact]
    public void A_response_in_time_or_a_closed_engagement_raises_nothing_and_a_breach_is_raised_once()
    {
        var account = Account();
        account.Execute(Angry("e-1", Monday));
        account.Execute(Angry("e-2", Monday));
        account.Execute(Angry("e-3", Monday));
        account.Advance(TimeSpan.FromMinutes(10)).Execute(new RespondToEngagement(Id, "e-1", "Ada", "So sorry, we will call you."));
        account.Execute(new CloseEngagement(Id, "e-2", "Ada"));

        var first = Check(account, Monday.AddMinutes(31));
        var second = Check(account, Monday.AddMinutes(32));

        Assert.Equal("sla-breach-e-3", Assert.IsType<EscalationRaised>(Assert.Single(first)).EscalationId);
        Assert.Empty(second);
    }

    [Fact]
    public void Five_negative_engagements_within_an_hour_raise_one_spike_and_a_later_storm_raises_another()
    {
        var account = Account();
        account.At(Monday.AddMinutes(10));
        for (var i = 1; i <= 4; i++)
        {
            Assert.Single(account.Execute(Angry($"e-{i}", Monday.AddMinutes(i))));
        }

        var fifth = account.Execute(Angry("e-5", Monday.AddMinutes(5)));
        var sixth = account.Execute(Angry("e-6", Monday.AddMinutes(6)));

        var spike = Assert.IsType<EscalationRaised>(fifth[1]);
        Assert.Equal(("negative-spike-e-5", EscalationCause.NegativeSpike), (spike.EscalationId, spike.Cause));
        Assert.Single(sixth);
        Assert.Equal(Monday.AddMinutes(5), account.State.EngagementOrEmpty().LastSpikeAt);
        account.At(Monday.AddHours(3));
        var later = Enumerable.Range(10, 5).Select(i => account.Execute(Angry($"e-{i}", Monday.AddHours(3)))).ToList();
        Assert.Equal("negative-spike-e-14", Assert.IsType<EscalationRaised>(later[^1][1]).EscalationId);
    }

    [Fact]
    public void Positive_engagements_never_make_a_spike()
    {
        var account = Account();

        var events = Enumerable.Range(1, 8).SelectMany(i => account.Execute(Angry($"e-{i}", Monday) with { Text = "Love it", Sentiment = null })).ToList();

        Assert.All(events, e => Assert.IsType<EngagementReceived>(e));
    }

    [Fact]
    public void A_publish_failure_that_needs_a_person_escalates_in_the_decision_that_records_it()
    {
        var account = Account();
        foreach (var (postId, needsHuman) in new[] { ("p-1", true), ("p-2", false) })
        {
            account.At(Monday).CreatePost(postId, "ch-x");
            account.Approve(postId);
            account.ScheduleAt(postId, Monday.AddHours(1));
            account.At(Monday.AddHours(1)).PublishDue();

            var events = account.Execute(new RecordPublishFailed(Id, postId, "ch-x", "Token expired", needsHuman));

            Assert.Equal(needsHuman ? 2 : 1, events.Count);
        }

        var escalation = Single(account);
        Assert.Equal(("publish-needs-human-p-1", EscalationCause.PublishNeedsHuman, "p-1", Monday.AddHours(1)), (escalation.EscalationId, escalation.Cause, escalation.Subject, escalation.RaisedAt));
    }

    [Fact]
    public void A_report_left_unacknowledged_for_the_ladders_days_escalates_and_an_acknowledged_one_does_not()
    {
        var account = Account(WithLead(new EscalationLadder(ReportAcknowledgementDays: 3)) with { ReportingCadence = ReportingCadence.Weekly });
        var issued = Assert.IsType<ReportIssued>(Assert.Single(account.At(new DateTimeOffset(2027, 3, 8, 0, 0, 0, TimeSpan.Zero)).Execute(new CloseReportingPeriods(Id))));
        Assert.Equal(issued.At.AddDays(3), EscalationDecisions.NextDue(account.State));

        Assert.Empty(Check(account, issued.At.AddDays(3).AddMinutes(-1)));
        var raised = Assert.IsType<EscalationRaised>(Assert.Single(Check(account, issued.At.AddDays(3))));
        Assert.Equal(($"report-not-acknowledged-{issued.Report.ReportId}", EscalationCause.ReportNotAcknowledged), (raised.EscalationId, raised.Cause));

        var next = Assert.IsType<ReportIssued>(Assert.Single(account.At(new DateTimeOffset(2027, 3, 15, 0, 0, 0, TimeSpan.Zero)).Execute(new CloseReportingPeriods(Id))));
        account.Execute(new AcknowledgeReport(Id, next.Report.ReportId, "Grace"));
        Assert.DoesNotContain(Check(account, next.At.AddDays(30)), e => e is EscalationRaised);
    }

    [Fact]
    public void Acknowledging_twice_or_resolving_twice_changes_nothing_and_a_resolved_one_cannot_be_acknowledged()
    {
        var account = Account();
        account.Execute(Angry("e-1", Monday));
        Check(account, Monday.AddMinutes(30));
        account.Execute(new AcknowledgeEscalation(Id, "sla-breach-e-1", "Ada"));

        var again = account.Decide(new AcknowledgeEscalation(Id, "sla-breach-e-1", "Ada"));
        account.Execute(new ResolveEscalation(Id, "sla-breach-e-1", "Ada"));
        var resolvedAgain = account.Decide(new ResolveEscalation(Id, "sla-breach-e-1", "Ada"));
        var ackResolved = account.Decide(new AcknowledgeEscalation(Id, "sla-breach-e-1", "Ada"));

        Assert.True(again.IsAccepted);
        Assert.Empty(again.Events);
        Assert.True(resolvedAgain.IsAccepted);
        Assert.Empty(resolvedAgain.Events);
        Assert.Equal((RejectionKind.Lifecycle, "escalation.resolved"), (ackResolved.Rejection?.Kind, ackResolved.Rejection?.Code));
        Assert.Equal(Monday.AddMinutes(30), Single(account).ResolvedAt);
    }

    [Fact]
    public void Unknown_escalations_and_missing_names_are_refused()
    {
        var account = Account();
        account.Execute(Angry("e-1", Monday));
        Check(account, Monday.AddMinutes(30));

        var unknownAck = account.Decide(new AcknowledgeEscalation(Id, "sla-breach-e-9", "Ada"));
        var unknownResolve = account.Decide(new ResolveEscalation(Id, "sla-breach-e-9", "Ada"));
        var nobody = account.Decide(new AcknowledgeEscalation(Id, "sla-breach-e-1", " "));

        Assert.Equal((RejectionKind.NotFound, "escalation.not-found"), (unknownAck.Rejection?.Kind, unknownAck.Rejection?.Code));
        Assert.Equal("escalation.not-found", unknownResolve.Rejection?.Code);
        Assert.Equal((RejectionKind.Validation, "escalation.by-missing"), (nobody.Rejection?.Kind, nobody.Rejection?.Code));
    }

    [Fact]
    public void A_ladder_with_delays_out_of_range_is_refused_with_the_contract()
    {
        var bad = WithLead(new EscalationLadder(AccountManagerMinutes: 0));

        var decision = ClientAccount.Decide(AccountState.Unopened("acc-2"), new OpenAccount("acc-2", "agency-1", "Client", bad), Monday);

        Assert.Equal(("contract.escalation.accountManagerMinutes", "contract.escalation.delay-out-of-range"), (decision.Rejection?.Field, decision.Rejection?.Code));
        Assert.Equal("contract.escalation.reportAcknowledgementDays",
            ClientAccount.Decide(AccountState.Unopened("acc-2"), new OpenAccount("acc-2", "agency-1", "Client", WithLead(new EscalationLadder(ReportAcknowledgementDays: 0))), Monday).Rejection?.Field);
        Assert.Equal("contract.escalation.agencyLeadMinutes",
            ClientAccount.Decide(AccountState.Unopened("acc-2"), new OpenAccount("acc-2", "agency-1", "Client", WithLead(new EscalationLadder(AgencyLeadMinutes: -1))), Monday).Rejection?.Field);
    }
}
