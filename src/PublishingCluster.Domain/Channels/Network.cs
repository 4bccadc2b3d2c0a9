namespace PublishingCluster.Domain.Channels;

/// <summary>The social networks a channel can be connected to.</summary>
public enum Network
{
    X,
    LinkedIn,
    Facebook,
    Instagram,
    Pinterest,
    TikTok,
    Threads,
    Bluesky,
    Mastodon,
}
