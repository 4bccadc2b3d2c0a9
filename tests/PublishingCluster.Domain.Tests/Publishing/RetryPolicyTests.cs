using PublishingCluster.Domain.Channels;
using PublishingCluster.Domain.Escalations;
using PublishingCluster.Domain.Posts;
using PublishingCluster.Domain.Publishing;
using PublishingCluster.Domain.Tests.Fixtures;

namespace PublishingCluster.Domain.Tests.Publishing;

/// <summary>How a passing failure is retried: exponential backoff with a cap, the network's retry-after, and a budget.</summary>
public sealed class RetryPolicyTests
{
    private const string A = AccountScenario.AccountId;
    private static readonly DateTimeOffset Due = new(2026, 6, 1, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, 30)] // never below the base delay
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(3, 120)]
    [InlineData(6, 960)]
    [InlineData(7, 1800)] // 1920 s would exceed the 30-minute cap
    [InlineData(50, 1800)]
    [InlineData(int.MaxValue, 1800)]
    public void The_default_backoff_doubles_from_thirty_seconds_up_to_thirty_minutes(int attempts, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), PublishingPolicy.Default.BackoffAfter(attempts));
    }

    [Fact]
    public void The_default_retry_budget_is_about_22_hours_and_ends_before_the_lateness_cut_off()
    {
        var policy = PublishingPolicy.Default;
        var waited = Enumerable.Range(1, policy.MaxAttempts - 1).Aggregate(TimeSpan.Zero, (sum, attempt) => sum + policy.BackoffAfter(attempt));

        Assert.InRange(waited, TimeSpan.FromHours(21), TimeSpan.FromHours(23));
        Assert.True(waited < policy.MaxLateness, $"Retries would still run {waited} after the due time, past the {policy.MaxLateness} cut-off.");
    }

    [Fact]
    public void A_retryable_failure_waits_the_backoff_then_the_variant_is_sent_again()
    {
        var account = InFlight(PublishingPolicy.Default);

        var first = Retry(account, new RecordPublishRetryable(A, "post-1", "ch", "HTTP 503"));
        Assert.Equal(account.Now.AddSeconds(30), first.Until);
        Assert.True(first.AfterAttempt);
        Assert.Equal(PostStatus.Scheduled, account.Post("post-1").Status);
        Assert.Equal(first.Until, PublishingSchedule.NextDue(account.State));

        Assert.Empty(account.At(first.Until.AddTicks(-1)).PublishDue());
        Assert.IsType<VariantPublishingStarted>(Assert.Single(account.At(first.Until).PublishDue()));
        Assert.Equal(2, account.Variant("post-1", "ch").Attempts);

        var second = Retry(account, new RecordPublishRetryable(A, "post-1", "ch", "HTTP 503"));
        Assert.Equal(account.Now.AddSeconds(60), second.Until);
    }

    [Fact]
    public void The_network_retry_after_wins_when_it_is_longer_than_the_backoff()
    {
        var account = InFlight(PublishingPolicy.Default);

        var deferred = Retry(account, new RecordPublishRetryable(A, "post-1", "ch", "HTTP 429", RetryAfter: TimeSpan.FromMinutes(5)));

        Assert.Equal(account.Now.AddMinutes(5), deferred.Until);
    }

    [Fact]
    public void A_shorter_retry_after_does_not_shorten_the_backoff()
    {
        var account = InFlight(PublishingPolicy.Default);

        var deferred = Retry(account, new RecordPublishRetryable(A, "post-1", "ch", "HTTP 429", RetryAfter: TimeSpan.FromSeconds(1)));

        Assert.Equal(account.Now.AddSeconds(30), deferred.Until);
    }

    [Fact]
    public void A_send_the_network_never_got_goes_again_at_once()
    {
        var account = InFlight(PublishingPolicy.Default);

        var deferred = Retry(account, new RecordPublishRetryable(A, "post-1", "ch", "Not found by idempotency key", Immediately: true));

        Assert.Equal(account.Now, deferred.Until);
        Assert.IsType<VariantPublishingStarted>(Assert.Single(account.PublishDue()));
    }

    [Fact]
    public void When_the_attempts_are_spent_the_variant_fails_for_a_person()
    {
        var policy = PublishingPolicy.Default with { MaxAttempts = 3 };
        var account = InFlight(policy);
        for (var attempt = 1; attempt < policy.MaxAttempts; attempt++)
        {
            var deferred = Retry(account, new RecordPublishRetryable(A, "post-1", "ch", "HTTP 503"));
            account.At(deferred.Until).PublishDue();
        }

        Assert.Equal(3, account.Variant("post-1", "ch").Attempts);
        var events = account.Execute(new RecordPublishRetryable(A, "post-1", "ch", "HTTP 503"));
        var failed = Assert.IsType<VariantPublishFailed>(events[0]);
        Assert.IsType<EscalationRaised>(Assert.Single(events.Skip(1)));

        Assert.True(failed.NeedsHuman);
        Assert.Contains("Gave up after 3 attempts", failed.Reason, StringComparison.Ordinal);
        Assert.Equal(PostStatus.Failed, account.Post("post-1").Status);
    }

    [Fact]
    public void A_failure_report_needs_its_reason()
    {
        var account = InFlight(PublishingPolicy.Default);

        Assert.Equal("publishing.reason-invalid", account.Decide(new RecordPublishRetryable(A, "post-1", "ch", " ")).Rejection?.Code);
        Assert.Equal("publishing.reason-invalid", account.Decide(new RecordPublishFailed(A, "post-1", "ch", "")).Rejection?.Code);
    }

    private static AccountScenario InFlight(PublishingPolicy policy)
    {
        var account = new AccountScenario(Due.AddHours(-2), policy: policy);
        account.ConnectChannel("ch", Network.X);
        account.CreatePost("post-1", "ch");
        account.Approve("post-1");
        account.ScheduleAt("post-1", Due);
        Assert.IsType<VariantPublishingStarted>(Assert.Single(account.At(Due).PublishDue()));
        account.Advance(TimeSpan.FromSeconds(2));
        return account;
    }

    private static VariantPublishDeferred Retry(AccountScenario account, RecordPublishRetryable command) =>
        Assert.IsType<VariantPublishDeferred>(Assert.Single(account.Execute(command)));
}
