using PublishingCluster.Domain.Channels;
using PublishingCluster.Domain.Escalations;
using PublishingCluster.Domain.Posts;
using PublishingCluster.Domain.Publishing;
using PublishingCluster.Domain.Tests.Fixtures;

namespace PublishingCluster.Domain.Tests.Publishing;

/// <summary>
/// What the account does when the coordinator wakes it: start what is due, make it wait for its posting window
/// or its network's rolling 24-hour quota, expire what was never approved, and give up on what is too late.
/// </summary>
public sealed class PublishDueTests
{
    private const string A = AccountScenario.AccountId;

    // Monday 1 June 2026, British Summer Time (UTC+1).
    private static readonly DateTimeOffset Monday = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Nothing_due_means_no_events()
    {
        var account = ApprovedPostAt(Monday.AddHours(10));

        Assert.Empty(account.At(Monday.AddHours(10).AddSeconds(-1)).PublishDue());
        Assert.Equal(PostStatus.Scheduled, account.Post("post-1").Status);
    }

    [Fact]
    public void A_due_approved_post_starts_publishing_under_its_idempotency_key()
    {
        var due = Monday.AddHours(10);
        var account = ApprovedPostAt(due);

        var started = Assert.IsType<VariantPublishingStarted>(Assert.Single(account.At(due).PublishDue()));

        Assert.Equal($"{A}/post-1/ch", started.IdempotencyKey);
        Assert.Equal(1, account.Variant("post-1", "ch").Attempts);
        Assert.Null(PublishingSchedule.NextDue(account.State)); // in flight: the network's answer moves it on, not the clock
    }

    [Fact]
    public void A_post_due_after_its_posting_window_closed_waits_for_the_next_opening()
    {
        var weekdays = new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
            .Select(d => new PostingWindow(d, new TimeOnly(9, 0), new TimeOnly(17, 0)));
        var account = new AccountScenario(Monday);
        account.ConnectChannel("ch", Network.LinkedIn, "Europe/London", windows: weekdays);
        account.CreatePost("post-1", "ch");
        account.Approve("post-1");
        account.ScheduleAt("post-1", Monday.AddHours(15).AddMinutes(50)); // 16:50 BST, inside the window

        // The account is woken late, at 17:10 BST: the window has closed.
        var deferred = Assert.IsType<VariantPublishDeferred>(Assert.Single(account.At(Monday.AddHours(16).AddMinutes(10)).PublishDue()));

        var tuesdayNine = Monday.AddDays(1).AddHours(8); // 09:00 BST
        Assert.Equal(tuesdayNine, deferred.Until);
        Assert.False(deferred.AfterAttempt);
        Assert.Contains("posting window", deferred.Reason, StringComparison.Ordinal);
        Assert.Equal(PostStatus.Scheduled, account.Post("post-1").Status);
        Assert.Equal(tuesdayNine, PublishingSchedule.NextDue(account.State));
        Assert.Empty(account.At(tuesdayNine.AddSeconds(-1)).PublishDue());
        Assert.IsType<VariantPublishingStarted>(Assert.Single(account.At(tuesdayNine).PublishDue()));
    }

