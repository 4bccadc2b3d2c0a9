using System.Collections.Immutable;
using PublishingCluster.Domain.Agencies;
using PublishingCluster.Domain.Common;

namespace PublishingCluster.Actors.Agencies;

/// <summary>
/// The agency family of the cluster protocol: what is sent to an agency (from any node's authentication and
/// routes) and what it answers. Bound to the cluster protocol serializer in hocon/akka.hocon.
/// </summary>
public interface IAgencyProtocol;

/// <summary>Every message for an agency names it; the agency shard region routes on this id.</summary>
public interface IWithAgencyId : IAgencyProtocol
{
    string AgencyId { get; }
}

public sealed record ExecuteAgency(IAgencyCommand Command, DateTimeOffset Now) : IWithAgencyId
{
    public string AgencyId => Command.AgencyId;
}

public sealed record GetAgency(string AgencyId) : IWithAgencyId;

/// <summary>Checks a presented key: its id and the hash of its secret.</summary>
public sealed record Authenticate(string AgencyId, string KeyId, string SecretHash) : IWithAgencyId;

public interface IAgencyReply : IAgencyProtocol;

public sealed record AgencyCommandAccepted(string AgencyId, long Version) : IAgencyReply;

public sealed record AgencyCommandRejected(string AgencyId, Rejection Rejection) : IAgencyReply;

public sealed record AgencyCommandFailed(string AgencyId, string Reason) : IAgencyReply;

/// <summary>The agency and its keys, without their secret hashes.</summary>
public sealed record AgencyFound(string AgencyId, string Name, DateTimeOffset RegisteredAt, ImmutableList<KeyInfo> Keys) : IAgencyReply;

public sealed record KeyInfo(string KeyId, string Label, AgencyRole Role, ImmutableList<string> AccountIds, DateTimeOffset IssuedAt, DateTimeOffset? RevokedAt);

public sealed record Authenticated(string AgencyId, string KeyId, AgencyRole Role, ImmutableList<string> AccountIds) : IAgencyReply;

/// <summary>Unknown agency, unknown or revoked key, or wrong secret: deliberately indistinguishable.</summary>
public sealed record NotAuthenticated(string AgencyId) : IAgencyReply;
