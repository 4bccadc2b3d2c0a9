namespace PublishingCluster.Simulation.Rehearsal;

/// <summary>Why a rehearsal cannot start or go on, in one line for the operator; <see cref="ExitCode"/>: 1 the server, 2 a flag.</summary>
public sealed class RehearsalException(string message, int exitCode = 1) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
