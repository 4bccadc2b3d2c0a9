using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Channels;
using PublishingCluster.Domain.Common;
using PublishingCluster.Domain.Engagement;
using PublishingCluster.Domain.Tests.Fixtures;

namespace PublishingCluster.Domain.Tests.Engagement;

public sealed class EngagementDecisionsTests
{
    // Monday 1 March 2027, 10:00 in London; the sample contract answers in 120 business minutes, 30 when negative.
    private static readonly DateTimeOffset Monday = new(2027, 3, 1, 10, 0, 0, TimeSpan.Zero);

    private static AccountScenario Account()
    {
        var account = new AccountScenario(Monday);
        account.ConnectChannel("ch-x", Network.X);
        return account;
    }

    private static ReceiveEngagement Comment(string id, string text = "What time do you open?", Sentiment? sentiment = null, DateTimeOffset? at = null) =>
        new(AccountScenario.AccountId, id, "ch-x", EngagementKind.Comment, "@reader", text, sentiment, at ?? Monday);

    [Fact]
    public void A_received_engagement_is_classified_and_gets_its_deadline_from_the_contracts_SLA()
    {
        var account = Account();

        var received = Assert.IsType<EngagementReceived>(Assert.Single(account.Execute(Comment("e-1", "The coffee was cold and the staff rude"))));

        Assert.Equal(Sentiment.Negative, received.Sentiment);
        Assert.Equal(Monday.AddMinutes(30), received.RespondBy);
        var neutral = Assert.IsType<EngagementReceived>(Assert.Single(account.Execute(Comment("e-2", sentiment: Sentiment.Neutral))));
        Assert.Equal(Monday.AddMinutes(120), neutral.RespondBy);
        Assert.True(account.State.EngagementOrEmpty().Engagements["e-1"].AwaitsFirstResponse());
    }

    [Fact]
    public void The_same_engagement_again_changes_nothing_and_the_same_id_with_other_content_is_refused()
    {
        var account = Account();
        account.Execute(Comment("e-1"));

        var repeat = account.Decide(Comment("e-1"));
        var other = account.Decide(Comment("e-1", "Something else"));

        Assert.True(repeat.IsAccepted);
        Assert.Empty(repeat.Events);
        Assert.Equal(RejectionKind.Lifecycle, other.Rejection?.Kind);
        Assert.Equal("engagement.id-taken", other.Rejection?.Code);
    }

    [Theory]
    [InlineData("", "@reader", "Hello", "engagementId", "engagement.id-invalid")]
    [InlineData("e-1", " ", "Hello", "author", "engagement.author-missing")]
    [InlineData("e-1", "@reader", "", "text", "engagement.text-missing")]
    [InlineData("e-1", "@reader", null, "text", "engagement.text-too-long")]
    public void Bad_engagements_are_refused_naming_the_field(string id, string author, string? text, string field, string code)
    {
        var command = Comment(id, text ?? new string('x', EngagementDecisions.MaxTextLength + 1)) with { Author = author };

        var decision = Account().Decide(command);

        Assert.Equal(RejectionKind.Validation, decision.Rejection?.Kind);
        Assert.Equal((field, code), (decision.Rejection!.Field, decision.Rejection.Code));
    }

    [Fact]
    public void An_engagement_from_the_future_or_a_year_ago_or_on_an_unknown_channel_is_refused()
    {
        var account = Account();

        var future = account.Decide(Comment("e-1", at: Monday.AddMinutes(1)));
        var unknown = account.Decide(Comment("e-1") with { ChannelId = "ch-none" });
        var ancient = account.Decide(Comment("e-1", at: Monday.AddDays(-366)));

        Assert.Equal((RejectionKind.Rule, "engagement.received-in-future"), (future.Rejection?.Kind, future.Rejection?.Code));
        Assert.Equal((RejectionKind.NotFound, "channel.not-found"), (unknown.Rejection?.Kind, unknown.Rejection?.Code));
        Assert.Equal((RejectionKind.Rule, "engagement.received-too-long-ago"), (ancient.Rejection?.Kind, ancient.Rejection?.Code));
    }

    [Fact]
    public void An_engagement_is_answered_assigned_and_closed_and_a_closed_one_takes_no_answer()
    {
        var account = Account();
        account.Execute(Comment("e-1"));

        account.Execute(new AssignEngagement(AccountScenario.AccountId, "e-1", "ada"));
        account.Advance(TimeSpan.FromMinutes(5)).Execute(new RespondToEngagement(AccountScenario.AccountId, "e-1", "ada", "From 8 every day."));
        account.Execute(new CloseEngagement(AccountScenario.AccountId, "e-1", "ada"));

        var item = account.State.EngagementOrEmpty().Engagements["e-1"];
        Assert.Equal("ada", item.AssignedTo);
        Assert.Equal(Monday.AddMinutes(5), Assert.Single(item.Responses).At);
        Assert.Equal(Monday.AddMinutes(5), item.ClosedAt);
        var late = account.Decide(new RespondToEngagement(AccountScenario.AccountId, "e-1", "ada", "Also on Sundays."));
        Assert.Equal((RejectionKind.Lifecycle, "engagement.closed"), (late.Rejection?.Kind, late.Rejection?.Code));
        var reassign = account.Decide(new AssignEngagement(AccountScenario.AccountId, "e-1", "grace"));
        Assert.Equal("engagement.closed", reassign.Rejection?.Code);
        Assert.Empty(account.Decide(new CloseEngagement(AccountScenario.AccountId, "e-1", "ada")).Events);
    }

    [Fact]
    public void Assigning_to_whoever_has_it_changes_nothing()
    {
        var account = Account();
        account.Execute(Comment("e-1"));
        account.Execute(new AssignEngagement(AccountScenario.AccountId, "e-1", "ada"));

        var again = account.Decide(new AssignEngagement(AccountScenario.AccountId, "e-1", "ada"));

        Assert.True(again.IsAccepted);
        Assert.Empty(again.Events);
    }

    [Fact]
    public void Unknown_engagements_and_missing_names_are_refused()
    {
        var account = Account();
        account.Execute(Comment("e-1"));

        Assert.Equal("engagement.not-found", account.Decide(new RespondToEngagement(AccountScenario.AccountId, "e-9", "ada", "Hi")).Rejection?.Code);
        Assert.Equal("engagement.not-found", account.Decide(new AssignEngagement(AccountScenario.AccountId, "e-9", "ada")).Rejection?.Code);
        Assert.Equal("engagement.not-found", account.Decide(new CloseEngagement(AccountScenario.AccountId, "e-9", "ada")).Rejection?.Code);
        Assert.Equal(RejectionKind.NotFound, account.Decide(new CloseEngagement(AccountScenario.AccountId, "e-9", "ada")).Rejection?.Kind);
        Assert.Equal("engagement.text-missing", account.Decide(new RespondToEngagement(AccountScenario.AccountId, "e-1", "ada", " ")).Rejection?.Code);
        Assert.Equal("engagement.by-missing", account.Decide(new RespondToEngagement(AccountScenario.AccountId, "e-1", "", "Hi")).Rejection?.Code);
        Assert.Equal("engagement.assignee-missing", account.Decide(new AssignEngagement(AccountScenario.AccountId, "e-1", "")).Rejection?.Code);
        Assert.Equal("engagement.by-missing", account.Decide(new CloseEngagement(AccountScenario.AccountId, "e-1", " ")).Rejection?.Code);
    }
}
