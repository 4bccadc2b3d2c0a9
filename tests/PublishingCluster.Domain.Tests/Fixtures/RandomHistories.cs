using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Channels;
using PublishingCluster.Domain.Contracts;
using PublishingCluster.Domain.Engagement;
using PublishingCluster.Domain.Escalations;
using PublishingCluster.Domain.Partnership;
using PublishingCluster.Domain.Posts;
using PublishingCluster.Domain.Publishing;
using PublishingCluster.Domain.Reporting;

namespace PublishingCluster.Domain.Tests.Fixtures;

/// <summary>What one generated step asks of the account; ids are small indexes so that steps often meet.</summary>
public enum StepKind
{
    Open,
    UpdateContract,
    Connect,
    Create,
    Submit,
    Approve,
    ClientApprove,
    Reject,
    ScheduleAt,
    ScheduleNextSlot,
    RescheduleAt,
    RescheduleNextSlot,
    Cancel,
    StartPublishing,
    PublishDue,
    RecordPublished,
    RecordFailed,
    RecordRetryable,
    Expire,

    /// <summary>Reporting: close the periods that ended, acknowledge a report, record a goal measurement.</summary>
    CloseReporting,
    AcknowledgeReport,
    MeasureGoal,

    /// <summary>Engagement: receive one (now and then a repeat, a clash or a bad one), answer, assign, close.</summary>
    ReceiveEngagement,
    RespondToEngagement,
    AssignEngagement,
    CloseEngagement,

    /// <summary>Escalations: the clock's check (raising breaches and climbing), acknowledging, resolving.</summary>
    CheckEscalations,
    AcknowledgeEscalation,
    ResolveEscalation,

    /// <summary>Partnership: content asked for and delivered, recommendations made and answered, contacts logged.</summary>
    RequestContent,
    DeliverContent,
    MakeRecommendation,
    AnswerRecommendation,
    RecordContact,

    /// <summary>The next command of a post's usual path, whatever it is: keeps lifecycles moving to their ends.</summary>
    Progress,
}

/// <summary>
/// One step of a generated history: the clock moves on by <see cref="MinutesLater"/>, then one command is decided.
/// <see cref="Pick"/> varies the command's details (and picks which in-flight variant a network outcome is for).
/// </summary>
public sealed record Step(StepKind Kind, int Post, int Channel, int MinutesLater, int TargetMinutes, int Pick);

/// <summary>A generated history: where the clock starts, and the steps.</summary>
public sealed record History(DateTimeOffset Start, ImmutableArray<Step> Steps)
{
    public override string ToString() => $"from {Start:O}: {string.Join("; ", Steps)}";
}

/// <summary>One decided step: the state before, the command, the decision and the state after its events.</summary>
public sealed record DecidedStep(AccountState Before, IAccountCommand Command, DateTimeOffset Now, Decision Decision, AccountState After);

/// <summary>
/// Random account histories for property tests: opening, contract changes, channel connections, posts through
/// review, scheduling (at instants, some in the past, and in queue slots that straddle clock changes), cancelling,
/// publishing with network outcomes, and reporting (periods closing, acknowledgements, goal measurements), while
/// the clock advances by minutes to weeks.
/// </summary>
public static class RandomHistories
{
    public const string AccountId = "acc-prop";

    private static readonly Network[] ContractNetworks = [Network.X, Network.LinkedIn, Network.TikTok];

