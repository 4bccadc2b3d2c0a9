using System.Collections.Immutable;
using PublishingCluster.Domain.Escalations;

namespace PublishingCluster.Domain.Engagement;

/// <summary>
/// An account's engagement monitoring: the engagements received and the escalations raised, by id, and the
/// instant of the last negative spike reported (a new spike counts only engagements after it).
/// </summary>
public sealed record AccountEngagement(
    ImmutableSortedDictionary<string, EngagementItem> Engagements,
    ImmutableSortedDictionary<string, Escalation> Escalations,
    DateTimeOffset? LastSpikeAt)
{
    public static AccountEngagement Empty { get; } = new(
        ImmutableSortedDictionary<string, EngagementItem>.Empty.WithComparers(StringComparer.Ordinal),
        ImmutableSortedDictionary<string, Escalation>.Empty.WithComparers(StringComparer.Ordinal),
        null);
}
