using System.Collections.Immutable;

namespace PublishingCluster.Domain.Agencies;

public interface IAgencyCommand
{
    string AgencyId { get; }
}

public sealed record RegisterAgency(string AgencyId, string Name) : IAgencyCommand;

/// <summary>Issues a key. The edge makes the secret and passes only its hash; the secret is shown once, never stored.</summary>
public sealed record IssueApiKey(string AgencyId, string KeyId, string Label, AgencyRole Role, ImmutableList<string> AccountIds, string SecretHash) : IAgencyCommand;

public sealed record RevokeApiKey(string AgencyId, string KeyId) : IAgencyCommand;

public interface IAgencyEvent
{
    DateTimeOffset At { get; }
}

public sealed record AgencyRegistered(string AgencyId, string Name, DateTimeOffset At) : IAgencyEvent;

public sealed record ApiKeyIssued(string KeyId, string Label, AgencyRole Role, ImmutableList<string> AccountIds, string SecretHash, DateTimeOffset At) : IAgencyEvent;

public sealed record ApiKeyRevoked(string KeyId, DateTimeOffset At) : IAgencyEvent;
