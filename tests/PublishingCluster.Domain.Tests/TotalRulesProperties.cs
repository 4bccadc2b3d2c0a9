using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Channels;
using PublishingCluster.Domain.Common;
using PublishingCluster.Domain.Contracts;
using PublishingCluster.Domain.Engagement;
using PublishingCluster.Domain.Escalations;
using PublishingCluster.Domain.Posts;
using PublishingCluster.Domain.Reporting;
using PublishingCluster.Domain.Tests.Fixtures;

namespace PublishingCluster.Domain.Tests;

/// <summary>
/// The rules are total: whatever a command holds (nulls in its lists and records, undefined enum values, extreme
/// numbers, dates and strings), deciding it accepts or refuses it, and never throws. An exception inside an account
/// restarts its actor and keeps the caller waiting; a refusal is an answer.
/// </summary>
public sealed class TotalRulesProperties
{
    private const string A = AccountScenario.AccountId;
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 7, 0, 0, TimeSpan.Zero);

    private static Gen<T?> OrNull<T>(Gen<T> gen, int nullWeight = 1)
        where T : class =>
        Gen.Frequency((nullWeight, Gen.Constant<T?>(null)), (6, gen.Select(v => (T?)v)));

    private static Gen<ImmutableList<T>?> ListOf<T>(Gen<T?> element)
        where T : class =>
        OrNull(Gen.Choose(0, 4).SelectMany(n => Gen.ListOf(element, n)).Select(items => items.Select(i => i!).ToImmutableList()));

    private static readonly Gen<string> Strings = Gen.OneOf(
        Gen.Elements("", " ", "x", "Ada Lovelace", "EUR", "eur", "Europe/London", "GMT Standard Time", "../../etc/passwd", "Mars/Olympus_Mons", "a\0b", "signups", "\uD800"),
        Gen.Choose(0, 5_000).Select(n => new string('z', n)),
        Gen.Constant(new string('y', 300_000)));

    private static readonly Gen<string?> MaybeString = OrNull(Strings);

    private static readonly Gen<int> Ints = Gen.OneOf(
        Gen.Elements(int.MinValue, -1, 0, 1, 2, 30, 120, 200, 201, 10_080, 524_160, 524_161, int.MaxValue),
        Gen.Choose(-1000, 1_000_000));

    private static readonly Gen<decimal> Decimals = Gen.Elements(decimal.MinValue, -1m, 0m, 0.5m, 1m, 10_000m, ContractRules.MaxGoalValue, ContractRules.MaxGoalValue + 1, decimal.MaxValue);

    private static readonly Gen<DateOnly> Dates = Gen.OneOf(
        Gen.Elements(DateOnly.MinValue, DateOnly.MaxValue, new DateOnly(1999, 12, 31), new DateOnly(2026, 6, 1), new DateOnly(2099, 6, 30), new DateOnly(2127, 1, 1)),
        Gen.Choose(-400, 40_000).Select(d => new DateOnly(2026, 6, 1).AddDays(d)));

    private static readonly Gen<TimeOnly> Times = Gen.OneOf(
        Gen.Elements(TimeOnly.MinValue, TimeOnly.MaxValue, new TimeOnly(9, 0), new TimeOnly(9, 1), new TimeOnly(17, 0)),
        Gen.Choose(0, (24 * 60) - 1).Select(m => new TimeOnly(m / 60, m % 60)));

    private static readonly Gen<DateTimeOffset> Instants = Gen.OneOf(
        Gen.Elements(DateTimeOffset.MinValue, DateTimeOffset.MaxValue, new DateTimeOffset(1999, 12, 31, 0, 0, 0, TimeSpan.Zero), Now.AddYears(2), Now.AddYears(3)),
        Gen.Choose(-1_000_000, 1_000_000).Select(m => Now.AddMinutes(m)));

    /// <summary>An enum value: most often a defined one, sometimes one no name has.</summary>
    private static Gen<TEnum> Enums<TEnum>()
        where TEnum : struct, Enum =>
        Gen.Frequency((4, Gen.Elements(Enum.GetValues<TEnum>())), (1, Gen.Elements(-1, 42, int.MaxValue).Select(i => (TEnum)Enum.ToObject(typeof(TEnum), i))));

    private static readonly Gen<ChannelScope?> Scopes = OrNull(
        from network in Enums<Network>()
        from posts in Ints
        select new ChannelScope(network, posts));

    private static readonly Gen<Goal?> Goals = OrNull(
        from id in MaybeString
        from metric in Enums<GoalMetric>()
        from target in Decimals
        from deadline in Dates
        from points in OrNull(Gen.Choose(0, 3).SelectMany(n => Gen.ListOf(Dates, n)).Select(d => d.ToImmutableList()))
        select new Goal(id!, metric, target, deadline, points!));

    private static readonly Gen<BusinessHours?> Hours = OrNull(
        from zone in MaybeString
        from days in OrNull(Gen.Choose(0, 8).SelectMany(n => Gen.ListOf(Enums<DayOfWeek>(), n)).Select(d => d.ToImmutableList()))
        from opens in Times
        from closes in Times
        select new BusinessHours(zone!, days!, opens, closes));

    /// <summary>Contracts with any part null or extreme, and (half the time) a valid contract with one part changed.</summary>
    private static readonly Gen<Contract?> Contracts = OrNull(
        from scope in ListOf(Scopes)
        from roles in OrNull(from m in MaybeString from c in MaybeString from l in MaybeString select new Roles(m!, c!, l))
        from budget in OrNull(from fee in Decimals from currency in MaybeString from hours in Decimals from costs in Decimals select new Budget(fee, currency!, hours, costs))
        from cadence in Enums<ReportingCadence>()
        from sla in OrNull(from first in Ints from negative in Ints from hours in Hours select new ResponseSla(first, negative, hours!))
        from policy in OrNull(from medium in Enums<ContactMedium>() from max in Ints select new ContactPolicy(medium, max))
        from goals in ListOf(Goals)
        select new Contract(scope!, roles!, budget!, cadence, sla!, policy!, goals!));

    private static readonly Contract Valid = SampleContracts.AllNetworks() with
    {
        Goals = [new Goal("signups", GoalMetric.EmailSignUps, 10_000m, new DateOnly(2027, 6, 30), [new DateOnly(2027, 3, 31)])],
    };

    /// <summary>A valid contract with one or two of its parts swapped for arbitrary (often broken) ones.</summary>
    private static readonly Gen<Contract> NearlyValid =
        from arbitrary in Contracts.Where(c => c is not null).Select(c => c!)
        from part in Gen.Choose(0, 7)
        from first in Ints
        from hours in Hours
        select part switch
        {
            0 => Valid with { Scope = arbitrary.Scope },
            1 => Valid with { Roles = arbitrary.Roles },
            2 => Valid with { Budget = arbitrary.Budget },
            3 => Valid with { ResponseSla = arbitrary.ResponseSla },
            4 => Valid with { ContactPolicy = arbitrary.ContactPolicy },
            5 => Valid with { Goals = arbitrary.Goals },
            6 => Valid with { ResponseSla = new ResponseSla(first, 1, hours ?? Valid.ResponseSla.BusinessHours) },
            _ => Valid with { ReportingCadence = arbitrary.ReportingCadence },
        };

    private static readonly Gen<Contract?> AnyContract = Gen.OneOf(Contracts, NearlyValid.Select(c => (Contract?)c));

    private static readonly Gen<PostingWindow?> Windows = OrNull(from day in Enums<DayOfWeek>() from start in Times from end in Times select new PostingWindow(day, start, end));

    private static readonly Gen<QueueSlot?> Slots = OrNull(from day in Enums<DayOfWeek>() from time in Times select new QueueSlot(day, time));

    private static readonly Gen<ConnectChannel> Connects =
        from network in Enums<Network>()
        from handle in MaybeString
        from zone in MaybeString
        from windows in ListOf(Windows)
        from slots in ListOf(Slots)
        select new ConnectChannel(A, "ch-new", network, handle!, zone!, windows!, slots!);

    private static readonly Gen<VariantContent?> Variants = OrNull(
        from channel in Gen.Frequency((1, MaybeString), (3, Gen.Constant<string?>("ch-1")))
        from text in MaybeString
        from media in ListOf(MaybeString)
        select new VariantContent(channel!, text!, media!));

    private static readonly Gen<CreatePost> Creates =
        from title in MaybeString
        from variants in ListOf(Variants)
        select new CreatePost(A, "post-new", title!, variants!);

    /// <summary>
    /// An open account with an X channel (windows Monday to Friday 08:00-18:00) and a draft post on it; on a contract
    /// whose scope leaves X out, without them.
    /// </summary>
    private static AccountScenario Account(Contract? contract = null)
    {
        var account = new AccountScenario(Now, contract ?? Valid);
        account.Apply(account.Decide(new ConnectChannel(A, "ch-1", Network.X, "contoso", "Europe/London",
            [.. Enumerable.Range(1, 5).Select(d => new PostingWindow((DayOfWeek)d, new TimeOnly(8, 0), new TimeOnly(18, 0)))], [])));
        account.Apply(account.Decide(new CreatePost(A, "post-1", "Draft", [new VariantContent("ch-1", "Hello", [])])));
        return account;
    }

    private static readonly AccountState Opened = Account().State.Posts.ContainsKey("post-1")
        ? Account().State
        : throw new InvalidOperationException("The sample account has no post.");

    /// <summary>True when <paramref name="decide"/> gave a decision (an acceptance or a refusal) rather than throwing.</summary>
    private static bool Decides(Func<Decision> decide)
    {
        var decision = decide();
        return decision.IsAccepted ? decision.Rejection is null : decision.Events.IsEmpty && decision.Rejection!.Field.Length > 0;
    }

    /// <summary>True when a rule gave its answer: nothing wrong, or a refusal naming the field.</summary>
    private static bool Answers(Func<Rejection?> check) => check() is not { } rejection || rejection.Field.Length > 0;

    [Property(MaxTest = 500)]
    public Property Any_contract_is_accepted_or_refused_never_thrown_on() =>
        Prop.ForAll(Arb.From(AnyContract), contract =>
            Answers(() => ContractRules.Validate(contract!, Now))
            && Decides(() => ClientAccount.Decide(AccountState.Unopened(A), new OpenAccount(A, "agency-1", "Client", contract!), Now))
            && Decides(() => ClientAccount.Decide(Opened, new UpdateContract(A, contract!), Now)));

    [Property(MaxTest = 300)]
    public Property Any_channel_is_accepted_or_refused_never_thrown_on() =>
        Prop.ForAll(Arb.From(Connects), connect =>
            Decides(() => ClientAccount.Decide(Opened, connect, Now))
            && Answers(() => ChannelRules.Validate(new Channel("ch", connect.Network, connect.Handle, connect.TimeZone, connect.PostingWindows, connect.QueueSlots, Now))));

    [Property(MaxTest = 300)]
    public Property Any_post_is_accepted_or_refused_never_thrown_on() =>
        Prop.ForAll(Arb.From(Creates), create => Decides(() => ClientAccount.Decide(Opened, create, Now)));

    [Property(MaxTest = 200)]
    public Property Any_time_to_schedule_at_or_reading_is_accepted_or_refused_never_thrown_on() =>
        Prop.ForAll(Arb.From(Instants), Arb.From(Decimals), (at, value) =>
            Decides(() => ClientAccount.Decide(Opened, new SchedulePost(A, "post-1", ScheduleTarget.Exactly(at)), Now))
            && Decides(() => ClientAccount.Decide(Opened, new RecordGoalMeasurement(A, "signups", value, at), Now)));

    /// <summary>
    /// What a contract lets through stays workable: an account opened on any contract the rules accept answers its
    /// audience (a response deadline in business time), takes readings and closes a year of reporting periods without
    /// an exception, however extreme the accepted values.
    /// </summary>
    [Property(MaxTest = 150)]
    public Property An_accepted_contract_never_makes_the_accounts_later_work_throw() =>
        Prop.ForAll(Arb.From(NearlyValid), Arb.From(Decimals), Arb.From(Decimals), (contract, first, second) =>
        {
            if (!ClientAccount.Decide(AccountState.Unopened(A), new OpenAccount(A, "agency-1", "Client", contract), Now).IsAccepted)
            {
                return true;
            }

            var account = Account(contract);
            foreach (var sentiment in new[] { Sentiment.Negative, Sentiment.Positive })
            {
                var decided = account.Decide(new ReceiveEngagement(A, $"e-{sentiment}", "ch-1", EngagementKind.Comment, "@reader", "Where are you?", sentiment, Now));
                if (decided.IsAccepted)
                {
                    account.Apply(decided);
                }
            }

            foreach (var goal in contract.Goals.Take(3))
            {
                account.Apply(account.Decide(new RecordGoalMeasurement(A, goal.GoalId, first, Now.AddTicks(-2))));
                account.Apply(account.Decide(new RecordGoalMeasurement(A, goal.GoalId, second, Now.AddTicks(-1))));
            }

            account.Advance(TimeSpan.FromDays(400));
            return Decides(() => account.Decide(new CheckEscalations(A))) && Decides(() => account.Decide(new CloseReportingPeriods(A)));
        });

    [Fact]
    public void A_null_in_a_contract_list_is_refused_naming_its_element()
    {
        var contract = Valid with { Scope = Valid.Scope.Insert(1, null!) };

        var decision = ClientAccount.Decide(AccountState.Unopened(A), new OpenAccount(A, "agency-1", "Client", contract), Now);

        Assert.Equal("value.missing", decision.Rejection?.Code);
        Assert.Equal("contract.scope[1]", decision.Rejection?.Field);
    }

    [Fact]
    public void A_null_posting_window_or_variant_is_refused_naming_it()
    {
        var connect = new ConnectChannel(A, "ch-2", Network.LinkedIn, "contoso", "Europe/London", [null!], []);
        var create = new CreatePost(A, "post-2", "Title", [new VariantContent("ch-1", "t", []), null!]);

        Assert.Equal("postingWindows[0]", ClientAccount.Decide(Opened, connect, Now).Rejection?.Field);
        Assert.Equal("variants[1]", ClientAccount.Decide(Opened, create, Now).Rejection?.Field);
    }

    [Fact]
    public void A_response_time_a_year_of_business_hours_cannot_hold_is_refused()
    {
        var oneMinuteAWeek = new BusinessHours("Europe/London", [DayOfWeek.Monday], new TimeOnly(9, 0), new TimeOnly(9, 1));
        var contract = Valid with { ResponseSla = new ResponseSla(ContractRules.MaxResponseWeeks + 1, 1, oneMinuteAWeek) };

        var decision = ClientAccount.Decide(AccountState.Unopened(A), new OpenAccount(A, "agency-1", "Client", contract), Now);

        Assert.Equal("contract.sla.beyond-a-year", decision.Rejection?.Code);
        Assert.True(ClientAccount.Decide(AccountState.Unopened(A), new OpenAccount(A, "agency-1", "Client",
            contract with { ResponseSla = new ResponseSla(ContractRules.MaxResponseWeeks, 1, oneMinuteAWeek) }), Now).IsAccepted);
    }

    [Fact]
    public void A_reading_before_2000_and_a_time_more_than_two_years_ahead_are_refused()
    {
        Assert.Equal("goal.measured-too-early", ClientAccount.Decide(Opened, new RecordGoalMeasurement(A, "signups", 1, DateTimeOffset.MinValue), Now).Rejection?.Code);
        Assert.True(ClientAccount.Decide(Opened, new RecordGoalMeasurement(A, "signups", 1, new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero)), Now).IsAccepted);
        Assert.Equal("schedule.too-far-ahead", ClientAccount.Decide(Opened, new SchedulePost(A, "post-1", ScheduleTarget.Exactly(DateTimeOffset.MaxValue)), Now).Rejection?.Code);
        Assert.Equal("schedule.too-far-ahead", ClientAccount.Decide(Opened, new SchedulePost(A, "post-1", ScheduleTarget.Exactly(Now.AddDays(731))), Now).Rejection?.Code);
    }
}
