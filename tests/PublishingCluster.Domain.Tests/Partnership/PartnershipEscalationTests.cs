using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Channels;
using PublishingCluster.Domain.Common;
using PublishingCluster.Domain.Contracts;
using PublishingCluster.Domain.Escalations;
using PublishingCluster.Domain.Partnership;
using PublishingCluster.Domain.Posts;
using PublishingCluster.Domain.Reporting;
using PublishingCluster.Domain.Tests.Fixtures;

namespace PublishingCluster.Domain.Tests.Partnership;

public sealed class PartnershipEscalationTests
{
    private static readonly DateTimeOffset Monday = new(2027, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private const string Id = AccountScenario.AccountId;

    private static AccountScenario Account(int threshold = 60)
    {
        var contract = SampleContracts.AllNetworks() with
        {
            ReportingCadence = ReportingCadence.Weekly,
            Partnership = new PartnershipTerms(ApprovalTurnaroundHours: 8, HealthThreshold: threshold),
        };
        var account = new AccountScenario(Monday, contract);
        account.ConnectChannel("ch-x", Network.X);
        return account;
    }

    private static IReadOnlyList<IAccountEvent> Check(AccountScenario account, DateTimeOffset at) => account.At(at).Execute(new CheckEscalations(Id));

    [Fact]
    public void Content_not_delivered_by_its_due_date_escalates_at_that_instant_and_delivery_resolves_it()
    {
        var account = Account();
        account.Execute(new RequestContent(Id, "cr-1", "Photos", Monday.AddDays(2), "ada"));
        Assert.Equal(Monday.AddDays(2), EscalationDecisions.NextDue(account.State));
        Assert.Empty(Check(account, Monday.AddDays(2).AddTicks(-1)));

        var raised = Assert.IsType<EscalationRaised>(Assert.Single(Check(account, Monday.AddDays(2).AddHours(1))));
        Assert.Equal(("content-request-overdue-cr-1", EscalationCause.ContentRequestOverdue, Monday.AddDays(2)), (raised.EscalationId, raised.Cause, raised.At));

        var delivered = account.At(Monday.AddDays(2).AddHours(2)).Execute(new DeliverContent(Id, "cr-1", "grace"));
        var resolved = Assert.IsType<EscalationResolved>(delivered[1]);
        Assert.Equal(("content-request-overdue-cr-1", "grace"), (resolved.EscalationId, resolved.By));
        Assert.Null(EscalationDecisions.NextDue(account.State));
    }

    [Fact]
    public void Content_delivered_on_time_never_escalates()
    {
        var account = Account();
        account.Execute(new RequestContent(Id, "cr-1", "Photos", Monday.AddDays(2), "ada"));
        account.At(Monday.AddDays(1)).Execute(new DeliverContent(Id, "cr-1", "grace"));

        Assert.Null(EscalationDecisions.NextDue(account.State));
        Assert.Empty(Check(account, Monday.AddDays(30)));
    }

    [Fact]
    public void A_post_waiting_for_the_client_beyond_the_turnaround_escalates_and_the_clients_answer_resolves_it()
    {
        var account = Account();
        account.CreatePost("p-1", "ch-x");
        account.Execute(new SubmitPostForReview(Id, "p-1"));
        account.At(Monday.AddHours(1)).Execute(new ApprovePost(Id, "p-1"));
        Assert.Equal(Monday.AddHours(9), EscalationDecisions.NextDue(account.State));

        var raised = Assert.IsType<EscalationRaised>(Assert.Single(Check(account, Monday.AddHours(10))));
        Assert.Equal(("approval-overdue-p-1", Monday.AddHours(9)), (raised.EscalationId, raised.At));

        var approved = account.At(Monday.AddHours(11)).Execute(new ClientApprovePost(Id, "p-1"));
        var resolved = Assert.IsType<EscalationResolved>(approved[1]);
        Assert.Equal("Grace Hopper", resolved.By);
    }

    [Fact]
    public void A_post_cancelled_while_waiting_for_the_client_is_no_longer_theirs_to_answer()
    {
        var account = Account();
        account.CreatePost("p-1", "ch-x");
        account.Execute(new SubmitPostForReview(Id, "p-1"));
        account.Execute(new ApprovePost(Id, "p-1"));
        account.Execute(new CancelPost(Id, "p-1"));

        Assert.Empty(account.State.PartnershipOrEmpty().Approvals);
        Assert.Empty(Check(account, Monday.AddDays(3)));
    }

    [Fact]
    public void A_recommendation_unanswered_by_its_review_date_escalates_and_an_answer_resolves_it()
    {
        var account = Account();
        account.Execute(new MakeRecommendation(Id, "rec-1", "Video on Fridays", Monday.AddDays(7), "ada"));

        var raised = Assert.IsType<EscalationRaised>(Assert.Single(Check(account, Monday.AddDays(7).AddHours(1))));
        Assert.Equal(("recommendation-ignored-rec-1", Monday.AddDays(7)), (raised.EscalationId, raised.At));
        var answered = account.Execute(new AnswerRecommendation(Id, "rec-1", Accepted: true, "grace"));

        Assert.IsType<EscalationResolved>(answered[1]);
        Assert.Equal(RecommendationOutcome.Accepted, account.State.PartnershipOrEmpty().Recommendations["rec-1"].Outcome);
    }

    [Fact]
    public void The_contact_that_takes_a_week_above_the_policy_escalates_with_it_as_the_subject()
    {
        // Two contacts a week are allowed.
        var account = Account();
        Assert.Single(account.Execute(new RecordClientContact(Id, "c-1", ContactMedium.Email, "Brief", Monday.AddDays(-10), "ada")));
        Assert.Single(account.Execute(new RecordClientContact(Id, "c-2", ContactMedium.Email, "Brief", Monday.AddDays(-3), "ada")));
        Assert.Single(account.Execute(new RecordClientContact(Id, "c-3", ContactMedium.Phone, "Call", Monday.AddDays(-2), "ada")));

        var events = account.Execute(new RecordClientContact(Id, "c-4", ContactMedium.Phone, "Call", Monday, "ada"));

        var raised = Assert.IsType<EscalationRaised>(events[1]);
        Assert.Equal(("contact-above-policy-c-4", EscalationCause.ContactAbovePolicy, "c-4"), (raised.EscalationId, raised.Cause, raised.Subject));
    }

    [Fact]
    public void A_report_whose_health_falls_below_the_threshold_escalates_and_one_above_it_does_not()
    {
        var healthy = Account(threshold: 60);
        healthy.Execute(new RequestContent(Id, "cr-1", "Photos", Monday.AddDays(1), "ada"));
        var closedHealthy = healthy.At(Monday.AddDays(7)).Execute(new CloseReportingPeriods(Id));
        Assert.Equal(70, Assert.IsType<ReportIssued>(Assert.Single(closedHealthy)).Report.Partnership!.Score);

        var strict = Account(threshold: 75);
        strict.Execute(new RequestContent(Id, "cr-1", "Photos", Monday.AddDays(1), "ada"));
        var closed = strict.At(Monday.AddDays(7)).Execute(new CloseReportingPeriods(Id));

        var issued = Assert.IsType<ReportIssued>(closed[0]);
        Assert.Equal((70, HealthBand.AtRisk, HealthTrend.First), (issued.Report.Partnership!.Score, issued.Report.Partnership.Band, issued.Report.Partnership.Trend));
        var raised = Assert.IsType<EscalationRaised>(closed[1]);
        Assert.Equal(($"partnership-at-risk-{issued.Report.ReportId}", EscalationCause.PartnershipAtRisk), (raised.EscalationId, raised.Cause));
    }

    [Fact]
    public void The_second_report_gives_the_trend_against_the_first()
    {
        var account = Account();
        account.Execute(new RequestContent(Id, "cr-1", "Photos", Monday.AddDays(1), "ada"));
        account.At(Monday.AddDays(7)).Execute(new CloseReportingPeriods(Id));
        account.Execute(new RequestContent(Id, "cr-2", "Brief", Monday.AddDays(8), "ada"));
        account.At(Monday.AddDays(8).AddHours(-1)).Execute(new DeliverContent(Id, "cr-2", "grace"));

        var second = Assert.IsType<ReportIssued>(account.At(Monday.AddDays(14)).Execute(new CloseReportingPeriods(Id))[0]).Report.Partnership!;

        Assert.Equal((85, 70, HealthTrend.Improving), (second.Score, second.PreviousScore, second.Trend));
    }

    [Fact]
    public void Repeats_change_nothing_and_bad_requests_are_refused_with_their_field()
    {
        var account = Account();
        account.Execute(new RequestContent(Id, "cr-1", "Photos", Monday.AddDays(2), "ada"));
        account.Execute(new MakeRecommendation(Id, "rec-1", "Video", Monday.AddDays(2), "ada"));
        account.Execute(new AnswerRecommendation(Id, "rec-1", Accepted: true, "grace"));

        Assert.Empty(account.Execute(new RequestContent(Id, "cr-1", "Photos", Monday.AddDays(2), "someone else")));
        Assert.Empty(account.Execute(new AnswerRecommendation(Id, "rec-1", Accepted: true, "grace")));
        Refused(account, new RequestContent(Id, "cr-1", "Other", Monday.AddDays(2), "ada"), RejectionKind.Lifecycle, "content-request.id-taken", "requestId");
        Refused(account, new RequestContent(Id, "cr-2", "Photos", Monday, "ada"), RejectionKind.Rule, "content-request.dueBy-in-past", "dueBy");
        Refused(account, new RequestContent(Id, "", "Photos", Monday.AddDays(1), "ada"), RejectionKind.Validation, "partnership.id-invalid", "requestId");
        Refused(account, new RequestContent(Id, "cr-2", new string('x', 2001), Monday.AddDays(1), "ada"), RejectionKind.Validation, "partnership.text-too-long", "what");
        Refused(account, new RequestContent(Id, "cr-2", "Photos", Monday.AddDays(1), " "), RejectionKind.Validation, "partnership.by-missing", "by");
        Refused(account, new DeliverContent(Id, "cr-9", "grace"), RejectionKind.NotFound, "content-request.not-found", "requestId");
        Refused(account, new AnswerRecommendation(Id, "rec-1", Accepted: false, "grace"), RejectionKind.Lifecycle, "recommendation.already-answered", "accepted");
        Refused(account, new AnswerRecommendation(Id, "rec-9", Accepted: false, "grace"), RejectionKind.NotFound, "recommendation.not-found", "recommendationId");
        Refused(account, new MakeRecommendation(Id, "rec-2", "Video", Monday.AddDays(366), "ada"), RejectionKind.Rule, "recommendation.reviewBy-too-far", "reviewBy");
        Refused(account, new RecordClientContact(Id, "c-1", (ContactMedium)42, "Call", Monday, "ada"), RejectionKind.Validation, "contact.medium-unknown", "medium");
        Refused(account, new RecordClientContact(Id, "c-1", ContactMedium.Phone, "Call", Monday.AddMinutes(1), "ada"), RejectionKind.Rule, "contact.in-future", "occurredAt");
    }

    [Fact]
    public void Contract_terms_out_of_range_are_refused()
    {
        var contract = SampleContracts.AllNetworks();
        Assert.Equal("contract.partnership.approvalTurnaroundHours", ContractRules.Validate(contract with { Partnership = new PartnershipTerms(ApprovalTurnaroundHours: 0) }, Monday)!.Field);
        Assert.Equal("contract.partnership.healthThreshold", ContractRules.Validate(contract with { Partnership = new PartnershipTerms(HealthThreshold: 101) }, Monday)!.Field);
        Assert.Null(ContractRules.Validate(contract with { Partnership = new PartnershipTerms(ApprovalTurnaroundHours: 1, HealthThreshold: 0) }, Monday));
    }

    private static void Refused(AccountScenario account, IAccountCommand command, RejectionKind kind, string code, string field)
    {
        var decision = account.Decide(command);
        Assert.False(decision.IsAccepted, $"{command} was accepted");
        Assert.Equal((kind, code, field), (decision.Rejection!.Kind, decision.Rejection.Code, decision.Rejection.Field));
        Assert.Empty(decision.Events);
    }
}
