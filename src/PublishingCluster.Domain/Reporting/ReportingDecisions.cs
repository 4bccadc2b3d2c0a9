using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Common;
using PublishingCluster.Domain.Contracts;

namespace PublishingCluster.Domain.Reporting;

/// <summary>
/// Reporting periods and their reports. Periods are in the account's time zone (its contract's business hours);
/// the cadence in force when a period starts decides its length, so a changed cadence applies from the next one.
/// </summary>
public static class ReportingDecisions
{
    /// <summary>
    /// How many periods one close may issue. An account that was not woken for a long time (a node down for
    /// weeks) catches up in steps; its next due time stays in the past until it has.
    /// </summary>
    public const int MaxPeriodsPerClose = 53;

    /// <summary>The earliest time a goal's reading may be taken at: before it, a date is a mistake, not history.</summary>
    public static readonly DateTimeOffset EarliestMeasurement = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The period under way: from the day after the last closed one (or the day the account opened).</summary>
    public static ReportingPeriod CurrentPeriod(AccountState state)
    {
        var zone = ZoneOf(state);
        var from = state.ReportingOrEmpty().ClosedThrough ?? DateOnly.FromDateTime(TimeZones.ToLocal(state.OpenedAt, zone));
        return ReportingPeriod.StartingOn(state.OpenContract.ReportingCadence, from);
    }

    /// <summary>When the period under way closes; null for an account not open.</summary>
    public static DateTimeOffset? NextClose(AccountState state) =>
        state.IsOpen ? CurrentPeriod(state).EndsAt(ZoneOf(state)) : null;

    public static Decision CloseDue(AccountState state, DateTimeOffset now)
    {
        var zone = ZoneOf(state);
        var events = new List<IAccountEvent>();
        var working = state;
        while (events.Count < MaxPeriodsPerClose)
        {
            var period = CurrentPeriod(working);
            if (period.EndsAt(zone) > now)
            {
                break;
            }

            var issued = new ReportIssued(ReportBuilder.Build(working, period, zone, now), now);
            events.Add(issued);
            working = ClientAccount.Evolve(working, issued);
        }

        return Decision.Accept(null, events);
    }

    public static Decision Acknowledge(AccountState state, AcknowledgeReport command, DateTimeOffset now)
    {
        if (!state.ReportingOrEmpty().Reports.TryGetValue(command.ReportId, out var report))
        {
            return Decision.Reject(Rejection.NotFound("reportId", "report.not-found", $"There is no report '{command.ReportId}'."));
        }

        if (string.IsNullOrWhiteSpace(command.By))
        {
            return Decision.Reject(Rejection.Invalid("by", "report.acknowledged-by-missing", "Say who acknowledges the report."));
        }

        // Acknowledging twice changes nothing: the first acknowledgement stands.
        return report.AcknowledgedAt is null
            ? Decision.Accept(report.ReportId, new ReportAcknowledged(report.ReportId, command.By, now))
            : Decision.Accept(report.ReportId);
    }

    public static Decision RecordMeasurement(AccountState state, RecordGoalMeasurement command, DateTimeOffset now)
    {
        if (state.OpenContract.Goals.All(g => g.GoalId != command.GoalId))
        {
            return Decision.Reject(Rejection.NotFound("goalId", "goal.not-found", $"The contract has no goal '{command.GoalId}'."));
        }

        if (command.Value < 0)
        {
            return Decision.Reject(Rejection.Invalid("value", "goal.value-negative", "A measured value cannot be negative."));
        }

        if (command.Value > ContractRules.MaxGoalValue)
        {
            return Decision.Reject(Rejection.Invalid("value", "goal.value-too-large", $"A measured value is at most {ContractRules.MaxGoalValue:0}."));
        }

        if (command.MeasuredAt > now)
        {
            return Decision.Reject(Rejection.Rule("measuredAt", "goal.measured-in-future", $"{command.MeasuredAt:O} is in the future (now is {now:O})."));
        }

        if (command.MeasuredAt < EarliestMeasurement)
        {
            return Decision.Reject(Rejection.Rule("measuredAt", "goal.measured-too-early", $"{command.MeasuredAt:O} is before {EarliestMeasurement:yyyy-MM-dd}; readings start in 2000."));
        }

        return Decision.Accept(command.GoalId, new GoalMeasured(command.GoalId, command.Value, command.MeasuredAt, now));
    }

    private static TimeZoneInfo ZoneOf(AccountState state) => TimeZones.Find(state.OpenContract.ResponseSla.BusinessHours.TimeZone);
}
