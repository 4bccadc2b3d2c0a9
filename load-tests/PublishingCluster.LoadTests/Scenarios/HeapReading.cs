using System.Diagnostics;
using System.Globalization;

namespace PublishingCluster.LoadTests.Scenarios;

/// <summary>
/// The process's memory at one moment: the managed heap after full, blocking, compacting collections (what is live,
/// whatever the collector's mood), and the working set beside it (native memory too: SQLite's page cache, the JIT).
/// </summary>
public readonly record struct HeapReading(long ManagedBytes, long WorkingSetBytes)
{
    public static HeapReading Take()
    {
        // Three rounds: finalizers run after the first can free objects only the next collection reclaims.
        for (var round = 0; round < 3; round++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        using var process = Process.GetCurrentProcess();
        return new HeapReading(GC.GetTotalMemory(forceFullCollection: false), process.WorkingSet64);
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"managed heap {ManagedBytes / 1048576.0:0.0} MiB, working set {WorkingSetBytes / 1048576.0:0.0} MiB");
}
