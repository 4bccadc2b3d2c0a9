using System.Collections.Immutable;
using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Channels;
using PublishingCluster.Domain.Common;
using PublishingCluster.Domain.Contracts;
using PublishingCluster.Domain.Posts;
using PublishingCluster.Domain.Tests.Fixtures;

namespace PublishingCluster.Domain.Tests.Contracts;

/// <summary>The contract an account is opened on: what makes it valid, and the weekly allowance it sets per channel.</summary>
public sealed class ContractRulesTests
{
    private const string A = AccountScenario.AccountId;
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 7, 0, 0, TimeSpan.Zero); // Monday 08:00 BST
    private static readonly Contract Valid = SampleContracts.Covering(10, Network.X, Network.LinkedIn);

    [Fact]
    public void A_valid_contract_opens_the_account()
    {
        var decision = ClientAccount.Decide(AccountState.Unopened(A), new OpenAccount(A, "agency-1", "Client", Valid), Now);

        var opened = Assert.IsType<AccountOpened>(Assert.Single(decision.Events));
        Assert.Same(Valid, opened.Contract);
        Assert.Equal(Now, opened.At);
    }

    public static TheoryData<string, string, string> InvalidContracts => new()
    {
        { "empty scope", "contract.scope.empty", "contract.scope" },
        { "no posts a week", "contract.scope.posts-per-week-out-of-range", "contract.scope[0].postsPerWeek" },
        { "over 200 posts a week", "contract.scope.posts-per-week-out-of-range", "contract.scope[1].postsPerWeek" },
        { "a network twice", "contract.scope.duplicate-network", "contract.scope[2].network" },
        { "an unknown network", "contract.scope.network-unknown", "contract.scope[0].network" },
        { "no account manager", "contract.roles.account-manager-missing", "contract.roles.accountManager" },
        { "no content contact", "contract.roles.content-contact-missing", "contract.roles.clientContentContact" },
        { "a negative fee", "contract.budget.negative", "contract.budget" },
        { "a lower-case currency", "contract.budget.currency-invalid", "contract.budget.currency" },
        { "a looser limit for negative engagement", "contract.sla.negative-not-tighter", "contract.responseSla.negativeFirstResponseMinutes" },
        { "business hours in an unknown zone", "timezone.unknown", "contract.responseSla.businessHours.timeZone" },
        { "business hours closing before opening", "contract.hours.closes-before-opens", "contract.responseSla.businessHours.closes" },
        { "a goal due yesterday", "contract.goal.deadline-in-past", "contract.goals[0].deadline" },
        { "a review after the deadline", "contract.goal.review-after-deadline", "contract.goals[0].reviewPoints" },
    };

    [Theory]
    [MemberData(nameof(InvalidContracts))]
    public void An_invalid_contract_is_refused_naming_the_field(string flaw, string code, string field)
    {
        var decision = ClientAccount.Decide(AccountState.Unopened(A), new OpenAccount(A, "agency-1", "Client", WithFlaw(flaw)), Now);

        Assert.Equal(code, decision.Rejection?.Code);
        Assert.Equal(field, decision.Rejection?.Field);
        Assert.Empty(decision.Events);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(ContractRules.MaxPostsPerWeekPerChannel)]
    public void The_weekly_allowance_may_be_anything_from_one_to_the_maximum(int postsPerWeek)
    {
        Assert.Null(ContractRules.Validate(SampleContracts.Covering(postsPerWeek, Network.X), Now));
    }

    [Fact]
    public void A_contract_update_may_not_drop_a_network_with_a_connected_channel()
    {
        var account = new AccountScenario(Now, Valid);
        account.ConnectChannel("x", Network.X);

        var dropsX = account.Decide(new UpdateContract(A, SampleContracts.Covering(10, Network.LinkedIn)));
        var keepsX = account.Decide(new UpdateContract(A, SampleContracts.Covering(3, Network.X)));

        Assert.Equal("contract.scope.drops-connected-channel", dropsX.Rejection?.Code);
        Assert.IsType<ContractUpdated>(Assert.Single(keepsX.Events));
    }

    [Fact]
    public void The_next_free_slot_skips_to_the_next_week_once_the_weekly_allowance_is_used()
    {
        var account = DailySlotsAllowingTwoAWeek();

        var times = new[] { "post-1", "post-2", "post-3" }.Select(id =>
        {
            account.CreatePost(id, "x");
            return account.ScheduleInNextFreeSlot(id).Single().ScheduledAt;
        }).ToList();

        Assert.Equal([Now.AddHours(1), Now.AddDays(1).AddHours(1), Now.AddDays(7).AddHours(1)], times);
    }

    [Fact]
    public void Scheduling_into_a_full_week_is_refused_and_the_week_is_the_channels_local_week()
    {
        var account = DailySlotsAllowingTwoAWeek();
        foreach (var id in new[] { "post-1", "post-2" })
        {
            account.CreatePost(id, "x");
            account.ScheduleInNextFreeSlot(id);
        }

        account.CreatePost("post-3", "x");

        // Sunday 7 June 22:30 UTC is 23:30 BST on Sunday: still the full week.
        var sunday = account.Decide(new SchedulePost(A, "post-3", ScheduleTarget.Exactly(new DateTimeOffset(2026, 6, 7, 22, 30, 0, TimeSpan.Zero))));
        Assert.Equal("contract.scope.posts-per-week-exceeded", sunday.Rejection?.Code);
        Assert.Equal("at", sunday.Rejection?.Field);

        // Sunday 7 June 23:30 UTC is already Monday 00:30 in London: a new week.
        var monday = account.Decide(new SchedulePost(A, "post-3", ScheduleTarget.Exactly(new DateTimeOffset(2026, 6, 7, 23, 30, 0, TimeSpan.Zero))));
        Assert.True(monday.IsAccepted, $"{monday.Rejection}");
    }

    [Fact]
    public void A_cancelled_post_gives_its_place_in_the_week_back()
    {
        var account = DailySlotsAllowingTwoAWeek();
        foreach (var id in new[] { "post-1", "post-2", "post-3" })
        {
            account.CreatePost(id, "x");
        }

        account.ScheduleInNextFreeSlot("post-1");
        account.ScheduleInNextFreeSlot("post-2");
        account.Execute(new CancelPost(A, "post-2"));

        Assert.Equal(Now.AddDays(1).AddHours(1), account.ScheduleInNextFreeSlot("post-3").Single().ScheduledAt);
    }

    /// <summary>An X channel in London with a slot at 09:00 every day; the contract allows two posts a week on X.</summary>
    private static AccountScenario DailySlotsAllowingTwoAWeek()
    {
        var account = new AccountScenario(Now, SampleContracts.Covering(2, Network.X));
        account.ConnectChannel("x", Network.X, "Europe/London", slots: Enum.GetValues<DayOfWeek>().Select(d => new QueueSlot(d, new TimeOnly(9, 0))));
        return account;
    }

    private static Contract WithFlaw(string flaw)
    {
        var today = DateOnly.FromDateTime(Now.UtcDateTime);
        var hours = Valid.ResponseSla.BusinessHours;
        return flaw switch
        {
            "empty scope" => Valid with { Scope = [] },
            "no posts a week" => Valid with { Scope = Valid.Scope.SetItem(0, new ChannelScope(Network.X, 0)) },
            "over 200 posts a week" => Valid with { Scope = Valid.Scope.SetItem(1, new ChannelScope(Network.LinkedIn, ContractRules.MaxPostsPerWeekPerChannel + 1)) },
            "a network twice" => Valid with { Scope = Valid.Scope.Add(new ChannelScope(Network.X, 3)) },
            "an unknown network" => Valid with { Scope = Valid.Scope.SetItem(0, new ChannelScope((Network)42, 3)) },
            "no account manager" => Valid with { Roles = Valid.Roles with { AccountManager = " " } },
            "no content contact" => Valid with { Roles = Valid.Roles with { ClientContentContact = "" } },
            "a negative fee" => Valid with { Budget = Valid.Budget with { MonthlyFee = -1m } },
            "a lower-case currency" => Valid with { Budget = Valid.Budget with { Currency = "eur" } },
            "a looser limit for negative engagement" => Valid with { ResponseSla = Valid.ResponseSla with { NegativeFirstResponseMinutes = Valid.ResponseSla.FirstResponseMinutes + 1 } },
            "business hours in an unknown zone" => Valid with { ResponseSla = Valid.ResponseSla with { BusinessHours = hours with { TimeZone = "Europe/Atlantis" } } },
            "business hours closing before opening" => Valid with { ResponseSla = Valid.ResponseSla with { BusinessHours = hours with { Closes = hours.Opens } } },
            "a goal due yesterday" => Valid with { Goals = [new Goal("g1", GoalMetric.Followers, 10_000m, today.AddDays(-1), ImmutableList<DateOnly>.Empty)] },
            "a review after the deadline" => Valid with { Goals = [new Goal("g1", GoalMetric.EmailSignUps, 10_000m, today.AddMonths(3), [today.AddMonths(4)])] },
            _ => throw new ArgumentOutOfRangeException(nameof(flaw), flaw, null),
        };
    }
}
