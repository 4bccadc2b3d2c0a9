using System.Collections.Immutable;

namespace PublishingCluster.Domain.Engagement;

/// <summary>What reached a channel from its audience.</summary>
public enum EngagementKind
{
    Comment,
    Mention,
    DirectMessage,
    Review,
}

/// <summary>
/// One engagement as the account tracks it: what arrived, by when it must first be answered, who is on it, the
/// answers given and whether it is closed. A closed engagement takes no more answers.
/// </summary>
public sealed record EngagementItem(
    string EngagementId,
    string ChannelId,
    EngagementKind Kind,
    string Author,
    string Text,
    Sentiment Sentiment,
    DateTimeOffset ReceivedAt,
    DateTimeOffset RespondBy,
    ImmutableList<EngagementResponse> Responses,
    string? AssignedTo = null,
    DateTimeOffset? ClosedAt = null,
    string? ClosedBy = null)
{
    /// <summary>Still awaiting work: not closed.</summary>
    public bool IsOpen() => ClosedAt is null;

    /// <summary>Whether the SLA's first response is still owed.</summary>
    public bool AwaitsFirstResponse() => IsOpen() && Responses.IsEmpty;
}

/// <summary>One answer to an engagement, and who gave it.</summary>
public sealed record EngagementResponse(string By, string Text, DateTimeOffset At);
