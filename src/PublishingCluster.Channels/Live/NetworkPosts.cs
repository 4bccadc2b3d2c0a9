using PublishingCluster.Domain.Engagement;

namespace PublishingCluster.Channels.Live;

/// <summary>
/// A post (or a reply) to publish. <see cref="IdempotencyKey"/> is the variant's stable key; a network that takes
/// a caller's key gets it, or something derived from it.
/// </summary>
/// <param name="InReplyTo">The <see cref="NetworkMention.ExternalId"/> this answers, for a reply.</param>
public sealed record NetworkPostDraft(string IdempotencyKey, string Text, IReadOnlyList<string> Media, string? InReplyTo = null);

/// <summary>A post as the network holds it: its id, its public address and when the network says it was made.</summary>
public sealed record NetworkPost(string ExternalId, string Url, DateTimeOffset At);

/// <summary>
/// A mention of or comment on the profile. <see cref="ExternalId"/> is what a reply needs to thread under it
/// (a network needing more than one id encodes them in it).
/// </summary>
public sealed record NetworkMention(string ExternalId, EngagementKind Kind, string Author, string Text, DateTimeOffset At);

/// <summary>Mentions newer than the cursor that was passed, oldest first, and the cursor to pass next.</summary>
public sealed record MentionPage(IReadOnlyList<NetworkMention> Mentions, string? Cursor);
