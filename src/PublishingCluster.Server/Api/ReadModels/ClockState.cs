namespace PublishingCluster.Server.Api.ReadModels;

/// <summary>What the node's clock says is the time, whether it is real or virtual and how fast it runs.</summary>
public sealed record ClockState(string Mode, DateTimeOffset Now, double Speed);
