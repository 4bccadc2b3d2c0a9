using System.Collections.Immutable;
using PublishingCluster.Domain.Agencies;

namespace PublishingCluster.Server.Api.Requests;

public sealed record RegisterAgencyRequest(string AgencyId, string Name);

/// <summary>A key for someone: their label, their role and (managers, reviewers) their accounts.</summary>
public sealed record IssueKeyRequest(string Label, AgencyRole Role, ImmutableList<string>? AccountIds = null);
