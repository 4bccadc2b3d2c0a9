namespace PublishingCluster.Domain.Partnership;

/// <summary>
/// What the contract expects of the client as a partner: <see cref="ApprovalTurnaroundHours"/>, how long a post may
/// wait for the client's approval before it escalates; <see cref="HealthThreshold"/>, the partnership health score
/// (0 to 100) below which a closed period's report raises an escalation.
/// </summary>
public sealed record PartnershipTerms(int ApprovalTurnaroundHours = 48, int HealthThreshold = 60)
{
    public const int MaxApprovalTurnaroundHours = 24 * 90;

    public static PartnershipTerms Default { get; } = new();
}
