using System.Collections.Immutable;

namespace PublishingCluster.Domain.Partnership;

/// <summary>
/// The account's record of working with its client: content asked for, posts waiting for or answered by the client
/// (keyed by post id; a post sent again after a rejection replaces its earlier wait), recommendations and contacts.
/// Partnership health is computed from it (<see cref="PartnershipHealth"/>).
/// </summary>
public sealed record AccountPartnership(
    ImmutableSortedDictionary<string, ContentRequest> ContentRequests,
    ImmutableSortedDictionary<string, ApprovalWait> Approvals,
    ImmutableSortedDictionary<string, Recommendation> Recommendations,
    ImmutableSortedDictionary<string, ClientContact> Contacts)
{
    public static AccountPartnership Empty { get; } = new(
        ImmutableSortedDictionary<string, ContentRequest>.Empty.WithComparers(StringComparer.Ordinal),
        ImmutableSortedDictionary<string, ApprovalWait>.Empty.WithComparers(StringComparer.Ordinal),
        ImmutableSortedDictionary<string, Recommendation>.Empty.WithComparers(StringComparer.Ordinal),
        ImmutableSortedDictionary<string, ClientContact>.Empty.WithComparers(StringComparer.Ordinal));
}
