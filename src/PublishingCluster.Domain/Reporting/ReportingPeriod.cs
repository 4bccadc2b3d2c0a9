using PublishingCluster.Domain.Common;
using PublishingCluster.Domain.Contracts;

namespace PublishingCluster.Domain.Reporting;

/// <summary>
/// A reporting period: local calendar dates in the account's time zone, <see cref="From"/> inclusive and
/// <see cref="Until"/> exclusive. Weeks start on Monday, months on the 1st, quarters in January, April, July and
/// October. The first period of an account runs from the day it opened to the end of that week, month or quarter.
/// </summary>
public sealed record ReportingPeriod(ReportingCadence Cadence, DateOnly From, DateOnly Until)
{
    /// <summary>The period of <paramref name="cadence"/> that starts on <paramref name="from"/> (or is under way on it).</summary>
    public static ReportingPeriod StartingOn(ReportingCadence cadence, DateOnly from) => new(cadence, from, EndOfPeriodContaining(cadence, from));

    /// <summary>The first day after the week, month or quarter that contains <paramref name="date"/>.</summary>
    public static DateOnly EndOfPeriodContaining(ReportingCadence cadence, DateOnly date) => cadence switch
    {
        ReportingCadence.Weekly => date.AddDays(7 - (((int)date.DayOfWeek + 6) % 7)),
        ReportingCadence.Monthly => new DateOnly(date.Year, date.Month, 1).AddMonths(1),
        ReportingCadence.Quarterly => new DateOnly(date.Year, ((date.Month - 1) / 3 * 3) + 1, 1).AddMonths(3),
        _ => throw new ArgumentOutOfRangeException(nameof(cadence), cadence, "Unknown reporting cadence."),
    };

    /// <summary>Stable and readable: the cadence and the first day, e.g. <c>monthly-2027-03-01</c>.</summary>
    public string ReportId => $"{Cadence.ToString().ToLowerInvariant()}-{From:yyyy-MM-dd}";

    /// <summary>The instant the period starts: local midnight of <see cref="From"/> (or the first instant after, in a DST gap).</summary>
    public DateTimeOffset StartsAt(TimeZoneInfo zone) => TimeZones.ToInstant(From, TimeOnly.MinValue, zone);

    /// <summary>The instant the period closes: local midnight of <see cref="Until"/>.</summary>
    public DateTimeOffset EndsAt(TimeZoneInfo zone) => TimeZones.ToInstant(Until, TimeOnly.MinValue, zone);
}
