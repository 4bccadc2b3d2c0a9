using PublishingCluster.Domain.Accounts;

namespace PublishingCluster.Domain.Publishing;

/// <summary>A variant has fallen due and is handed to its network under its idempotency key.</summary>
public sealed record StartPublishing(string AccountId, string PostId, string ChannelId) : IAccountCommand;

/// <summary>
/// Everything that is due at <c>now</c>: due variants start publishing (or wait for the quota or the posting
/// window), and unapproved posts whose time has come expire. Sent when the posting coordinator wakes the account.
/// </summary>
public sealed record PublishDue(string AccountId) : IAccountCommand;

public sealed record RecordPublished(string AccountId, string PostId, string ChannelId, string ExternalId) : IAccountCommand;

/// <summary>The network refused for good, or a person must act first (<paramref name="NeedsHuman"/>).</summary>
public sealed record RecordPublishFailed(string AccountId, string PostId, string ChannelId, string Reason, bool NeedsHuman = false) : IAccountCommand;

/// <summary>A passing failure: retried with backoff, no sooner than <paramref name="RetryAfter"/> if the network said so, until the retry budget is spent.</summary>
/// <remarks><paramref name="Immediately"/>: send again now, without backoff (the network confirmed it never got the post).</remarks>
public sealed record RecordPublishRetryable(string AccountId, string PostId, string ChannelId, string Reason, TimeSpan? RetryAfter = null, bool Immediately = false) : IAccountCommand;

/// <summary>A post whose time has come without its approval expires; it is never published unapproved.</summary>
public sealed record ExpirePost(string AccountId, string PostId) : IAccountCommand;
