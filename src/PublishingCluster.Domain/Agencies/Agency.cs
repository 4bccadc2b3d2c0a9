using System.Collections.Immutable;

namespace PublishingCluster.Domain.Agencies;

/// <summary>A tenant: an agency with its API keys. Keys are stored only as hashes of their secrets.</summary>
public sealed record AgencyState(
    string AgencyId,
    string Name,
    DateTimeOffset RegisteredAt,
    ImmutableSortedDictionary<string, ApiKey> Keys,
    long Version)
{
    public static AgencyState Unregistered(string agencyId) => new(
        agencyId,
        Name: string.Empty,
        RegisteredAt: default,
        Keys: ImmutableSortedDictionary<string, ApiKey>.Empty.WithComparers(StringComparer.Ordinal),
        Version: 0);

    public bool IsRegistered => Name.Length > 0;
}

/// <summary>
/// One API key. <see cref="AccountIds"/> lists the accounts an account manager is assigned to, or the one
/// account a client reviewer reviews; it is empty for an agency admin, who sees every account of the agency.
/// </summary>
public sealed record ApiKey(
    string KeyId,
    string Label,
    AgencyRole Role,
    ImmutableList<string> AccountIds,
    string SecretHash,
    DateTimeOffset IssuedAt,
    DateTimeOffset? RevokedAt = null)
{
    public bool IsActive => RevokedAt is null;
}
