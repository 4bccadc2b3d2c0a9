using PublishingCluster.Domain.Accounts;

namespace PublishingCluster.Domain.Reporting;

/// <summary>How reporting's events change the account: periods closed with their reports, acknowledgements, goal readings.</summary>
internal static class ReportingEvolution
{
    public static AccountState Apply(AccountState state, IReportingEvent @event) => @event switch
    {
        ReportIssued e => WithReporting(state, r => r with
        {
            ClosedThrough = e.Report.Period.Until,
            Reports = r.Reports.SetItem(e.Report.ReportId, e.Report),
        }),
        ReportAcknowledged e => WithReporting(state, r => r with
        {
            Reports = r.Reports.SetItem(e.ReportId, r.Reports[e.ReportId] with { AcknowledgedAt = e.At, AcknowledgedBy = e.By }),
        }),
        GoalMeasured e => WithReporting(state, r => r with
        {
            Measurements = r.Measurements.SetItem(e.GoalId, [.. r.MeasurementsOf(e.GoalId), new GoalMeasurement(e.Value, e.MeasuredAt)]),
        }),
        _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "Unknown reporting event."),
    };

    private static AccountState WithReporting(AccountState state, Func<AccountReporting, AccountReporting> change) =>
        state with { Reporting = change(state.ReportingOrEmpty()) };
}
