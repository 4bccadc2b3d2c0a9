using PublishingCluster.Domain.Contracts;

namespace PublishingCluster.Domain.Escalations;

/// <summary>
/// How an escalation climbs: it starts with the account manager, moves to the agency lead (skipped when the
/// contract names none) after <see cref="AccountManagerMinutes"/>, and to the client's contact after a further
/// <see cref="AgencyLeadMinutes"/> (with no lead, straight from the manager after the manager's delay). Delays are
/// plain elapsed time, not business time: an escalation is about something already late.
/// <see cref="ReportAcknowledgementDays"/>: how long a report may go unacknowledged before it escalates.
/// </summary>
public sealed record EscalationLadder(int AccountManagerMinutes = 240, int AgencyLeadMinutes = 1440, int ReportAcknowledgementDays = 7)
{
    public const int MaxDelayMinutes = 60 * 24 * 90;
    public const int MaxReportAcknowledgementDays = 365;

    public static EscalationLadder Default { get; } = new();

    /// <summary>The rungs for <paramref name="roles"/>, bottom to top, each with who is on it and how long before the next (null at the top).</summary>
    public IReadOnlyList<(EscalationLevel Level, string Assignee, TimeSpan? Delay)> Rungs(Roles roles)
    {
        var rungs = new List<(EscalationLevel, string, TimeSpan?)> { (EscalationLevel.AccountManager, roles.AccountManager, TimeSpan.FromMinutes(AccountManagerMinutes)) };
        if (!string.IsNullOrWhiteSpace(roles.AgencyLead))
        {
            rungs.Add((EscalationLevel.AgencyLead, roles.AgencyLead, TimeSpan.FromMinutes(AgencyLeadMinutes)));
        }

        rungs.Add((EscalationLevel.Client, roles.ClientContentContact, null));
        return rungs;
    }
}
