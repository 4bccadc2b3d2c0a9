using System.Collections.Immutable;
using PublishingCluster.Domain.Agencies;

namespace PublishingCluster.Server.Api.ReadModels;

/// <summary>A newly issued key. <see cref="Token"/> is shown this once and stored nowhere: keep it safe.</summary>
public sealed record IssuedKey(string AgencyId, string KeyId, string Label, AgencyRole Role, ImmutableList<string> AccountIds, string Token);
