using System.Collections.Immutable;
using PublishingCluster.Domain.Channels;
using PublishingCluster.Domain.Contracts;
using PublishingCluster.Domain.Engagement;

namespace PublishingCluster.Server.Api.Requests;

// The request bodies of the HTTP API. Constructor parameters without a default are required; the contract
// and its parts are the domain's own records, so the API speaks the domain's vocabulary.

/// <summary>The account is opened for the caller's agency.</summary>
public sealed record OpenAccountRequest(string Name, Contract Contract);

public sealed record UpdateContractRequest(Contract Contract);

public sealed record ConnectChannelRequest(
    Network Network,
    string Handle,
    string TimeZone,
    ImmutableList<PostingWindow>? PostingWindows = null,
    ImmutableList<QueueSlot>? QueueSlots = null);

public sealed record CreatePostRequest(string Title, ImmutableList<VariantRequest> Variants);

public sealed record VariantRequest(string ChannelId, string Text, ImmutableList<string>? Media = null);

public sealed record RejectPostRequest(string Reason);

public sealed record CancelPostRequest(string? Reason = null);

/// <summary>Either <c>at</c> (an instant with its offset) or <c>nextSlot: true</c>, never both.</summary>
public sealed record ScheduleRequest(DateTimeOffset? At = null, bool NextSlot = false);

/// <summary>A reading of a goal's metric: its value and when it was taken (ISO 8601 with offset).</summary>
public sealed record RecordMeasurementRequest(decimal Value, DateTimeOffset MeasuredAt);

/// <summary>Moves a virtual clock: on by <see cref="AdvanceBy"/> or to <see cref="To"/> (not both), and/or sets its speed.</summary>
public sealed record ClockRequest(TimeSpan? AdvanceBy = null, DateTimeOffset? To = null, double? Speed = null);

/// <summary>
/// An engagement that reached one of the account's channels. <see cref="EngagementId"/> is the source's id (letters,
/// digits, '-' and '_'): sending the same engagement again changes nothing. Without a sentiment the account classifies the text.
/// </summary>
public sealed record ReceiveEngagementRequest(
    string EngagementId,
    string ChannelId,
    EngagementKind Kind,
    string Author,
    string Text,
    DateTimeOffset ReceivedAt,
    Sentiment? Sentiment = null);

/// <summary>An answer to an engagement, given as the caller.</summary>
public sealed record RespondToEngagementRequest(string Text);

/// <summary>Who is to handle the engagement.</summary>
public sealed record AssignEngagementRequest(string To);

/// <summary>Ask the client for something by a date. <see cref="RequestId"/> is the caller's: the same request again changes nothing.</summary>
public sealed record RequestContentRequest(string RequestId, string What, DateTimeOffset DueBy);

/// <summary>Advise the client, to be answered by a date. <see cref="RecommendationId"/> is the caller's, as for content requests.</summary>
public sealed record MakeRecommendationRequest(string RecommendationId, string Text, DateTimeOffset ReviewBy);

/// <summary>The client's answer to a recommendation.</summary>
public sealed record AnswerRecommendationRequest(bool Accepted);

/// <summary>A contact with the client that happened at <see cref="OccurredAt"/>. <see cref="ContactId"/> is the caller's.</summary>
public sealed record RecordContactRequest(string ContactId, ContactMedium Medium, string Summary, DateTimeOffset OccurredAt);
