using System.Globalization;
using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Channels;
using PublishingCluster.Domain.Common;
using PublishingCluster.Domain.Posts;
using PublishingCluster.Domain.Tests.Fixtures;

namespace PublishingCluster.Domain.Tests;

/// <summary>
/// Each network's text limit, at the boundary. Length is counted in Unicode code points (runes), as the
/// networks count it: not UTF-16 units (an emoji outside the BMP is one, not two) and not user-perceived
/// characters (a family emoji joined with ZWJ is several).
/// </summary>
public sealed class TextLimitTests
{
    private const string A = AccountScenario.AccountId;
    private const string Smile = "\U0001F600"; // one code point, two UTF-16 units
    private const string Family = "\U0001F468\u200D\U0001F469\u200D\U0001F467"; // five code points, one text element
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);

    // The limits as the networks document them; written out here so that a changed rule table shows up.
    public static TheoryData<Network, int> Limits => new()
    {
        { Network.X, 280 },
        { Network.LinkedIn, 3000 },
        { Network.Facebook, 63206 },
        { Network.Instagram, 2200 },
        { Network.Pinterest, 500 },
        { Network.TikTok, 2200 },
        { Network.Threads, 500 },
        { Network.Bluesky, 300 },
        { Network.Mastodon, 500 },
    };

    [Fact]
    public void Every_network_has_a_limit_in_the_table()
    {
        Assert.Equal(Enum.GetValues<Network>().Length, Limits.Count());
    }

    [Theory]
    [MemberData(nameof(Limits))]
    public void Text_exactly_at_the_limit_is_accepted(Network network, int limit)
    {
        Assert.True(Create(network, new string('a', limit)).IsAccepted);
    }

    [Theory]
    [MemberData(nameof(Limits))]
    public void Text_one_over_the_limit_is_refused_naming_the_field(Network network, int limit)
    {
        var rejection = Create(network, new string('a', limit + 1)).Rejection;

        Assert.NotNull(rejection);
        Assert.Equal("channel.text-too-long", rejection.Code);
        Assert.Equal("variants[0].text", rejection.Field);
        Assert.Equal(RejectionKind.Rule, rejection.Kind);
        Assert.Contains($"{limit + 1}", rejection.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Limits))]
    public void An_emoji_counts_as_one_character_though_it_takes_two_utf16_units(Network network, int limit)
    {
        var atLimit = string.Concat(Enumerable.Repeat(Smile, limit));
        Assert.Equal(2 * limit, atLimit.Length);

        Assert.True(Create(network, atLimit).IsAccepted);
        Assert.Equal("channel.text-too-long", Create(network, atLimit + Smile).Rejection?.Code);
    }

    [Fact]
    public void A_joined_emoji_counts_each_of_its_code_points()
    {
        // 275 letters and the family emoji: 280 code points but only 276 text elements.
        var atLimit = new string('a', 275) + Family;
        Assert.Equal(276, new StringInfo(atLimit).LengthInTextElements);

        Assert.True(Create(Network.X, atLimit).IsAccepted);

        // 277 text elements would pass a text-element count; 281 code points do not pass.
        var over = new string('a', 276) + Family;
        Assert.Equal("channel.text-too-long", Create(Network.X, over).Rejection?.Code);
    }

    [Fact]
    public void The_rejection_names_the_variant_that_is_too_long()
    {
        var account = new AccountScenario(Now);
        account.ConnectChannel("li", Network.LinkedIn);
        account.ConnectChannel("bsky", Network.Bluesky);
        var text = new string('a', 301); // fine on LinkedIn, too long on Bluesky

        var decision = account.Decide(new CreatePost(A, "post-1", "Launch", [new VariantContent("li", text, []), new VariantContent("bsky", text, [])]));

        Assert.Equal("channel.text-too-long", decision.Rejection?.Code);
        Assert.Equal("variants[1].text", decision.Rejection?.Field);
        Assert.Empty(decision.Events);
    }

    [Theory]
    [InlineData(Network.X, 4)]
    [InlineData(Network.TikTok, 35)]
    public void Media_beyond_the_network_maximum_are_refused(Network network, int maxMedia)
    {
        var account = new AccountScenario(Now);
        account.ConnectChannel("ch", network);
        VariantContent WithMedia(int count) => new("ch", "Look at this", [.. Enumerable.Range(0, count).Select(i => $"media/{i}.jpg")]);

        Assert.True(account.Decide(new CreatePost(A, "post-1", "Gallery", [WithMedia(maxMedia)])).IsAccepted);
        var over = account.Decide(new CreatePost(A, "post-1", "Gallery", [WithMedia(maxMedia + 1)]));
        Assert.Equal("channel.media-too-many", over.Rejection?.Code);
        Assert.Equal("variants[0].media", over.Rejection?.Field);
    }

    [Fact]
    public void A_variant_needs_some_text()
    {
        Assert.Equal("post.text-empty", Create(Network.X, "  ").Rejection?.Code);
    }

    private static Decision Create(Network network, string text)
    {
        var account = new AccountScenario(Now);
        account.ConnectChannel("ch", network);
        return account.Decide(new CreatePost(A, "post-1", "Limit check", [new VariantContent("ch", text, [])]));
    }
}
