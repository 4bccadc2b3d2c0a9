using Akka.Actor;
using Akka.Hosting;
using PublishingCluster.Actors.Accounts;
using PublishingCluster.Actors.Standing;
using PublishingCluster.Actors.Telemetry;
using PublishingCluster.Channels;
using PublishingCluster.Domain.Channels;

namespace PublishingCluster.Actors.Gateways;

/// <summary>Registry key of the node's channel gateways (<see cref="ChannelGatewaysActor"/>).</summary>
public sealed class ChannelGateways;

/// <summary>How a node starts its channel gateways.</summary>
public static class GatewayRegistration
{
    /// <summary>One gateway per network, answering the accounts through the account region.</summary>
    /// <param name="adapters">Given the actor system, the node's channel adapters (made when the node starts).</param>
    /// <param name="maxInFlight">Sends in flight per network at most.</param>
    public static AkkaConfigurationBuilder AddChannelGateways(
        this AkkaConfigurationBuilder builder,
        Func<ActorSystem, IReadOnlyDictionary<Network, IChannelAdapter>> adapters,
        TimeProvider clock,
        int maxInFlight,
        PublishingMetrics? metrics = null,
        SendPermit? permit = null) =>
        builder.WithActors((system, registry) => registry.Register<ChannelGateways>(system.ActorOf(
            ChannelGatewaysActor.PropsFor(adapters(system), registry.Get<AccountRegion>(), clock, maxInFlight, metrics, permit), "channel-gateways")));
}
