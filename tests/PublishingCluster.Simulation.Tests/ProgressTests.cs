using PublishingCluster.Simulation.Running;

namespace PublishingCluster.Simulation.Tests;

/// <summary>The observer a host gives a run: told where the run stands after opening, after every step, before collecting.</summary>
public sealed class ProgressTests
{
    [Fact]
    public async Task The_observer_follows_the_run_step_by_step_to_what_the_summary_says()
    {
        var scenario = Runs.Small(accounts: 3, days: 2);
        var seen = new List<SimulationProgress>();
        var folder = Path.Combine(Path.GetTempPath(), $"simulation-progress-{Guid.NewGuid():N}");

        var outcome = await new SimulationRun(scenario, RunOptions.InMemory(folder) with { Observer = seen.Add }).RunAsync();

        Assert.Equal([SimulationStage.Opening, SimulationStage.Stepping], seen.Take(2).Select(p => p.Stage));
        Assert.All(seen.Take(2), p => Assert.Equal((scenario.Start, 1, 0), (p.Simulated, p.Day, p.Steps)));
        var steps = seen.Where(p => p.Stage == SimulationStage.Stepping).Skip(1).ToList();
        Assert.Equal(Enumerable.Range(1, 48), steps.Select(p => p.Steps));
        Assert.Equal(Enumerable.Range(1, 48).Select(n => scenario.Start.AddHours(n)), steps.Select(p => p.Simulated));
        // The step that reaches midnight is done: the next day is under way.
        Assert.Equal(2, steps.Single(p => p.Steps == 24).Day);
        Assert.Equal(1, steps.Single(p => p.Steps == 23).Day);
        Assert.True(seen.Zip(seen.Skip(1), (before, after) => after.Events >= before.Events && after.Published >= before.Published && after.Wall >= before.Wall).All(rising => rising));
        var last = seen[^1];
        Assert.Equal((SimulationStage.Collecting, scenario.End, 2, 2, 48, 3), (last.Stage, last.Simulated, last.Day, last.Days, last.Steps, last.Accounts));
        Assert.Equal(outcome.Summary.Network.Publications, last.Published);
        Assert.True(last.Events > 0);
        Assert.Equal(2 + 48 + 1, seen.Count);
    }
}
