using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Channels;
using PublishingCluster.Domain.Posts;
using PublishingCluster.Domain.Publishing;
using PublishingCluster.Domain.Tests.Fixtures;

namespace PublishingCluster.Domain.Tests.Posts;

/// <summary>
/// Every lifecycle command against a post in every status it can be in: which moves are allowed, where they
/// lead, and with which code the others are refused.
/// </summary>
public sealed class PostLifecycleTests
{
    private const string A = AccountScenario.AccountId;
    private const string PostId = "post-1";
    private const string ChannelId = "x-main";

    // Monday 1 June 2026: the post is written at 08:00, due at 10:00, and every command is decided at 10:05,
    // when a scheduled post is due (inside the lateness limit) and an unapproved timed one has missed its time.
    private static readonly DateTimeOffset Written = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Due = Written.AddHours(2);
    private static readonly DateTimeOffset Decided = Due.AddMinutes(5);

    /// <summary>Where the post stands when the command arrives.</summary>
    public enum Stage
    {
        Draft,
        InReview,
        AwaitingClient,

        /// <summary>Awaiting the client, with a time that has already passed (not yet expired by the clock).</summary>
        AwaitingClientPastDue,
        Approved,
        Scheduled,
        Publishing,
        Published,
        Failed,
        Expired,
        Cancelled,
    }

    public enum Act
    {
        Submit,
        AgencyApprove,
        ClientApprove,
        Reject,
        Schedule,
        Reschedule,
        Cancel,
        StartPublishing,
        RecordPublished,
        RecordFailed,
        RecordRetryable,
        Expire,
    }

    private sealed record Expectation(PostStatus? Status, string? Code);

    private static Expectation To(PostStatus status) => new(status, null);

    private static Expectation Refused(string code) => new(null, code);

    /// <summary>The lifecycle, as a table: the first matching row decides.</summary>
    private static Expectation Expected(Stage stage, Act act) => (act, stage) switch
    {
        (Act.Submit, Stage.Draft) => To(PostStatus.InReview),
        (Act.Submit, _) => Refused("post.wrong-status"),

        (Act.AgencyApprove, Stage.InReview) => To(PostStatus.AwaitingClient),
        (Act.AgencyApprove, _) => Refused("post.wrong-status"),

        (Act.ClientApprove, Stage.AwaitingClient) => To(PostStatus.Approved),
        (Act.ClientApprove, Stage.AwaitingClientPastDue) => Refused("post.approval-too-late"),
        (Act.ClientApprove, _) => Refused("post.wrong-status"),

        (Act.Reject, Stage.InReview or Stage.AwaitingClient or Stage.AwaitingClientPastDue) => To(PostStatus.Draft),
        (Act.Reject, _) => Refused("post.wrong-status"),

        // A post may be put in the calendar before approval; only an approved one becomes Scheduled.
        (Act.Schedule, Stage.Draft) => To(PostStatus.Draft),
        (Act.Schedule, Stage.InReview) => To(PostStatus.InReview),
        (Act.Schedule, Stage.AwaitingClient) => To(PostStatus.AwaitingClient),
        (Act.Schedule, Stage.Approved) => To(PostStatus.Scheduled),
        (Act.Schedule, Stage.Scheduled or Stage.AwaitingClientPastDue) => Refused("post.already-scheduled"),
        (Act.Schedule, _) => Refused("post.wrong-status"),

        (Act.Reschedule, Stage.Scheduled) => To(PostStatus.Scheduled),
        (Act.Reschedule, Stage.AwaitingClientPastDue) => To(PostStatus.AwaitingClient),
        (Act.Reschedule, Stage.Draft or Stage.InReview or Stage.AwaitingClient or Stage.Approved) => Refused("post.not-scheduled"),
        (Act.Reschedule, _) => Refused("post.wrong-status"),

        (Act.Cancel, Stage.Draft or Stage.InReview or Stage.AwaitingClient or Stage.AwaitingClientPastDue or Stage.Approved or Stage.Scheduled) => To(PostStatus.Cancelled),
        (Act.Cancel, _) => Refused("post.wrong-status"),

        (Act.StartPublishing, Stage.Scheduled) => To(PostStatus.Publishing),
        (Act.StartPublishing, _) => Refused("publishing.not-ready"),

        (Act.RecordPublished, Stage.Publishing) => To(PostStatus.Published),
        (Act.RecordPublished, _) => Refused("publishing.not-in-flight"),

        (Act.RecordFailed, Stage.Publishing) => To(PostStatus.Failed),
        (Act.RecordFailed, _) => Refused("publishing.not-in-flight"),

        // A passing failure puts the variant back in the queue for a retry.
        (Act.RecordRetryable, Stage.Publishing) => To(PostStatus.Scheduled),
        (Act.RecordRetryable, _) => Refused("publishing.not-in-flight"),

        (Act.Expire, Stage.AwaitingClientPastDue) => To(PostStatus.Expired),
        (Act.Expire, Stage.Draft or Stage.InReview or Stage.AwaitingClient) => Refused("post.not-due"),
        (Act.Expire, _) => Refused("post.wrong-status"),

        _ => throw new ArgumentOutOfRangeException(nameof(act), act, null),
    };

