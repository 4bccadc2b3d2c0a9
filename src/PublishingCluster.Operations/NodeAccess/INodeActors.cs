using Akka.Actor;
using PublishingCluster.Actors.Posting;

namespace PublishingCluster.Operations.NodeAccess;

/// <summary>The node's actors that the palettes ask, as the host started and registered them.</summary>
public interface INodeActors
{
    /// <summary>The posting coordinators' shard region: one coordinator per partition of <see cref="PostingPartitions"/>.</summary>
    Task<IActorRef> PostingRegionAsync(CancellationToken cancellationToken);

    /// <summary>How the accounts are split between the posting coordinators.</summary>
    PostingPartitions PostingPartitions { get; }

    /// <summary>The node's channel gateways, one per network.</summary>
    Task<IActorRef> ChannelGatewaysAsync(CancellationToken cancellationToken);
}
