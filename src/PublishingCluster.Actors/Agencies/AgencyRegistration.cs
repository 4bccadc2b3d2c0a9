using Akka.Hosting;
using PublishingCluster.Actors.Sharding;

namespace PublishingCluster.Actors.Agencies;

/// <summary>Registry key of the agency region (sharded or local).</summary>
public sealed class AgencyRegion;

/// <summary>How a node starts its agencies.</summary>
public static class AgencyRegistration
{
    /// <summary>The agency region: one <see cref="AgencyActor"/> per agency id.</summary>
    public static AkkaConfigurationBuilder AddAgencies(this AkkaConfigurationBuilder builder, Regions regions) =>
        builder.WithEntityRegion<AgencyRegion>(
            regions,
            AgencyMessageExtractor.RegionName,
            (_, _) => AgencyActor.PropsFor,
            new AgencyMessageExtractor(regions.Shards));
}