    private static IEnumerable<(Stage Stage, Act Act, Expectation Expected)> Table =>
        from stage in Enum.GetValues<Stage>()
        from act in Enum.GetValues<Act>()
        select (stage, act, Expected(stage, act));

    public static TheoryData<Stage, Act, PostStatus> AllowedMoves()
    {
        var data = new TheoryData<Stage, Act, PostStatus>();
        foreach (var (stage, act, expected) in Table.Where(r => r.Expected.Status is not null))
        {
            data.Add(stage, act, expected.Status!.Value);
        }

        return data;
    }

    public static TheoryData<Stage, Act, string> RefusedMoves()
    {
        var data = new TheoryData<Stage, Act, string>();
        foreach (var (stage, act, expected) in Table.Where(r => r.Expected.Code is not null))
        {
            data.Add(stage, act, expected.Code!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllowedMoves))]
    public void An_allowed_move_yields_one_event_and_leads_to_the_expected_status(Stage stage, Act act, PostStatus expected)
    {
        var account = AccountIn(stage);

        var decision = account.Decide(CommandFor(act, account.Now));

        Assert.True(decision.IsAccepted, $"{act} on a {stage} post was refused: {decision.Rejection}");
        Assert.Single(decision.Events);
        var after = decision.Events.Aggregate(account.State, ClientAccount.Evolve);
        Assert.Equal(expected, after.Posts[PostId].Status);
        Assert.Equal(account.State.Version + 1, after.Version);
    }

    [Theory]
    [MemberData(nameof(RefusedMoves))]
    public void A_refused_move_yields_its_code_and_no_event_and_leaves_the_post_as_it_was(Stage stage, Act act, string code)
    {
        var account = AccountIn(stage);
        var before = CanonicalJson.Of(account.State);

        var decision = account.Decide(CommandFor(act, account.Now));

        Assert.False(decision.IsAccepted, $"{act} on a {stage} post was accepted with {string.Join(", ", decision.Events)}");
        Assert.Equal(code, decision.Rejection!.Code);
        Assert.Empty(decision.Events);
        Assert.Equal(before, CanonicalJson.Of(account.State));
        Assert.Equal(StatusOf(stage), account.Post(PostId).Status);
    }

    [Fact]
    public void Every_stage_of_the_table_is_reached_by_its_setup()
    {
        // Guards the table: a setup that silently landed elsewhere would make its rows test the wrong thing.
        foreach (var stage in Enum.GetValues<Stage>())
        {
            Assert.Equal(StatusOf(stage), AccountIn(stage).Post(PostId).Status);
        }
    }

