using Akka.Cluster.Sharding;
using PublishingCluster.Actors.Agencies;

namespace PublishingCluster.Actors.Sharding;

/// <summary>Routes agency messages by agency id, like <see cref="AccountMessageExtractor"/> does for accounts.</summary>
public sealed class AgencyMessageExtractor(int maxNumberOfShards) : HashCodeMessageExtractor(maxNumberOfShards)
{
    public const string RegionName = "agency";

    public override string? EntityId(object message) => (message as IWithAgencyId)?.AgencyId;
}