    [Fact]
    public void More_due_posts_than_the_quota_start_up_to_the_quota_and_the_rest_wait_a_day()
    {
        var quota = NetworkRules.For(Network.TikTok).QuotaPer24Hours;
        var due = Monday.AddHours(10);
        var account = new AccountScenario(Monday);
        account.ConnectChannel("tt", Network.TikTok);
        for (var i = 0; i <= quota; i++)
        {
            ApprovedPost(account, $"post-{i:D2}", "tt", due.AddMinutes(i));
        }

        var events = account.At(due.AddMinutes(30)).PublishDue();

        Assert.Equal(quota, events.OfType<VariantPublishingStarted>().Count());
        var waiting = Assert.Single(events.OfType<VariantPublishDeferred>());
        Assert.Equal($"post-{quota:D2}", waiting.PostId);
        Assert.Equal(account.Now.AddHours(24), waiting.Until);
        Assert.Contains("quota", waiting.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_quota_is_a_rolling_24_hours_counted_from_each_send()
    {
        var quota = NetworkRules.For(Network.TikTok).QuotaPer24Hours;
        var first = Monday.AddHours(10);
        var account = new AccountScenario(Monday);
        account.ConnectChannel("tt", Network.TikTok);
        ApprovedPost(account, "post-00", "tt", first);
        for (var i = 1; i < quota; i++)
        {
            ApprovedPost(account, $"post-{i:D2}", "tt", first.AddHours(1));
        }

        ApprovedPost(account, "post-last", "tt", first.AddHours(2));

        account.At(first).PublishDue();
        var firstPublished = first.AddSeconds(5);
        account.At(firstPublished).Execute(new RecordPublished(A, "post-00", "tt", "v-00"));
        Assert.Equal(quota - 1, account.At(first.AddHours(1)).PublishDue().Count);

        // The network has had its quota within 24 h: the last post waits until the first send leaves the window.
        var deferred = Assert.IsType<VariantPublishDeferred>(Assert.Single(account.At(first.AddHours(2)).PublishDue()));
        Assert.Equal(firstPublished.AddHours(24), deferred.Until);

        Assert.Empty(account.At(deferred.Until.AddSeconds(-1)).PublishDue());
        Assert.IsType<VariantPublishingStarted>(Assert.Single(account.At(deferred.Until).PublishDue()));
    }

    [Fact]
    public void The_quota_is_per_channel()
    {
        var quota = NetworkRules.For(Network.TikTok).QuotaPer24Hours;
        var due = Monday.AddHours(10);
        var account = new AccountScenario(Monday);
        account.ConnectChannel("tt-1", Network.TikTok);
        account.ConnectChannel("tt-2", Network.TikTok);
        for (var i = 0; i < quota; i++)
        {
            ApprovedPost(account, $"post-{i:D2}", "tt-1", due);
        }

        ApprovedPost(account, "other", "tt-2", due);

        var events = account.At(due).PublishDue();

        Assert.Equal(quota + 1, events.OfType<VariantPublishingStarted>().Count());
    }

    [Theory]
    [InlineData(PostStatus.Draft)]
    [InlineData(PostStatus.InReview)]
    [InlineData(PostStatus.AwaitingClient)]
    public void An_unapproved_post_expires_at_its_time_and_never_reaches_the_network(PostStatus unapproved)
    {
        var due = Monday.AddHours(10);
        var account = new AccountScenario(Monday);
        account.ConnectChannel("ch", Network.Instagram);
        account.CreatePost("post-1", "ch");
        if (unapproved != PostStatus.Draft)
        {
            account.Execute(new SubmitPostForReview(A, "post-1"));
        }

        if (unapproved == PostStatus.AwaitingClient)
        {
            account.Execute(new ApprovePost(A, "post-1"));
        }

        account.ScheduleAt("post-1", due);
        Assert.Equal(unapproved, account.Post("post-1").Status);
        Assert.Equal(due, PublishingSchedule.NextDue(account.State));

        Assert.Empty(account.At(due.AddSeconds(-1)).PublishDue());
        var expired = Assert.IsType<PostExpired>(Assert.Single(account.At(due).PublishDue()));

        Assert.Equal("post-1", expired.PostId);
        Assert.Equal(PostStatus.Expired, account.Post("post-1").Status);
        Assert.Empty(account.At(due.AddMinutes(5)).PublishDue());
        Assert.DoesNotContain(account.History, e => e is VariantPublishingStarted);
    }

    [Fact]
    public void A_post_at_most_the_lateness_limit_late_still_goes_out()
    {
        var due = Monday.AddHours(10);
        var account = ApprovedPostAt(due);

        Assert.IsType<VariantPublishingStarted>(Assert.Single(account.At(due + PublishingPolicy.Default.MaxLateness).PublishDue()));
    }

    [Fact]
    public void A_post_more_than_the_lateness_limit_late_fails_for_a_person_to_decide()
    {
        var due = Monday.AddHours(10);
        var account = ApprovedPostAt(due);

        var events = account.At(due + PublishingPolicy.Default.MaxLateness + TimeSpan.FromSeconds(1)).PublishDue();
        var failed = Assert.IsType<VariantPublishFailed>(events[0]);
        // A person must decide, so the same decision escalates it.
        Assert.Equal("publish-needs-human-post-1", Assert.IsType<EscalationRaised>(Assert.Single(events.Skip(1))).EscalationId);

        Assert.True(failed.NeedsHuman);
        Assert.Contains("Missed", failed.Reason, StringComparison.Ordinal);
        Assert.Equal(PostStatus.Failed, account.Post("post-1").Status);
        Assert.Null(PublishingSchedule.NextDue(account.State));
    }

    [Fact]
    public void The_lateness_limit_comes_from_the_policy()
    {
        var due = Monday.AddHours(10);
        var strict = PublishingPolicy.Default with { MaxLateness = TimeSpan.FromMinutes(15) };
        var account = new AccountScenario(Monday, policy: strict);
        account.ConnectChannel("ch", Network.X);
        ApprovedPost(account, "post-1", "ch", due);

        Assert.IsType<VariantPublishFailed>(account.At(due.AddMinutes(16)).PublishDue()[0]);
    }

    [Fact]
    public void Starting_a_variant_before_its_time_is_refused()
    {
        var due = Monday.AddHours(10);
        var account = ApprovedPostAt(due);

        var decision = account.At(due.AddSeconds(-1)).Decide(new StartPublishing(A, "post-1", "ch"));

        Assert.Equal("publishing.not-due", decision.Rejection?.Code);
        Assert.Empty(decision.Events);
    }

    [Fact]
    public void A_repeated_success_report_changes_nothing_and_a_different_one_is_refused()
    {
        var due = Monday.AddHours(10);
        var account = ApprovedPostAt(due);
        account.At(due).PublishDue();
        account.Execute(new RecordPublished(A, "post-1", "ch", "ext-1"));

        var repeated = account.Decide(new RecordPublished(A, "post-1", "ch", "ext-1"));
        var different = account.Decide(new RecordPublished(A, "post-1", "ch", "ext-2"));

        Assert.True(repeated.IsAccepted);
        Assert.Empty(repeated.Events);
        Assert.Equal("publishing.not-in-flight", different.Rejection?.Code);
    }

    private static AccountScenario ApprovedPostAt(DateTimeOffset due)
    {
        var account = new AccountScenario(Monday);
        account.ConnectChannel("ch", Network.X);
        ApprovedPost(account, "post-1", "ch", due);
        return account;
    }

    private static void ApprovedPost(AccountScenario account, string postId, string channelId, DateTimeOffset due)
    {
        account.CreatePost(postId, channelId);
        account.Approve(postId);
        account.ScheduleAt(postId, due);
    }
}
