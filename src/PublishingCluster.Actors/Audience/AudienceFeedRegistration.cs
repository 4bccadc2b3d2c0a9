using Akka.Hosting;
using PublishingCluster.Actors.Accounts;
using PublishingCluster.Channels.Simulated;

namespace PublishingCluster.Actors.Audience;

/// <summary>Registry key of the node's audience feed (<see cref="AudienceFeedActor"/>).</summary>
public sealed class AudienceFeed;

/// <summary>How a node with a simulated audience hands its engagements to the accounts.</summary>
public static class AudienceFeedRegistration
{
    /// <summary>
    /// The audience's engagements reach the accounts through the account region, as an HTTP engagement would: every
    /// <paramref name="interval"/>, or, without one, whenever the driver (the simulator) asks.
    /// </summary>
    public static AkkaConfigurationBuilder AddAudienceFeed(
        this AkkaConfigurationBuilder builder,
        SimulatedAudience audience,
        TimeProvider clock,
        TimeSpan? interval) =>
        builder.WithActors((system, registry) => registry.Register<AudienceFeed>(
            system.ActorOf(AudienceFeedActor.PropsFor(registry.Get<AccountRegion>(), audience, clock, interval), "audience-feed")));
}
