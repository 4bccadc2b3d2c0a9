namespace PublishingCluster.Simulation.Scenarios;

/// <summary>A scenario (file or flag) the simulator refuses; <see cref="Field"/> names what is wrong.</summary>
public sealed class ScenarioException(string field, string message) : Exception($"{field}: {message}")
{
    public string Field { get; } = field;
}
