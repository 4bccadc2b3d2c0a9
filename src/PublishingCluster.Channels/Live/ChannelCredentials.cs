using PublishingCluster.Domain.Channels;

namespace PublishingCluster.Channels.Live;

/// <summary>
/// What connects a channel to its profile on a network: decrypted, in the server's memory only, never in a message,
/// a log or an answer. Which fields a network uses is its own: Mastodon an instance and an access token, Bluesky a
/// service, an identifier and an app password (and the session's tokens), the OAuth networks an access token, a
/// refresh token and its expiry.
/// </summary>
/// <param name="ApiBase">The instance or service to call (Mastodon, Bluesky), or the network's API base.</param>
/// <param name="ProfileId">The network's own id of the profile (Mastodon account id, Bluesky DID, X user id), once known.</param>
public sealed record ChannelCredentials(
    Network Network,
    Uri ApiBase,
    string? AccessToken = null,
    string? RefreshToken = null,
    DateTimeOffset? ExpiresAt = null,
    string? Identifier = null,
    string? AppPassword = null,
    string? ProfileId = null)
{
    /// <summary>Never prints a secret, whoever logs the record.</summary>
    public override string ToString() => $"{Network} credentials for {ProfileId ?? Identifier ?? "(unverified)"} at {ApiBase}";
}

/// <summary>Whose profile a connection opens: the handle the channel takes and the network's id for it.</summary>
public sealed record ConnectedProfile(string Handle, string ProfileId, ChannelCredentials Credentials);
