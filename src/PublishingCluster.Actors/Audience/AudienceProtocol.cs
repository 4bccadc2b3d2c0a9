using PublishingCluster.Channels.Simulated;

namespace PublishingCluster.Actors.Audience;

/// <summary>Deliver every engagement the simulated audience has due by <paramref name="Now"/>; answered with <see cref="EngagementsDelivered"/>.</summary>
public sealed record DeliverEngagements(DateTimeOffset Now);

/// <summary>What a delivery did: each engagement with the account's answer (accepted, or why not).</summary>
public sealed record EngagementsDelivered(DateTimeOffset Now, IReadOnlyList<DeliveredEngagement> Engagements);

/// <summary>One engagement handed to its account; <paramref name="Problem"/> is null when the account recorded it.</summary>
public sealed record DeliveredEngagement(AudienceEngagement Engagement, string? Problem);
