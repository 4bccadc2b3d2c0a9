using PublishingCluster.Domain.Accounts;

namespace PublishingCluster.Domain.Reporting;

/// <summary>Close every reporting period that has ended by now, issuing its report (sent by the coordinators).</summary>
public sealed record CloseReportingPeriods(string AccountId) : IAccountCommand;

/// <summary>The client has read the report; <paramref name="By"/> names who acknowledged it.</summary>
public sealed record AcknowledgeReport(string AccountId, string ReportId, string By) : IAccountCommand;

/// <summary>A reading of a goal's metric from the agency's analytics, taken at <paramref name="MeasuredAt"/>.</summary>
public sealed record RecordGoalMeasurement(string AccountId, string GoalId, decimal Value, DateTimeOffset MeasuredAt) : IAccountCommand;
