using PublishingCluster.Domain.Accounts;

namespace PublishingCluster.Domain.Publishing;

/// <summary>A step of a post's variants towards their networks, or the expiry of a post left unapproved. Applied by <see cref="PublishingEvolution"/>.</summary>
public interface IPublishingEvent : IAccountEvent;

public sealed record VariantPublishingStarted(string PostId, string ChannelId, string IdempotencyKey, DateTimeOffset At) : IPublishingEvent;

public sealed record VariantPublished(string PostId, string ChannelId, string ExternalId, DateTimeOffset At) : IPublishingEvent;

/// <summary>The variant will not be published. <paramref name="NeedsHuman"/>: a person must act (an expired token, rejected content) — ready to escalate.</summary>
public sealed record VariantPublishFailed(string PostId, string ChannelId, string Reason, DateTimeOffset At, bool NeedsHuman = false) : IPublishingEvent;

/// <summary>
/// Publishing of a variant waits until <paramref name="Until"/>: after a failed attempt (<paramref name="AfterAttempt"/>),
/// or before one, for the network's quota or the channel's posting window.
/// </summary>
public sealed record VariantPublishDeferred(string PostId, string ChannelId, string Reason, DateTimeOffset Until, bool AfterAttempt, DateTimeOffset At) : IPublishingEvent;

public sealed record PostExpired(string PostId, DateTimeOffset At) : IPublishingEvent;
