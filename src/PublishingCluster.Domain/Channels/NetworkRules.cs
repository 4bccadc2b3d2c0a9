using System.Collections.Frozen;

namespace PublishingCluster.Domain.Channels;

/// <summary>
/// A network's publishing rules, as data: how long a post's text may be (in Unicode code points), how many
/// media items one post may carry, and how many posts one profile may publish in any rolling 24 hours.
/// </summary>
public sealed record NetworkRules(Network Network, int TextLimit, int MaxMedia, int QuotaPer24Hours)
{
    // Limits as the networks document them for a single profile; quotas are the per-user publishing caps
    // (X's 2,400 posts a day user limit, Instagram's 50 API-published posts, Threads' 250, Mastodon's
    // 300 statuses per 3 hours). Change them here when a network changes its rules.
    private static readonly FrozenDictionary<Network, NetworkRules> Rules = new NetworkRules[]
    {
        new(Network.X, TextLimit: 280, MaxMedia: 4, QuotaPer24Hours: 2400),
        new(Network.LinkedIn, TextLimit: 3000, MaxMedia: 9, QuotaPer24Hours: 150),
        new(Network.Facebook, TextLimit: 63206, MaxMedia: 10, QuotaPer24Hours: 200),
        new(Network.Instagram, TextLimit: 2200, MaxMedia: 10, QuotaPer24Hours: 50),
        new(Network.Pinterest, TextLimit: 500, MaxMedia: 5, QuotaPer24Hours: 200),
        new(Network.TikTok, TextLimit: 2200, MaxMedia: 35, QuotaPer24Hours: 15),
        new(Network.Threads, TextLimit: 500, MaxMedia: 10, QuotaPer24Hours: 250),
        new(Network.Bluesky, TextLimit: 300, MaxMedia: 4, QuotaPer24Hours: 1600),
        new(Network.Mastodon, TextLimit: 500, MaxMedia: 4, QuotaPer24Hours: 2400),
    }.ToFrozenDictionary(r => r.Network);

    public static NetworkRules For(Network network) => Rules[network];

    public static IReadOnlyCollection<NetworkRules> All => Rules.Values;

    /// <summary>Text length as networks count it for limits: Unicode code points, not UTF-16 units.</summary>
    public static int LengthOf(string text) => text.EnumerateRunes().Count();
}
