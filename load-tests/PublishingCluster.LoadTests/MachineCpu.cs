using System.Globalization;

namespace PublishingCluster.LoadTests;

/// <summary>
/// The whole machine's CPU from /proc/stat, so a report can say how busy the machine was with other work while a
/// scenario ran: on a shared 2-core machine that is the main source of noise in the figures.
/// </summary>
public readonly record struct MachineCpu(long Busy, long Total)
{
    /// <summary>The counters now; zeros where /proc/stat does not exist (not Linux), which reports as unknown.</summary>
    public static MachineCpu Read()
    {
        const string path = "/proc/stat";
        if (!File.Exists(path))
        {
            return default;
        }

        // First line: "cpu  user nice system idle iowait irq softirq steal guest guest_nice", in clock ticks.
        var fields = File.ReadLines(path).First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Take(8).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var idle = fields[3] + fields[4];
        var total = fields.Sum();
        return new MachineCpu(total - idle, total);
    }

    /// <summary>Cores' worth of CPU the machine spent between <paramref name="before"/> and now, or null if unknown.</summary>
    public double? CoresSince(MachineCpu before)
    {
        var total = Total - before.Total;
        return total > 0 ? (double)(Busy - before.Busy) / total * Environment.ProcessorCount : null;
    }
}
