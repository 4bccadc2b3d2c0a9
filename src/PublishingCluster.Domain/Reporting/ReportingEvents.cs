using PublishingCluster.Domain.Accounts;

namespace PublishingCluster.Domain.Reporting;

/// <summary>A report issued or acknowledged, or a goal measured. Applied by <see cref="ReportingEvolution"/>.</summary>
public interface IReportingEvent : IAccountEvent;

/// <summary>A reporting period closed and its report was issued to the client.</summary>
public sealed record ReportIssued(PeriodReport Report, DateTimeOffset At) : IReportingEvent;

public sealed record ReportAcknowledged(string ReportId, string By, DateTimeOffset At) : IReportingEvent;

public sealed record GoalMeasured(string GoalId, decimal Value, DateTimeOffset MeasuredAt, DateTimeOffset At) : IReportingEvent;
