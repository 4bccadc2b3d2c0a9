using PublishingCluster.Domain.Accounts;

namespace PublishingCluster.Domain.Engagement;

/// <summary>
/// An engagement arrived on a channel. <paramref name="Sentiment"/> null: the account classifies the text. Sending
/// the same engagement again (same id and content) changes nothing; the same id with other content is refused.
/// </summary>
public sealed record ReceiveEngagement(
    string AccountId,
    string EngagementId,
    string ChannelId,
    EngagementKind Kind,
    string Author,
    string Text,
    Sentiment? Sentiment,
    DateTimeOffset ReceivedAt) : IAccountCommand;

public sealed record RespondToEngagement(string AccountId, string EngagementId, string By, string Text) : IAccountCommand;

public sealed record AssignEngagement(string AccountId, string EngagementId, string To) : IAccountCommand;

/// <summary>Nothing more to do on the engagement; closing it again changes nothing.</summary>
public sealed record CloseEngagement(string AccountId, string EngagementId, string By) : IAccountCommand;
