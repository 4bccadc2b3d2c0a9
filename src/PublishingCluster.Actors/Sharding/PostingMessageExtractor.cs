using Akka.Cluster.Sharding;
using PublishingCluster.Actors.Posting;

namespace PublishingCluster.Actors.Sharding;

/// <summary>Routes posting coordinator messages by partition id; partitions move between nodes like any entity.</summary>
public sealed class PostingMessageExtractor(int maxNumberOfShards) : HashCodeMessageExtractor(maxNumberOfShards)
{
    public const string RegionName = "posting";

    public override string? EntityId(object message) => (message as IWithPartitionId)?.PartitionId;
}
