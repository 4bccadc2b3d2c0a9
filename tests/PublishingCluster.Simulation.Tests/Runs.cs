using PublishingCluster.Simulation.Results;
using PublishingCluster.Simulation.Running;
using PublishingCluster.Simulation.Scenarios;

namespace PublishingCluster.Simulation.Tests;

/// <summary>Runs a scenario as fast as it goes, in memory unless told otherwise, in a folder of its own.</summary>
internal static class Runs
{
    public static async Task<RunSummary> SummaryOfAsync(Scenario scenario, JournalKind journal = JournalKind.Memory)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"simulation-tests-{Environment.ProcessId}-{Interlocked.Increment(ref _next)}");
        try
        {
            var outcome = await new SimulationRun(scenario, new RunOptions(journal, null, folder, null)).RunAsync();
            return outcome.Summary;
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    /// <summary>A small scenario: few accounts on two networks, hourly steps, reliable networks unless a test says otherwise.</summary>
    public static Scenario Small(int accounts, int days, int seed = 1) => new()
    {
        Name = "test",
        Seed = seed,
        Accounts = accounts,
        Days = days,
        ChannelsPerAccount = 2,
        StepMinutes = 60,
        NetworkFaults = new NetworkFaults { FailureRate = 0, RateLimitRate = 0, LostAnswerRate = 0 },
    };

    private static int _next;
}