    [Fact]
    public void A_post_walks_from_draft_to_published_one_event_per_step()
    {
        var account = new AccountScenario(Written);
        account.ConnectChannel(ChannelId, Network.X);
        account.CreatePost(PostId, ChannelId);

        var walk = new (IAccountCommand Command, Type Event, PostStatus Status)[]
        {
            (new SubmitPostForReview(A, PostId), typeof(PostSubmittedForReview), PostStatus.InReview),
            (new ApprovePost(A, PostId), typeof(PostApprovedByAgency), PostStatus.AwaitingClient),
            (new ClientApprovePost(A, PostId), typeof(PostApprovedByClient), PostStatus.Approved),
            (new SchedulePost(A, PostId, ScheduleTarget.Exactly(Due)), typeof(PostScheduled), PostStatus.Scheduled),
        };
        foreach (var (command, eventType, status) in walk)
        {
            Assert.IsType(eventType, Assert.Single(account.Execute(command)));
            Assert.Equal(status, account.Post(PostId).Status);
        }

        account.At(Due);
        Assert.IsType<VariantPublishingStarted>(Assert.Single(account.PublishDue()));
        Assert.Equal(PostStatus.Publishing, account.Post(PostId).Status);
        Assert.Equal($"{A}/{PostId}/{ChannelId}", ((VariantPublishingStarted)account.History[^1]).IdempotencyKey);

        account.Advance(TimeSpan.FromSeconds(3));
        Assert.IsType<VariantPublished>(Assert.Single(account.Execute(new RecordPublished(A, PostId, ChannelId, "1790000000000000001"))));
        var published = account.Post(PostId);
        Assert.Equal(PostStatus.Published, published.Status);
        Assert.Equal("1790000000000000001", published.Variants[ChannelId].ExternalId);
        Assert.Equal(TimeSpan.FromSeconds(3), published.Variants[ChannelId].Lateness);
    }

