using PublishingCluster.Domain.Channels;

namespace PublishingCluster.Channels.Live;

/// <summary>
/// One network's documented HTTP API, as a live channel needs it: check a connection, refresh its token, publish,
/// find a post whose answer was lost, list what mentions the profile, and reply. One implementation per network
/// (a folder of its own beside <c>Simulated/</c>); the <see cref="HttpClient"/> it is given carries the
/// per-attempt timeout, and the project's persisted retry policy decides what happens after a failure.
/// <para>
/// An implementation never retries a publish by itself and never reads the clock for decisions. A call whose answer
/// was lost throws (<see cref="HttpRequestException"/>, <see cref="TimeoutException"/> or
/// <see cref="OperationCanceledException"/>); every answer the network gave is an <see cref="ApiResult{T}"/>,
/// carrying the rate budget the network reported in its headers.
/// </para>
/// </summary>
public interface INetworkApi
{
    Network Network { get; }

    /// <summary>Checks the credentials against the network and answers whose profile they open.</summary>
    Task<ApiResult<ConnectedProfile>> VerifyAsync(ChannelCredentials credentials, CancellationToken cancellationToken);

    /// <summary>
    /// New credentials for expired or refused ones (an OAuth refresh token, a new session). Failed with
    /// <see cref="ApiFailureKind.TokenRefused"/> when only a person can reconnect the channel.
    /// </summary>
    Task<ApiResult<ChannelCredentials>> RefreshAsync(ChannelCredentials credentials, CancellationToken cancellationToken);

    /// <summary>Publishes the draft (a reply when <see cref="NetworkPostDraft.InReplyTo"/> is set) once.</summary>
    Task<ApiResult<NetworkPost>> PublishAsync(ChannelCredentials credentials, NetworkPostDraft draft, CancellationToken cancellationToken);

    /// <summary>
    /// Finds the draft on the profile if an earlier attempt published it (sent no earlier than
    /// <paramref name="sentAfter"/>): by the network's own idempotency where it has one, else by a marker the
    /// implementation documents. Ok(null): the network does not hold it.
    /// </summary>
    Task<ApiResult<NetworkPost?>> FindAsync(ChannelCredentials credentials, NetworkPostDraft draft, DateTimeOffset sentAfter, CancellationToken cancellationToken);

    /// <summary>
    /// What mentions or comments on the profile arrived after <paramref name="cursor"/> (null: the newest page),
    /// oldest first, with the cursor to pass next time so that nothing is missed or repeated.
    /// </summary>
    Task<ApiResult<MentionPage>> ListMentionsAsync(ChannelCredentials credentials, string? cursor, CancellationToken cancellationToken);
}
