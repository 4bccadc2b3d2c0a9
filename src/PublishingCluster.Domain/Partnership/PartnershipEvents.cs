using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Contracts;

namespace PublishingCluster.Domain.Partnership;

/// <summary>Work with the client recorded: content requested or delivered, a recommendation made or answered, a contact logged. Applied by <see cref="PartnershipEvolution"/>.</summary>
public interface IPartnershipEvent : IAccountEvent;

public sealed record ContentRequested(string RequestId, string What, DateTimeOffset DueBy, string By, DateTimeOffset At) : IPartnershipEvent;

public sealed record ContentDelivered(string RequestId, string By, DateTimeOffset At) : IPartnershipEvent;

public sealed record RecommendationMade(string RecommendationId, string Text, DateTimeOffset ReviewBy, string By, DateTimeOffset At) : IPartnershipEvent;

public sealed record RecommendationAnswered(string RecommendationId, bool Accepted, string By, DateTimeOffset At) : IPartnershipEvent;

public sealed record ClientContactRecorded(string ContactId, ContactMedium Medium, string Summary, DateTimeOffset OccurredAt, string By, DateTimeOffset At) : IPartnershipEvent;