    // Starts just before a clock change (London, New York, autumn) or in plain summer.
    private static readonly DateTimeOffset[] Starts =
    [
        new(2026, 3, 5, 12, 0, 0, TimeSpan.Zero),
        new(2026, 3, 26, 12, 0, 0, TimeSpan.Zero),
        new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero),
        new(2026, 10, 22, 12, 0, 0, TimeSpan.Zero),
    ];

    private static readonly Gen<Step> StepGen =
        from kind in Gen.Frequency(
            (1, Gen.Constant(StepKind.Open)),
            (1, Gen.Constant(StepKind.UpdateContract)),
            (3, Gen.Constant(StepKind.Connect)),
            (5, Gen.Constant(StepKind.Create)),
            (7, Gen.Constant(StepKind.Submit)),
            (7, Gen.Constant(StepKind.Approve)),
            (7, Gen.Constant(StepKind.ClientApprove)),
            (1, Gen.Constant(StepKind.Reject)),
            (4, Gen.Constant(StepKind.ScheduleAt)),
            (4, Gen.Constant(StepKind.ScheduleNextSlot)),
            (1, Gen.Constant(StepKind.RescheduleAt)),
            (1, Gen.Constant(StepKind.RescheduleNextSlot)),
            (1, Gen.Constant(StepKind.Cancel)),
            (3, Gen.Constant(StepKind.StartPublishing)),
            (15, Gen.Constant(StepKind.PublishDue)),
            (7, Gen.Constant(StepKind.RecordPublished)),
            (2, Gen.Constant(StepKind.RecordFailed)),
            (4, Gen.Constant(StepKind.RecordRetryable)),
            (1, Gen.Constant(StepKind.Expire)),
            (15, Gen.Constant(StepKind.Progress)),
            (2, Gen.Constant(StepKind.CloseReporting)),
            (1, Gen.Constant(StepKind.AcknowledgeReport)),
            (1, Gen.Constant(StepKind.MeasureGoal)),
            (4, Gen.Constant(StepKind.ReceiveEngagement)),
            (2, Gen.Constant(StepKind.RespondToEngagement)),
            (1, Gen.Constant(StepKind.AssignEngagement)),
            (1, Gen.Constant(StepKind.CloseEngagement)),
            (3, Gen.Constant(StepKind.CheckEscalations)),
            (1, Gen.Constant(StepKind.AcknowledgeEscalation)),
            (1, Gen.Constant(StepKind.ResolveEscalation)),
            (2, Gen.Constant(StepKind.RequestContent)),
            (1, Gen.Constant(StepKind.DeliverContent)),
            (1, Gen.Constant(StepKind.MakeRecommendation)),
            (1, Gen.Constant(StepKind.AnswerRecommendation)),
            (2, Gen.Constant(StepKind.RecordContact)))
        from post in Gen.Choose(0, 4)
        from channel in Gen.Choose(0, 3)
            // Closing periods comes with jumps of days to a month, so that weeks, months and quarters end;
            // checking escalations with jumps past deadlines and rungs.
        from minutes in kind == StepKind.CloseReporting
            ? Gen.Elements(0, 4320, 10080, 44640)
            : kind == StepKind.CheckEscalations
            ? Gen.Elements(0, 45, 300, 1500)
            : Gen.Frequency(
                (8, Gen.Constant(0)),
                (4, Gen.Elements(1, 7, 45)),
                (3, Gen.Elements(180, 600)),
                (1, Gen.Elements(1440, 3000)))
        from target in Gen.Elements(-30, 0, 1, 30, 90, 600, 1500, 4320, 10080)
        from pick in Gen.Choose(0, 20)
        select new Step(kind, post, channel, minutes, target, pick);

    /// <summary>
    /// Histories of up to 100 steps. Most begin by opening the account and connecting a channel, so that later
    /// steps mean something; the rest show that an unopened account refuses everything.
    /// </summary>
    public static Gen<History> Histories { get; } =
        from start in Gen.Elements(Starts)
        from opensFirst in Gen.Frequency((9, Gen.Constant(true)), (1, Gen.Constant(false)))
        from firstChannel in Gen.Choose(0, 2)
        from length in Gen.Choose(0, 100)
        from steps in Gen.ListOf(StepGen, length)
        select new History(start, opensFirst
            ? [new Step(StepKind.Open, 0, 0, 0, 0, 0), new Step(StepKind.Connect, 0, firstChannel, 0, 0, 0), .. steps]
            : [.. steps]);

    public static Arbitrary<History> Arbitrary { get; } = Arb.From(Histories);

    /// <summary>Decides every step in order, applying the events of the accepted ones.</summary>
    public static IReadOnlyList<DecidedStep> Run(History history)
    {
        var state = AccountState.Unopened(AccountId);
        var now = history.Start;
        var decided = new List<DecidedStep>(history.Steps.Length);
        foreach (var step in history.Steps)
        {
            now = now.AddMinutes(step.MinutesLater);
            var command = CommandFor(step, state, now);
            var decision = ClientAccount.Decide(state, command, now);
            var after = decision.Events.Aggregate(state, ClientAccount.Evolve);
            decided.Add(new DecidedStep(state, command, now, decision, after));
            state = after;
        }

        return decided;
    }

    public static Contract ContractAllowing(int postsPerWeek) => SampleContracts.Covering(postsPerWeek, ContractNetworks) with
    {
        // Every cadence, by the allowance's parity and size; one goal for measurements.
        ReportingCadence = (ReportingCadence)(postsPerWeek % 3),
        Goals = [new Goal("signups", GoalMetric.EmailSignUps, 1000, new DateOnly(2030, 12, 31), [])],
    };

    /// <summary>A report the account has, mostly; now and then one it does not.</summary>
    private static string ReportFor(AccountState state, Step step)
    {
        var reports = state.ReportingOrEmpty().Reports.Keys.ToList();
        return reports.Count == 0 || step.Post == 4 ? "weekly-2020-01-06" : reports[step.Pick % reports.Count];
    }

    private static IAccountCommand CommandFor(Step step, AccountState state, DateTimeOffset now)
    {
        var channelId = $"ch-{step.Channel}";
        var target = ScheduleTarget.Exactly(now.AddMinutes(step.TargetMinutes));
        string PostIn(Func<Post, bool> fits) => PostFor(state, step, fits);
        return step.Kind switch
        {
            StepKind.Open => new OpenAccount(AccountId, "agency-prop", "Generated client", ContractAllowing(3 + step.Pick)),

            // Sometimes narrows the scope to X alone, which is refused once another network has a channel.
            StepKind.UpdateContract => new UpdateContract(AccountId, step.Pick % 3 == 0
                ? SampleContracts.Covering(1 + (step.Pick % 5), Network.X)
                : ContractAllowing(1 + (step.Pick % 5))),
            StepKind.Connect => ConnectCommand(step.Channel),
            StepKind.Create => new CreatePost(AccountId, $"p-{step.Post}", $"Post {step.Post}", VariantsFor(step, state)),
            StepKind.Submit => new SubmitPostForReview(AccountId, PostIn(p => p.Status == PostStatus.Draft)),
            StepKind.Approve => new ApprovePost(AccountId, PostIn(p => p.Status == PostStatus.InReview)),
            StepKind.ClientApprove => new ClientApprovePost(AccountId, PostIn(p => p.Status == PostStatus.AwaitingClient)),
            StepKind.Reject => new RejectPost(AccountId, PostIn(p => p.Status is PostStatus.InReview or PostStatus.AwaitingClient), "Needs another pass."),
            StepKind.ScheduleAt => new SchedulePost(AccountId, PostIn(p => p.FirstScheduledAt is null && (p.Status == PostStatus.Approved || step.Pick % 6 == 0)), target),
            StepKind.ScheduleNextSlot => new SchedulePost(AccountId, PostIn(p => p.FirstScheduledAt is null && (p.Status == PostStatus.Approved || step.Pick % 6 == 0)), ScheduleTarget.NextFreeSlot),
            StepKind.RescheduleAt => new ReschedulePost(AccountId, PostIn(p => p.FirstScheduledAt is not null), target),
            StepKind.RescheduleNextSlot => new ReschedulePost(AccountId, PostIn(p => p.FirstScheduledAt is not null), ScheduleTarget.NextFreeSlot),
            StepKind.Cancel => new CancelPost(AccountId, PostIn(p => !p.Status.IsFinal()), step.Pick % 2 == 0 ? null : "Dropped."),
            StepKind.StartPublishing => StartCommand(state, step, now),
            StepKind.PublishDue => new PublishDue(AccountId),
            StepKind.RecordPublished => InFlight(state, step, channelId) switch
            {
                var (p, c) => new RecordPublished(AccountId, p, c, $"ext-{p}-{c}"),
            },
            StepKind.RecordFailed => InFlight(state, step, channelId) switch
            {
                var (p, c) => new RecordPublishFailed(AccountId, p, c, "Rejected by the network.", NeedsHuman: step.Pick % 2 == 0),
            },
            StepKind.RecordRetryable => InFlight(state, step, channelId) switch
            {
                var (p, c) => new RecordPublishRetryable(AccountId, p, c, "HTTP 503",
                    RetryAfter: step.Pick % 4 == 0 ? TimeSpan.FromMinutes(step.Pick) : null, Immediately: step.Pick % 5 == 0),
            },
            StepKind.Expire => new ExpirePost(AccountId, PostIn(p => p.Status.IsAwaitingApproval() && p.FirstScheduledAt is not null)),
            StepKind.Progress => Progress(state, step, now),
            StepKind.ReceiveEngagement => ReceiveCommand(step, now),
            StepKind.RespondToEngagement => new RespondToEngagement(AccountId, EngagementFor(state, step), "ada", step.Pick % 9 == 0 ? " " : "Thanks for telling us."),
            StepKind.AssignEngagement => new AssignEngagement(AccountId, EngagementFor(state, step), step.Pick % 2 == 0 ? "ada" : "grace"),
            StepKind.CloseEngagement => new CloseEngagement(AccountId, EngagementFor(state, step), "ada"),
            StepKind.CheckEscalations => new CheckEscalations(AccountId),
            StepKind.AcknowledgeEscalation => new AcknowledgeEscalation(AccountId, EscalationFor(state, step), step.Pick % 9 == 0 ? "" : "ada"),
            StepKind.ResolveEscalation => new ResolveEscalation(AccountId, EscalationFor(state, step), "ada"),
            StepKind.CloseReporting => new CloseReportingPeriods(AccountId),
            StepKind.AcknowledgeReport => new AcknowledgeReport(AccountId, ReportFor(state, step), step.Pick % 7 == 0 ? " " : "client"),
            StepKind.MeasureGoal => new RecordGoalMeasurement(AccountId, step.Post == 4 ? "no-such-goal" : "signups", step.Pick - 2, now.AddMinutes(-step.TargetMinutes)),
            // Due dates mostly ahead, some in the past (refused); index 4 reuses id 0 with other words (refused).
            StepKind.RequestContent => new RequestContent(AccountId, step.Post == 4 ? "cr-0" : $"cr-{step.Pick}",
                step.Post == 4 ? "Other photos" : "Photos of the spring range", now.AddMinutes(step.TargetMinutes), "ada"),
            StepKind.DeliverContent => new DeliverContent(AccountId, PartnershipIdFor(state.PartnershipOrEmpty().ContentRequests.Keys, step, "cr-missing"), "grace"),
            StepKind.MakeRecommendation => new MakeRecommendation(AccountId, step.Post == 4 ? "rec-0" : $"rec-{step.Pick}",
                step.Post == 4 ? "Other advice" : "Post video on Fridays", now.AddMinutes(step.TargetMinutes), "ada"),
            StepKind.AnswerRecommendation => new AnswerRecommendation(AccountId,
                PartnershipIdFor(state.PartnershipOrEmpty().Recommendations.Keys, step, "rec-missing"), Accepted: step.Pick % 3 != 0, "grace"),
            // Contacts mostly now or a little earlier, so weeks fill up past the policy; some from the future (refused).
            StepKind.RecordContact => new RecordClientContact(AccountId, $"contact-{step.Pick}", (ContactMedium)(step.Pick % 4), "Weekly call",
                now.AddMinutes(-Math.Min(step.TargetMinutes, 600)), "ada"),
            _ => throw new ArgumentOutOfRangeException(nameof(step), step.Kind, null),
        };
    }

    private static string PartnershipIdFor(IEnumerable<string> known, Step step, string missing)
    {
        var ids = known.ToList();
        return ids.Count == 0 || step.Post == 4 ? missing : ids[step.Pick % ids.Count];
    }

    /// <summary>
    /// Engagements on the first channels, mostly negative (so spikes and tight deadlines happen), some received a
    /// while ago; index 4 repeats engagement 0's id with other content, and a few arrive from the future.
    /// </summary>
    private static ReceiveEngagement ReceiveCommand(Step step, DateTimeOffset now)
    {
        var texts = new[] { "Terrible, I want a refund", "Love it", "When do you open?", "The order was late and cold" };
        var id = step.Post == 4 ? "e-0" : $"e-{step.Pick}";
        var text = step.Post == 4 ? "Different words" : texts[step.Pick % texts.Length];
        Sentiment? sentiment = step.Pick % 5 == 0 ? Sentiment.Negative : null;
        return new ReceiveEngagement(AccountId, id, $"ch-{step.Channel % 2}", (EngagementKind)(step.Pick % 4), "@someone", text, sentiment,
            now.AddMinutes(-Math.Max(step.TargetMinutes, -1)));
    }

    private static string EngagementFor(AccountState state, Step step)
    {
        var ids = state.EngagementOrEmpty().Engagements.Keys.ToList();
        return ids.Count == 0 || step.Post == 4 ? "e-missing" : ids[step.Pick % ids.Count];
    }

    private static string EscalationFor(AccountState state, Step step)
    {
        var ids = state.EngagementOrEmpty().Escalations.Keys.ToList();
        return ids.Count == 0 || step.Post == 4 ? "sla-breach-e-missing" : ids[step.Pick % ids.Count];
    }

    /// <summary>
    /// Steering, so that long lifecycles happen: most steps address a post for which the command makes sense, if
    /// there is one; post index 4 always takes its id literally, which keeps missing posts and wrong statuses coming.
    /// </summary>
    private static string PostFor(AccountState state, Step step, Func<Post, bool> fits)
    {
        if (step.Post < 4)
        {
            var fitting = state.Posts.Values.Where(fits).ToList();
            if (fitting.Count > 0)
            {
                return fitting[step.Pick % fitting.Count].PostId;
            }
        }

        return $"p-{step.Post}";
    }

    private static IAccountCommand Progress(AccountState state, Step step, DateTimeOffset now)
    {
        var open = state.Posts.Values.Where(p => !p.Status.IsFinal()).ToList();
        if (open.Count == 0)
        {
            return CommandFor(step with { Kind = StepKind.Create }, state, now);
        }

        var post = open[step.Pick % open.Count];
        var target = step.Pick % 2 == 0 ? ScheduleTarget.NextFreeSlot : ScheduleTarget.Exactly(now.AddMinutes(Math.Abs(step.TargetMinutes) + 1));
        var inFlight = post.Variants.Values.FirstOrDefault(v => v.Delivery == VariantDelivery.Publishing);
        return post.Status switch
        {
            PostStatus.Draft => new SubmitPostForReview(AccountId, post.PostId),
            PostStatus.InReview => new ApprovePost(AccountId, post.PostId),
            PostStatus.AwaitingClient when post.FirstScheduledAt is { } due && due <= now => new ReschedulePost(AccountId, post.PostId, target),
            PostStatus.AwaitingClient => new ClientApprovePost(AccountId, post.PostId),
            PostStatus.Approved => new SchedulePost(AccountId, post.PostId, target),
            _ when inFlight is not null && step.Pick % 6 == 0 => new RecordPublishRetryable(AccountId, post.PostId, inFlight.ChannelId, "HTTP 503"),
            _ when inFlight is not null && step.Pick % 6 == 1 => new RecordPublishFailed(AccountId, post.PostId, inFlight.ChannelId, "Rejected by the network."),
            _ when inFlight is not null => new RecordPublished(AccountId, post.PostId, inFlight.ChannelId, $"ext-{post.PostId}-{inFlight.ChannelId}"),
            _ => new PublishDue(AccountId),
        };
    }

    private static StartPublishing StartCommand(AccountState state, Step step, DateTimeOffset now)
    {
        var due = (from post in state.Posts.Values
                   from variant in post.Variants.Values
                   where variant.DueAt <= now
                   select (post.PostId, variant.ChannelId)).ToList();
        return step.Post < 4 && due.Count > 0
            ? new StartPublishing(AccountId, due[step.Pick % due.Count].PostId, due[step.Pick % due.Count].ChannelId)
            : new StartPublishing(AccountId, $"p-{step.Post}", $"ch-{step.Channel}");
    }

    /// <summary>A network outcome is most useful for a variant that is in flight: pick one if there is any.</summary>
    private static (string PostId, string ChannelId) InFlight(AccountState state, Step step, string channelId)
    {
        var inFlight = PublishingSchedule.InFlight(state).ToList();
        return inFlight.Count == 0
            ? ($"p-{step.Post}", channelId)
            : (inFlight[step.Pick % inFlight.Count].Post.PostId, inFlight[step.Pick % inFlight.Count].Variant.ChannelId);
    }

    /// <summary>Three channels in three zones with slots that meet clock changes, and one that cannot connect.</summary>
    private static ConnectChannel ConnectCommand(int channel) => channel switch
    {
        0 => new ConnectChannel(AccountId, "ch-0", Network.X, "@gen-x", "Europe/London", [],
            [new QueueSlot(DayOfWeek.Monday, new TimeOnly(9, 0)), new QueueSlot(DayOfWeek.Wednesday, new TimeOnly(9, 0)), new QueueSlot(DayOfWeek.Sunday, new TimeOnly(1, 30))]),
        1 => new ConnectChannel(AccountId, "ch-1", Network.LinkedIn, "@gen-li", "America/New_York",
            [.. Weekdays.Select(d => new PostingWindow(d, new TimeOnly(8, 0), new TimeOnly(18, 0)))],
            [new QueueSlot(DayOfWeek.Tuesday, new TimeOnly(10, 0)), new QueueSlot(DayOfWeek.Thursday, new TimeOnly(17, 30))]),
        2 => new ConnectChannel(AccountId, "ch-2", Network.TikTok, "@gen-tt", "Asia/Tokyo", [],
            [.. Enum.GetValues<DayOfWeek>().Select(d => new QueueSlot(d, new TimeOnly(12, 0)))]),
        _ => new ConnectChannel(AccountId, "ch-3", Network.Bluesky, "@gen-bsky", "Europe/Nowhere", [], []),
    };

    private static IEnumerable<DayOfWeek> Weekdays =>
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    /// <summary>
    /// One or two of the connected channels; now and then a text too long for X, or (channel index 3, or
    /// nothing connected yet) a channel that is not connected.
    /// </summary>
    private static ImmutableList<VariantContent> VariantsFor(Step step, AccountState state)
    {
        var text = step.Pick % 7 == 0 ? new string('x', 281) : $"Generated post {step.Post}";
        var connected = state.Channels.Keys.ToList();
        var channels = step.Channel == 3 || connected.Count == 0
            ? [$"ch-{step.Channel}"]
            : new[] { connected[step.Pick % connected.Count], connected[(step.Pick + 1) % connected.Count] }.Take(step.Pick % 2 + 1).Distinct();
        return [.. channels.Select(c => new VariantContent(c, text, []))];
    }
}
