using PublishingCluster.Domain.Accounts;

namespace PublishingCluster.Domain.Engagement;

/// <summary>An engagement received, answered, assigned or closed. Applied by <see cref="EngagementEvolution"/>.</summary>
public interface IEngagementEvent : IAccountEvent;

/// <summary>An engagement arrived; <paramref name="RespondBy"/> is its first-response deadline under the contract's SLA.</summary>
public sealed record EngagementReceived(
    string EngagementId,
    string ChannelId,
    EngagementKind Kind,
    string Author,
    string Text,
    Sentiment Sentiment,
    DateTimeOffset ReceivedAt,
    DateTimeOffset RespondBy,
    DateTimeOffset At) : IEngagementEvent;

public sealed record EngagementResponded(string EngagementId, string By, string Text, DateTimeOffset At) : IEngagementEvent;

public sealed record EngagementAssigned(string EngagementId, string To, DateTimeOffset At) : IEngagementEvent;

public sealed record EngagementClosed(string EngagementId, string By, DateTimeOffset At) : IEngagementEvent;
