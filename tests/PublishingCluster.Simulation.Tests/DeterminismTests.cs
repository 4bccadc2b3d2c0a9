using PublishingCluster.Simulation.Results;
using PublishingCluster.Simulation.Scenarios;

namespace PublishingCluster.Simulation.Tests;

/// <summary>The same seed and scenario give the same summary, byte for byte; another seed gives another.</summary>
public sealed class DeterminismTests
{
    private static Scenario Scenario(int seed) => Runs.Small(accounts: 12, days: 10, seed) with
    {
        StepMinutes = 30,
        // Faults on, so retries, lost answers and lookups are part of what must repeat.
        NetworkFaults = new NetworkFaults { FailureRate = 0.05, RateLimitRate = 0.02, LostAnswerRate = 0.02 },
        Audience = new AudienceScenario { SpikeRate = 0.05 },
    };

    [Fact]
    public async Task Two_runs_with_the_same_seed_give_identical_summaries()
    {
        var first = SummaryJson.Write(await Runs.SummaryOfAsync(Scenario(seed: 7)));
        var second = SummaryJson.Write(await Runs.SummaryOfAsync(Scenario(seed: 7)));

        Assert.Equal(first, second);
        // Not an empty run that is trivially equal: things happened.
        var summary = System.Text.Json.JsonDocument.Parse(first).RootElement;
        Assert.True(summary.GetProperty("posts").GetProperty("published").GetInt32() > 50, first);
        Assert.True(summary.GetProperty("posts").GetProperty("retries").GetInt32() > 0, first);
        Assert.True(summary.GetProperty("engagements").GetProperty("received").GetInt32() > 0, first);
        Assert.True(summary.GetProperty("partnershipHealth").GetProperty("contacts").GetInt32() > 0, first);
    }

    [Fact]
    public async Task Different_seeds_give_different_summaries()
    {
        var first = SummaryJson.Write(await Runs.SummaryOfAsync(Scenario(seed: 7)));
        var other = SummaryJson.Write(await Runs.SummaryOfAsync(Scenario(seed: 8)));

        Assert.NotEqual(first, other);
    }
}
