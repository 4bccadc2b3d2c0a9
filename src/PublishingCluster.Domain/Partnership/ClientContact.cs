using PublishingCluster.Domain.Contracts;

namespace PublishingCluster.Domain.Partnership;

/// <summary>
/// One contact between the agency and the client (a call, an email thread, a meeting), as the account manager
/// logs it. The contract's contact policy caps how many there are in a week: more is scope creep to look at.
/// </summary>
public sealed record ClientContact(string ContactId, ContactMedium Medium, string Summary, DateTimeOffset OccurredAt, string RecordedBy);
