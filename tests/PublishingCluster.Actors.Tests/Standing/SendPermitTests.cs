using Microsoft.Extensions.Time.Testing;
using PublishingCluster.Actors.Standing;

namespace PublishingCluster.Actors.Tests.Standing;

/// <summary>The node's permit to send: open only on a fresh lease renewal, closed while a downed node's lease lives, closed for good once revoked.</summary>
public sealed class SendPermitTests
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(4);

    [Fact]
    public void A_permit_on_lease_is_closed_until_the_first_renewal()
    {
        var permit = SendPermit.OnLease(Ttl, new FakeTimeProvider());

        Assert.False(permit.Allows(out var because));
        Assert.Contains("not yet taken its lease", because, StringComparison.Ordinal);
    }

    [Fact]
    public void A_renewal_keeps_the_permit_open_for_the_lease_time_counted_from_when_it_was_asked()
    {
        var time = new FakeTimeProvider();
        var permit = SendPermit.OnLease(Ttl, time);
        var askedAt = permit.Now();
        // The database answered a second later: the permit still counts from the question.
        time.Advance(TimeSpan.FromSeconds(1));
        permit.Confirm(askedAt, blockedBecause: null);
        Assert.True(permit.Allows(out _));

        time.Advance(TimeSpan.FromSeconds(2.9));
        Assert.True(permit.Allows(out _));

        time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.False(permit.Allows(out var because));
        Assert.Contains("last renewed 4.0 s ago", because, StringComparison.Ordinal);
    }

    [Fact]
    public void A_node_that_wakes_from_a_long_pause_may_not_send_until_it_renewed_again()
    {
        var time = new FakeTimeProvider();
        var permit = SendPermit.OnLease(Ttl, time);
        permit.Confirm(permit.Now(), null);

        time.Advance(TimeSpan.FromSeconds(35));
        Assert.False(permit.Allows(out _));

        permit.Confirm(permit.Now(), null);
        Assert.True(permit.Allows(out _));
    }

    [Fact]
    public void An_answer_to_an_older_renewal_does_not_replace_a_newer_one()
    {
        var time = new FakeTimeProvider();
        var permit = SendPermit.OnLease(Ttl, time);
        var older = permit.Now();
        time.Advance(TimeSpan.FromSeconds(3));
        var newer = permit.Now();
        permit.Confirm(newer, null);
        permit.Confirm(older, "a downed node's lease was live");

        time.Advance(TimeSpan.FromSeconds(2));
        Assert.True(permit.Allows(out _));
    }

    [Fact]
    public void While_a_downed_node_holds_a_live_lease_nothing_is_sent_and_a_later_renewal_lifts_the_block()
    {
        var time = new FakeTimeProvider();
        var permit = SendPermit.OnLease(Ttl, time);
        permit.Confirm(permit.Now(), null);

        permit.Block("node-2 was downed by the cluster");
        Assert.False(permit.Allows(out var because));
        Assert.Equal("node-2 was downed by the cluster", because);

        permit.Confirm(permit.Now(), "node-2's lease runs out in 1.5 s");
        Assert.False(permit.Allows(out _));

        time.Advance(TimeSpan.FromSeconds(2));
        permit.Confirm(permit.Now(), null);
        Assert.True(permit.Allows(out _));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_revoked_permit_stays_closed_whatever_comes_after(bool onLease)
    {
        var time = new FakeTimeProvider();
        var permit = onLease ? SendPermit.OnLease(Ttl, time) : SendPermit.WithoutLease();
        permit.Revoke("this node was downed by the cluster");
        permit.Confirm(permit.Now(), null);
        permit.Revoke("a later reason");

        Assert.True(permit.IsRevoked);
        Assert.False(permit.Allows(out var because));
        Assert.Equal("this node was downed by the cluster", because);
    }

    [Fact]
    public void A_permit_without_lease_is_open_until_revoked()
    {
        var permit = SendPermit.WithoutLease();

        Assert.True(permit.Allows(out _));
        permit.Block("ignored without a lease");
        Assert.True(permit.Allows(out _));
    }
}
