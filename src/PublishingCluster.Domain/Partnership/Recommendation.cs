namespace PublishingCluster.Domain.Partnership;

/// <summary>What the client made of a recommendation.</summary>
public enum RecommendationOutcome
{
    /// <summary>Not answered yet; past its review date, it counts as ignored.</summary>
    Pending,
    Accepted,
    Declined,
}

/// <summary>
/// Advice the agency gave the client ("post video on Fridays"), to be answered by <see cref="ReviewBy"/>. A
/// recommendation still pending after that date is ignored.
/// </summary>
public sealed record Recommendation(
    string RecommendationId,
    string Text,
    DateTimeOffset ReviewBy,
    string MadeBy,
    DateTimeOffset MadeAt,
    RecommendationOutcome Outcome = RecommendationOutcome.Pending,
    DateTimeOffset? AnsweredAt = null,
    string? AnsweredBy = null)
{
    public bool IsIgnoredAt(DateTimeOffset now) => Outcome == RecommendationOutcome.Pending && ReviewBy <= now;
}
