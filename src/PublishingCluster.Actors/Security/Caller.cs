namespace PublishingCluster.Actors.Security;

/// <summary>
/// Who sent a request, as the edge authenticated them: the key (or "operator", or "system" for the node's own
/// coordinators), its role, and the agency it belongs to. An account answers a caller of another agency as if
/// the account did not exist; a caller without an agency (the operator, the system) sees every account.
/// </summary>
public sealed record Caller(string Subject, string Role, string? AgencyId)
{
    public const string OperatorRole = "Operator";
    public const string SystemRole = "System";

    public static Caller System { get; } = new("system", SystemRole, null);

    public bool MaySee(string accountAgencyId) => AgencyId is null || AgencyId == accountAgencyId;
}
