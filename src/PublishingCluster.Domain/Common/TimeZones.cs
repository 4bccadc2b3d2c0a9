namespace PublishingCluster.Domain.Common;

/// <summary>
/// IANA time-zone lookup and the conversion of a wall-clock time to an instant, with explicit DST rules:
/// a local time that falls in a spring-forward gap moves forward by the gap (01:30 in a 01:00-02:00 gap
/// becomes 02:30 summer time); a local time that occurs twice in the autumn is taken at its first occurrence.
/// </summary>
public static class TimeZones
{
    public const int MaxIdLength = 64;

    public static bool TryFind(string? id, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        // The longest IANA and Windows ids are under 40 characters; an id is never a path to walk up or a NUL.
        if (string.IsNullOrWhiteSpace(id) || id.Length > MaxIdLength || id.Contains("..", StringComparison.Ordinal) || id.Contains('\0', StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException or IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            return false;
        }
    }

    public static TimeZoneInfo Find(string id) =>
        TryFind(id, out var zone) ? zone : throw new ArgumentException($"Unknown time zone '{id}'.", nameof(id));

    /// <summary>The instant at which clocks in <paramref name="zone"/> show <paramref name="date"/> <paramref name="time"/>.</summary>
    public static DateTimeOffset ToInstant(DateOnly date, TimeOnly time, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            // In the gap: read the wall time with the offset in force just before the jump, which lands
            // the instant the same distance past the jump as the wall time is past the gap's start.
            var offsetBefore = zone.GetUtcOffset(local.AddHours(-6));
            return new DateTimeOffset(local, offsetBefore).ToUniversalTime();
        }

        if (zone.IsAmbiguousTime(local))
        {
            var offsets = zone.GetAmbiguousTimeOffsets(local);
            var first = offsets.Max(); // the larger offset is the earlier instant
            return new DateTimeOffset(local, first).ToUniversalTime();
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>The wall-clock time in <paramref name="zone"/> at <paramref name="instant"/>.</summary>
    public static DateTime ToLocal(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).DateTime;

    /// <summary>The Monday that starts the local week containing <paramref name="instant"/>.</summary>
    public static DateOnly WeekStart(DateTimeOffset instant, TimeZoneInfo zone)
    {
        var local = DateOnly.FromDateTime(ToLocal(instant, zone));
        var daysSinceMonday = ((int)local.DayOfWeek + 6) % 7;
        return local.AddDays(-daysSinceMonday);
    }
}
