using System.Globalization;
using PublishingCluster.Actors.Clocks;

namespace PublishingCluster.Server.Hosting;

/// <summary>
/// The node's one clock, from <see cref="NodeOptions.Clock"/>: the wall clock (the default), or a
/// <see cref="VirtualClock"/> starting at <see cref="NodeOptions.ClockStart"/> and running at
/// <see cref="NodeOptions.ClockSpeed"/> (0: still until an operator moves it).
/// </summary>
public static class NodeClock
{
    public static TimeProvider From(NodeOptions node)
    {
        switch (node.Clock.ToLowerInvariant())
        {
            case "real":
                return TimeProvider.System;
            case "virtual":
                var start = DateTimeOffset.UtcNow;
                if (!string.IsNullOrWhiteSpace(node.ClockStart)
                    && !DateTimeOffset.TryParse(node.ClockStart, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out start))
                {
                    throw new InvalidOperationException($"--clock-start '{node.ClockStart}' is not a time; give an ISO 8601 instant such as 2027-03-01T00:00:00Z.");
                }

                if (!VirtualClock.IsValidSpeed(node.ClockSpeed))
                {
                    throw new InvalidOperationException($"--clock-speed {node.ClockSpeed} is out of range: 0 (still) to 1,000,000.");
                }

                return new VirtualClock(start, node.ClockSpeed);
            default:
                throw new InvalidOperationException($"--clock '{node.Clock}' is unknown: 'real' or 'virtual'.");
        }
    }
}