    [Fact]
    public void A_rejected_post_goes_back_to_draft_with_the_reason_and_can_be_submitted_again()
    {
        var account = AccountIn(Stage.AwaitingClient);

        account.Execute(new RejectPost(A, PostId, "The logo is the old one."));

        Assert.Equal(PostStatus.Draft, account.Post(PostId).Status);
        Assert.Equal("The logo is the old one.", account.Post(PostId).LastRejectionReason);
        account.Execute(new SubmitPostForReview(A, PostId));
        Assert.Equal(PostStatus.InReview, account.Post(PostId).Status);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_rejection_needs_a_reason(string reason)
    {
        var account = AccountIn(Stage.InReview);

        var decision = account.Decide(new RejectPost(A, PostId, reason));

        Assert.Equal("post.reason-invalid", decision.Rejection?.Code);
        Assert.Equal("reason", decision.Rejection?.Field);
    }

    [Fact]
    public void A_cancelled_post_keeps_its_reason_and_frees_its_queue_slot()
    {
        var account = new AccountScenario(Written);
        account.ConnectChannel(ChannelId, Network.X, slots: [new QueueSlot(DayOfWeek.Tuesday, new TimeOnly(9, 0))]);
        account.CreatePost(PostId, ChannelId);
        var first = account.ScheduleInNextFreeSlot(PostId);

        account.Execute(new CancelPost(A, PostId, "Campaign pulled."));
        account.CreatePost("post-2", ChannelId);
        var second = account.ScheduleInNextFreeSlot("post-2");

        Assert.Equal(PostStatus.Cancelled, account.Post(PostId).Status);
        Assert.Equal("Campaign pulled.", account.Post(PostId).CancellationReason);
        Assert.Equal(first.Single().ScheduledAt, second.Single().ScheduledAt);
    }

    [Fact]
    public void A_post_put_in_the_calendar_before_approval_becomes_scheduled_when_the_client_approves()
    {
        var account = new AccountScenario(Written);
        account.ConnectChannel(ChannelId, Network.X);
        account.CreatePost(PostId, ChannelId);
        account.ScheduleAt(PostId, Due);
        Assert.Equal(PostStatus.Draft, account.Post(PostId).Status);

        account.Approve(PostId);

        Assert.Equal(PostStatus.Scheduled, account.Post(PostId).Status);
        Assert.Equal(Due, account.Post(PostId).FirstScheduledAt);
    }

    [Fact]
    public void A_post_with_two_variants_is_published_only_when_both_are_and_failed_when_one_fails()
    {
        var account = new AccountScenario(Written);
        account.ConnectChannel("x", Network.X);
        account.ConnectChannel("li", Network.LinkedIn);
        account.CreatePost("both-ok", "x", "li");
        account.CreatePost("one-fails", "x", "li");
        foreach (var post in new[] { "both-ok", "one-fails" })
        {
            account.Approve(post);
            account.ScheduleAt(post, Due);
        }

        Assert.Equal(4, account.At(Due).PublishDue().Count);
        account.Execute(new RecordPublished(A, "both-ok", "x", "x-1"));
        Assert.Equal(PostStatus.Publishing, account.Post("both-ok").Status);
        account.Execute(new RecordPublished(A, "both-ok", "li", "li-1"));
        account.Execute(new RecordPublished(A, "one-fails", "x", "x-2"));
        account.Execute(new RecordPublishFailed(A, "one-fails", "li", "Token expired.", NeedsHuman: true));

        Assert.Equal(PostStatus.Published, account.Post("both-ok").Status);
        Assert.Equal(PostStatus.Failed, account.Post("one-fails").Status);
        Assert.Equal(VariantDelivery.Published, account.Variant("one-fails", "x").Delivery);
    }

    [Fact]
    public void Rescheduling_a_partly_published_post_moves_only_the_variants_still_to_go_out()
    {
        var account = new AccountScenario(Written);
        account.ConnectChannel("x", Network.X);
        account.ConnectChannel("li", Network.LinkedIn);
        account.CreatePost(PostId, "x", "li");
        account.Approve(PostId);
        account.ScheduleAt(PostId, Due);
        account.At(Due).PublishDue();
        account.Execute(new RecordPublished(A, PostId, "x", "x-1"));
        account.Execute(new RecordPublishRetryable(A, PostId, "li", "HTTP 503"));
        Assert.Equal(PostStatus.Scheduled, account.Post(PostId).Status);

        var later = Due.AddDays(1);
        var moved = Assert.IsType<PostRescheduled>(Assert.Single(account.Execute(new ReschedulePost(A, PostId, ScheduleTarget.Exactly(later)))));

        // The X variant is out: its time is history, and moving it would misstate when and how late it went out.
        Assert.Equal([new VariantTime("li", later)], moved.Times);
        Assert.Equal(Due, account.Variant(PostId, "x").ScheduledAt);
        Assert.Equal(later, account.Variant(PostId, "li").ScheduledAt);
    }

    [Fact]
    public void A_repeated_create_under_the_same_key_is_accepted_without_a_second_draft()
    {
        var account = new AccountScenario(Written);
        account.ConnectChannel(ChannelId, Network.X);
        var create = new CreatePost(A, PostId, "Launch", [new VariantContent(ChannelId, "We are live.", [])], RequestFingerprint: "key-1:body-a");
        account.Execute(create);

        var repeat = account.Decide(create);
        var differentBody = account.Decide(create with { Title = "Relaunch", RequestFingerprint = "key-1:body-b" });
        var noKey = account.Decide(create with { RequestFingerprint = null });

        Assert.True(repeat.IsAccepted);
        Assert.Empty(repeat.Events);
        Assert.Equal(PostId, repeat.ResultId);
        Assert.Equal("idempotency.key-reused", differentBody.Rejection?.Code);
        Assert.Equal("post.already-exists", noKey.Rejection?.Code);
    }

    [Fact]
    public void A_command_on_a_post_that_does_not_exist_is_not_found()
    {
        var account = AccountIn(Stage.Draft);

        var decision = account.Decide(new SubmitPostForReview(A, "no-such-post"));

        Assert.Equal("post.not-found", decision.Rejection?.Code);
        Assert.Empty(decision.Events);
    }

    [Fact]
    public void An_account_that_was_never_opened_refuses_every_command_but_opening()
    {
        var decision = ClientAccount.Decide(AccountState.Unopened(A), new SubmitPostForReview(A, PostId), Written);

        Assert.Equal("account.not-found", decision.Rejection?.Code);
        Assert.Empty(decision.Events);
    }

    private static PostStatus StatusOf(Stage stage) => stage switch
    {
        Stage.AwaitingClientPastDue => PostStatus.AwaitingClient,
        _ => Enum.Parse<PostStatus>(stage.ToString()),
    };

    private static IAccountCommand CommandFor(Act act, DateTimeOffset now) => act switch
    {
        Act.Submit => new SubmitPostForReview(A, PostId),
        Act.AgencyApprove => new ApprovePost(A, PostId),
        Act.ClientApprove => new ClientApprovePost(A, PostId),
        Act.Reject => new RejectPost(A, PostId, "Wrong tone for the brand."),
        Act.Schedule => new SchedulePost(A, PostId, ScheduleTarget.Exactly(now.AddDays(1))),
        Act.Reschedule => new ReschedulePost(A, PostId, ScheduleTarget.Exactly(now.AddDays(1))),
        Act.Cancel => new CancelPost(A, PostId, "Client changed their mind."),
        Act.StartPublishing => new StartPublishing(A, PostId, ChannelId),
        Act.RecordPublished => new RecordPublished(A, PostId, ChannelId, "ext-2"),
        Act.RecordFailed => new RecordPublishFailed(A, PostId, ChannelId, "Media rejected by the network."),
        Act.RecordRetryable => new RecordPublishRetryable(A, PostId, ChannelId, "HTTP 503"),
        Act.Expire => new ExpirePost(A, PostId),
        _ => throw new ArgumentOutOfRangeException(nameof(act), act, null),
    };

    /// <summary>An account whose one post has reached <paramref name="stage"/> by real commands; the clock reads <see cref="Decided"/>.</summary>
    private static AccountScenario AccountIn(Stage stage)
    {
        var account = new AccountScenario(Written);
        account.ConnectChannel(ChannelId, Network.X);
        account.CreatePost(PostId, ChannelId);
        switch (stage)
        {
            case Stage.Draft:
                break;
            case Stage.InReview:
                account.Execute(new SubmitPostForReview(A, PostId));
                break;
            case Stage.AwaitingClient:
                account.Execute(new SubmitPostForReview(A, PostId));
                account.Execute(new ApprovePost(A, PostId));
                break;
            case Stage.AwaitingClientPastDue:
                account.Execute(new SubmitPostForReview(A, PostId));
                account.Execute(new ApprovePost(A, PostId));
                account.ScheduleAt(PostId, Due);
                break;
            case Stage.Approved:
                account.Approve(PostId);
                break;
            case Stage.Scheduled:
                account.Approve(PostId);
                account.ScheduleAt(PostId, Due);
                break;
            case Stage.Publishing:
            case Stage.Published:
            case Stage.Failed:
                account.Approve(PostId);
                account.ScheduleAt(PostId, Due);
                account.At(Due).PublishDue();
                if (stage == Stage.Published)
                {
                    account.Execute(new RecordPublished(A, PostId, ChannelId, "ext-1"));
                }
                else if (stage == Stage.Failed)
                {
                    account.Execute(new RecordPublishFailed(A, PostId, ChannelId, "Token expired.", NeedsHuman: true));
                }

                break;
            case Stage.Expired:
                account.Execute(new SubmitPostForReview(A, PostId));
                account.Execute(new ApprovePost(A, PostId));
                account.ScheduleAt(PostId, Due);
                account.At(Due).PublishDue();
                break;
            case Stage.Cancelled:
                account.Execute(new CancelPost(A, PostId));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(stage), stage, null);
        }

        return account.At(Decided);
    }
}
