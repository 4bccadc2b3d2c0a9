using Akka.Hosting;

namespace PublishingCluster.Actors.Standing;

/// <summary>Registry key of the node's standing (<see cref="NodeStandingActor"/>): whether it may send and write.</summary>
public sealed class NodeStanding;

/// <summary>How a node keeps its standing in the cluster.</summary>
public static class StandingRegistration
{
    /// <summary>
    /// The actor that keeps <paramref name="permit"/>: renews the node's lease every <paramref name="renewEvery"/> on
    /// <paramref name="leases"/> (none: a node without a lease), revokes downed nodes' leases and closes the permit
    /// when this node is downed.
    /// </summary>
    public static AkkaConfigurationBuilder AddNodeStanding(this AkkaConfigurationBuilder builder, SendPermit permit, INodeLeases? leases, TimeSpan renewEvery) =>
        builder.WithActors((system, registry) => registry.Register<NodeStanding>(
            system.ActorOf(NodeStandingActor.PropsFor(permit, leases, renewEvery), "node-standing")));
}
