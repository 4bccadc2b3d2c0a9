using PublishingCluster.Domain.Channels;

namespace PublishingCluster.Channels.Simulated;

/// <summary>
/// When each network's audience is there to see a post: a factor per local hour and per weekday, near 1 at the
/// network's best times and well under it at night. The curves follow what agencies publish as best times (LinkedIn
/// on weekday mornings, Instagram at lunch and in the evening, TikTok at night), smoothed so that an hour next to a
/// peak still does well.
/// </summary>
public static class BestTimes
{
    private static readonly Dictionary<Network, (int[] PeakHours, double[] Weekdays)> Curves = new()
    {
        // Weekdays from Sunday to Saturday.
        [Network.X] = ([9, 12, 17], [0.6, 0.9, 1.0, 1.0, 1.0, 0.9, 0.6]),
        [Network.LinkedIn] = ([8, 10, 12], [0.3, 0.9, 1.0, 1.0, 1.0, 0.8, 0.3]),
        [Network.Facebook] = ([9, 13, 15], [0.7, 0.9, 0.9, 1.0, 1.0, 1.0, 0.8]),
        [Network.Instagram] = ([11, 13, 20], [0.9, 0.9, 0.9, 1.0, 0.9, 0.9, 1.0]),
        [Network.Pinterest] = ([14, 20, 21], [1.0, 0.8, 0.8, 0.8, 0.8, 0.9, 1.0]),
        [Network.TikTok] = ([19, 21, 22], [1.0, 0.8, 0.9, 0.9, 1.0, 1.0, 1.0]),
        [Network.Threads] = ([9, 13, 19], [0.8, 0.9, 1.0, 1.0, 1.0, 0.9, 0.8]),
        [Network.Bluesky] = ([9, 12, 18], [0.8, 1.0, 1.0, 1.0, 1.0, 0.9, 0.8]),
        [Network.Mastodon] = ([10, 14, 20], [0.9, 1.0, 1.0, 1.0, 1.0, 0.9, 0.9]),
    };

    /// <summary>How well a post published at <paramref name="local"/> (the profile's local time) is seen: (0, 1].</summary>
    public static double Factor(Network network, DateTime local)
    {
        var (peaks, weekdays) = Curves[network];
        var hour = local.Hour + (local.Minute / 60.0);
        // Each peak is a bump two hours wide; the best of them counts, over a floor for the small hours.
        var best = peaks.Max(peak => Math.Exp(-Math.Pow(CircularDistance(hour, peak) / 2.0, 2)));
        return Math.Max(0.08, best) * weekdays[(int)local.DayOfWeek];
    }

    /// <summary>The network's hours from best to worst (ties by hour), for agencies that pick slots by them.</summary>
    public static IReadOnlyList<int> HoursBestFirst(Network network) =>
        [.. Enumerable.Range(0, 24).OrderByDescending(h => Factor(network, new DateTime(2027, 1, 6, h, 0, 0))).ThenBy(h => h)];

    private static double CircularDistance(double hour, int peak)
    {
        var d = Math.Abs(hour - peak);
        return Math.Min(d, 24 - d);
    }
}
