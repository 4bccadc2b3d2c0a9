using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.Options;
using PublishingCluster.Actors.Gateways;
using PublishingCluster.Actors.Posting;
using PublishingCluster.Operations.NodeAccess;
using PublishingCluster.Server.Hosting;

namespace PublishingCluster.Server.Commands;

/// <summary>The node's actors the palettes ask, from Akka.Hosting's registry, where the node's wiring put them.</summary>
public sealed class RegisteredNodeActors(
    IRequiredActor<PostingRegion> posting,
    IRequiredActor<ChannelGateways> gateways,
    IOptions<NetworkOptions> networks) : INodeActors
{
    public PostingPartitions PostingPartitions { get; } = new(networks.Value.PostingPartitions);

    public Task<IActorRef> PostingRegionAsync(CancellationToken cancellationToken) => posting.GetAsync(cancellationToken);

    public Task<IActorRef> ChannelGatewaysAsync(CancellationToken cancellationToken) => gateways.GetAsync(cancellationToken);
}
