using PublishingCluster.Domain.Channels;
using PublishingCluster.Domain.Common;
using PublishingCluster.Domain.Tests.Fixtures;

namespace PublishingCluster.Domain.Tests.Channels;

/// <summary>Connecting a network profile to an account: what is refused, and how a repeated request is recognised.</summary>
public sealed class ChannelConnectTests
{
    private const string A = AccountScenario.AccountId;
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly QueueSlot MondayNine = new(DayOfWeek.Monday, new TimeOnly(9, 0));
    private static readonly PostingWindow MondayMorning = new(DayOfWeek.Monday, new TimeOnly(8, 0), new TimeOnly(12, 0));

    [Fact]
    public void A_channel_connects_with_its_handle_trimmed()
    {
        var account = new AccountScenario(Now);

        var connected = Assert.IsType<ChannelConnected>(Assert.Single(account.Execute(Connect("x", Network.X, "  @brand  "))));

        Assert.Equal("@brand", connected.Channel.Handle);
        Assert.Equal(Now, connected.Channel.ConnectedAt);
        Assert.Equal("@brand", account.State.Channels["x"].Handle);
    }

    [Fact]
    public void The_same_channel_id_cannot_be_connected_twice()
    {
        var account = new AccountScenario(Now);
        account.Execute(Connect("x", Network.X, "@brand"));

        var decision = account.Decide(Connect("x", Network.X, "@other"));

        Assert.Equal("channel.already-connected", decision.Rejection?.Code);
        Assert.Equal(RejectionKind.Lifecycle, decision.Rejection?.Kind);
        Assert.Empty(decision.Events);
    }

    [Fact]
    public void The_same_handle_on_the_same_network_is_refused_whatever_its_case()
    {
        var account = new AccountScenario(Now);
        account.Execute(Connect("x", Network.X, "@Brand"));

        var sameNetwork = account.Decide(Connect("x-2", Network.X, "@brand"));
        var otherNetwork = account.Decide(Connect("bsky", Network.Bluesky, "@brand"));

        Assert.Equal("channel.handle-connected", sameNetwork.Rejection?.Code);
        Assert.Equal("handle", sameNetwork.Rejection?.Field);
        Assert.True(otherNetwork.IsAccepted, $"{otherNetwork.Rejection}");
    }

    [Fact]
    public void An_unknown_network_is_refused()
    {
        var account = new AccountScenario(Now);

        var decision = account.Decide(Connect("myspace", (Network)99, "@brand"));

        Assert.Equal("channel.network-unknown", decision.Rejection?.Code);
        Assert.Equal("network", decision.Rejection?.Field);
    }

    [Fact]
    public void A_network_outside_the_contract_scope_is_refused()
    {
        var account = new AccountScenario(Now, SampleContracts.Covering(5, Network.LinkedIn));

        var decision = account.Decide(Connect("tt", Network.TikTok, "@brand"));

        Assert.Equal("contract.scope.network-not-covered", decision.Rejection?.Code);
        Assert.Equal(RejectionKind.Rule, decision.Rejection?.Kind);
    }

    [Fact]
    public void A_repeated_request_under_the_same_key_is_accepted_without_a_second_event()
    {
        var account = new AccountScenario(Now);
        account.Execute(Connect("x", Network.X, "@brand") with { RequestFingerprint = "key-1:hash-a" });

        var repeat = account.Decide(Connect("x", Network.X, "@brand") with { RequestFingerprint = "key-1:hash-a" });
        var reused = account.Decide(Connect("x", Network.X, "@brand") with { RequestFingerprint = "key-1:hash-b" });

        Assert.True(repeat.IsAccepted);
        Assert.Empty(repeat.Events);
        Assert.Equal("x", repeat.ResultId);
        Assert.Equal("idempotency.key-reused", reused.Rejection?.Code);
    }

    [Fact]
    public void Queue_slots_must_lie_inside_the_posting_windows()
    {
        var account = new AccountScenario(Now);
        var lateSlot = new QueueSlot(DayOfWeek.Monday, new TimeOnly(12, 0)); // a window's end is exclusive

        var decision = account.Decide(Connect("x", Network.X, "@brand") with { PostingWindows = [MondayMorning], QueueSlots = [MondayNine, lateSlot] });

        Assert.Equal("channel.slot.outside-window", decision.Rejection?.Code);
        Assert.Equal("queueSlots[1]", decision.Rejection?.Field);
    }

    [Fact]
    public void A_window_must_end_after_it_starts()
    {
        var account = new AccountScenario(Now);
        var backwards = new PostingWindow(DayOfWeek.Friday, new TimeOnly(22, 0), new TimeOnly(2, 0));

        var decision = account.Decide(Connect("x", Network.X, "@brand") with { PostingWindows = [MondayMorning, backwards] });

        Assert.Equal("channel.window.end-before-start", decision.Rejection?.Code);
        Assert.Equal("postingWindows[1].end", decision.Rejection?.Field);
    }

    [Fact]
    public void The_same_queue_slot_twice_is_refused()
    {
        var account = new AccountScenario(Now);

        var decision = account.Decide(Connect("x", Network.X, "@brand") with { QueueSlots = [MondayNine, MondayNine] });

        Assert.Equal("channel.slot.duplicate", decision.Rejection?.Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_channel_needs_a_handle(string handle)
    {
        var decision = new AccountScenario(Now).Decide(Connect("x", Network.X, handle));

        Assert.Equal("channel.handle-invalid", decision.Rejection?.Code);
    }

    [Fact]
    public void An_account_connects_at_most_32_channels()
    {
        var account = new AccountScenario(Now);
        for (var i = 0; i < 32; i++)
        {
            account.Execute(Connect($"x-{i}", Network.X, $"@brand{i}"));
        }

        Assert.Equal("channel.too-many", account.Decide(Connect("x-32", Network.X, "@brand32")).Rejection?.Code);
    }

    private static ConnectChannel Connect(string channelId, Network network, string handle) =>
        new(A, channelId, network, handle, "Europe/London", [], [MondayNine]);
}
