namespace PublishingCluster.Actors.Audit;

/// <summary>
/// Who did what to which account: persisted by the account with the events of every accepted change, tagged
/// <see cref="TagFor"/> its agency so the agency's whole trail reads back in order from the journal.
/// </summary>
public sealed record AuditEntry(
    string AccountId,
    string AgencyId,
    string Subject,
    string Role,
    string Action,
    string? ResultId,
    long Version,
    DateTimeOffset At)
{
    public static string TagFor(string agencyId) => $"audit-{agencyId}";
}
