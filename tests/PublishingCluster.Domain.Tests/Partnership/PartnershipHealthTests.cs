using PublishingCluster.Domain.Channels;
using PublishingCluster.Domain.Contracts;
using PublishingCluster.Domain.Partnership;
using PublishingCluster.Domain.Posts;
using PublishingCluster.Domain.Tests.Fixtures;

namespace PublishingCluster.Domain.Tests.Partnership;

public sealed class PartnershipHealthTests
{
    private static readonly DateTimeOffset Monday = new(2027, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private const string Id = AccountScenario.AccountId;

    private static AccountScenario Account(PartnershipTerms? terms = null)
    {
        var account = new AccountScenario(Monday, SampleContracts.AllNetworks() with { Partnership = terms ?? new PartnershipTerms(ApprovalTurnaroundHours: 24) });
        account.ConnectChannel("ch-x", Network.X);
        return account;
    }

    private static PartnershipHealth HealthAt(AccountScenario account, DateTimeOffset at) => PartnershipHealth.Of(account.State, at);

    [Fact]
    public void With_nothing_asked_of_the_client_the_score_is_full_and_says_why()
    {
        var health = HealthAt(Account(), Monday.AddDays(10));

        Assert.Equal((100, HealthBand.Healthy), (health.Score, health.Band));
        Assert.StartsWith("Nothing to judge", Assert.Single(health.Reasons), StringComparison.Ordinal);
        Assert.All(health.Factors, f => Assert.Null(f.Score));
    }

    [Fact]
    public void Content_delivered_on_time_counts_as_met_and_late_or_missing_content_pulls_the_score_down_by_its_weight()
    {
        var account = Account();
        account.Execute(new RequestContent(Id, "cr-1", "Photos", Monday.AddDays(2), "ada"));
        account.Execute(new RequestContent(Id, "cr-2", "Brief", Monday.AddDays(3), "ada"));
        account.At(Monday.AddDays(1)).Execute(new DeliverContent(Id, "cr-1", "grace"));

        Assert.Equal(100, HealthAt(account, Monday.AddDays(2)).Score);

        // cr-2 is due and missing: content is half met, 30 * 0.5 lost.
        var health = HealthAt(account, Monday.AddDays(4));
        Assert.Equal(85, health.Score);
        var content = health.Factors.Single(f => f.Name == "contentRequests");
        Assert.Equal((2, 1, 0.5m), (content.Judged, content.Met, content.Score));
        Assert.Equal("1 of 2 content requests late or not delivered (the first: 'Brief', due 2027-03-04).", Assert.Single(health.Reasons));

        // Delivered late it still counts as late.
        account.At(Monday.AddDays(5)).Execute(new DeliverContent(Id, "cr-2", "grace"));
        Assert.Equal(85, HealthAt(account, Monday.AddDays(6)).Score);
    }

    [Fact]
    public void Approvals_answered_within_the_turnaround_are_met_and_a_post_still_waiting_beyond_it_is_not()
    {
        var account = Account();
        foreach (var post in new[] { "p-1", "p-2" })
        {
            account.CreatePost(post, "ch-x");
            account.Execute(new SubmitPostForReview(Id, post));
            account.Execute(new ApprovePost(Id, post));
        }

        account.At(Monday.AddHours(3)).Execute(new ClientApprovePost(Id, "p-1"));
        Assert.Equal(100, HealthAt(account, Monday.AddHours(23)).Score);

        var health = HealthAt(account, Monday.AddHours(25));
        var approvals = health.Factors.Single(f => f.Name == "approvals");
        Assert.Equal((2, 1), (approvals.Judged, approvals.Met));
        Assert.Equal(88, health.Score);
    }

    [Fact]
    public void A_rejection_by_the_client_is_an_answer_and_a_rejection_in_the_agencys_review_is_not()
    {
        var account = Account();
        account.CreatePost("p-1", "ch-x");
        account.Execute(new SubmitPostForReview(Id, "p-1"));
        account.Execute(new RejectPost(Id, "p-1", "Off brand"));
        Assert.Empty(account.State.PartnershipOrEmpty().Approvals);

        account.Execute(new SubmitPostForReview(Id, "p-1"));
        account.Execute(new ApprovePost(Id, "p-1"));
        account.At(Monday.AddHours(2)).Execute(new RejectPost(Id, "p-1", "Wrong photo"));

        Assert.Equal(new ApprovalWait("p-1", Monday, Monday.AddHours(2)), account.State.PartnershipOrEmpty().Approvals["p-1"]);
    }

    [Fact]
    public void Recommendations_accepted_count_fully_declined_half_and_ignored_not_at_all()
    {
        var account = Account();
        account.Execute(new MakeRecommendation(Id, "rec-1", "Video on Fridays", Monday.AddDays(2), "ada"));
        account.Execute(new MakeRecommendation(Id, "rec-2", "Reply within a day", Monday.AddDays(2), "ada"));
        account.Execute(new MakeRecommendation(Id, "rec-3", "Fewer hashtags", Monday.AddDays(2), "ada"));
        account.At(Monday.AddDays(1)).Execute(new AnswerRecommendation(Id, "rec-1", Accepted: true, "grace"));
        account.Execute(new AnswerRecommendation(Id, "rec-2", Accepted: false, "grace"));

        var health = HealthAt(account, Monday.AddDays(3));

        var recommendations = health.Factors.Single(f => f.Name == "recommendations");
        Assert.Equal((3, 1, 0.5m), (recommendations.Judged, recommendations.Met, recommendations.Score));
        Assert.Equal(93, health.Score);
        Assert.Contains("1 of 3 recommendations ignored past their review date.", health.Reasons);
        Assert.Contains("1 of 3 recommendations declined.", health.Reasons);
    }

    [Fact]
    public void Contacts_above_the_weekly_policy_pull_the_score_down()
    {
        // The sample contract allows two contacts a week.
        var account = Account();
        for (var i = 1; i <= 4; i++)
        {
            account.At(Monday.AddHours(i)).Execute(new RecordClientContact(Id, $"call-{i}", ContactMedium.Phone, "Call", Monday.AddHours(i), "ada"));
        }

        var health = HealthAt(account, Monday.AddDays(1));

        var contacts = health.Factors.Single(f => f.Name == "contacts");
        Assert.Equal((4, 2), (contacts.Judged, contacts.Met));
        Assert.Equal(95, health.Score);
    }

    [Fact]
    public void Facts_after_the_instant_asked_about_do_not_count()
    {
        var account = Account();
        account.Execute(new RequestContent(Id, "cr-1", "Photos", Monday.AddDays(1), "ada"));
        account.At(Monday.AddDays(2)).Execute(new DeliverContent(Id, "cr-1", "grace"));
        account.Execute(new MakeRecommendation(Id, "rec-1", "Video", Monday.AddDays(5), "ada"));
        account.At(Monday.AddDays(6)).Execute(new AnswerRecommendation(Id, "rec-1", Accepted: true, "grace"));

        var before = HealthAt(account, Monday.AddDays(5).AddHours(1));

        Assert.Equal(0m, before.Factors.Single(f => f.Name == "recommendations").Score);
        Assert.Equal(55, before.Score);
        Assert.Equal(70, HealthAt(account, Monday.AddDays(7)).Score);
    }

    [Fact]
    public void What_fell_due_more_than_ninety_days_ago_no_longer_counts()
    {
        var account = Account();
        account.Execute(new RequestContent(Id, "cr-1", "Photos", Monday.AddDays(1), "ada"));

        Assert.Equal(70, HealthAt(account, Monday.AddDays(90)).Score);
        Assert.Equal(100, HealthAt(account, Monday.AddDays(92)).Score);
    }

    [Theory]
    [InlineData(100, 60, HealthBand.Healthy)]
    [InlineData(80, 60, HealthBand.Healthy)]
    [InlineData(79, 60, HealthBand.Watch)]
    [InlineData(60, 60, HealthBand.Watch)]
    [InlineData(59, 60, HealthBand.AtRisk)]
    [InlineData(85, 90, HealthBand.AtRisk)]
    [InlineData(90, 90, HealthBand.Healthy)]
    public void Bands_follow_the_threshold(int score, int threshold, HealthBand band) =>
        Assert.Equal(band, PartnershipHealth.BandOf(score, threshold));

    [Theory]
    [InlineData(null, 50, HealthTrend.First)]
    [InlineData(50, 55, HealthTrend.Improving)]
    [InlineData(50, 54, HealthTrend.Steady)]
    [InlineData(50, 46, HealthTrend.Steady)]
    [InlineData(50, 45, HealthTrend.Declining)]
    public void A_move_of_five_points_is_a_trend(int? previous, int current, HealthTrend trend) =>
        Assert.Equal(trend, HealthTrends.Between(previous, current));
}
