using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Contracts;

namespace PublishingCluster.Domain.Partnership;

/// <summary>
/// The agency asks the client for something (<paramref name="What"/>) by <paramref name="DueBy"/>. The same request
/// again (same id and content) changes nothing; the same id with other content is refused.
/// </summary>
public sealed record RequestContent(string AccountId, string RequestId, string What, DateTimeOffset DueBy, string By) : IAccountCommand;

/// <summary>The client handed over what a content request asked for. Delivering again changes nothing.</summary>
public sealed record DeliverContent(string AccountId, string RequestId, string By) : IAccountCommand;

/// <summary>The agency advises the client, who should answer by <paramref name="ReviewBy"/>. Repeats as for content requests.</summary>
public sealed record MakeRecommendation(string AccountId, string RecommendationId, string Text, DateTimeOffset ReviewBy, string By) : IAccountCommand;

/// <summary>The client accepts or declines a recommendation; the first answer stands, the same answer again changes nothing.</summary>
public sealed record AnswerRecommendation(string AccountId, string RecommendationId, bool Accepted, string By) : IAccountCommand;

/// <summary>A contact with the client happened (logged by <paramref name="By"/>); repeats as for content requests.</summary>
public sealed record RecordClientContact(string AccountId, string ContactId, ContactMedium Medium, string Summary, DateTimeOffset OccurredAt, string By) : IAccountCommand;
