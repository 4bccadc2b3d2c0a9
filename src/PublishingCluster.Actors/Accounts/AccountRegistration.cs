using Akka.Hosting;
using PublishingCluster.Actors.Gateways;
using PublishingCluster.Actors.Posting;
using PublishingCluster.Actors.Sharding;
using PublishingCluster.Actors.Standing;
using PublishingCluster.Actors.Telemetry;
using PublishingCluster.Domain.Publishing;

namespace PublishingCluster.Actors.Accounts;

/// <summary>Registry key of the account region (sharded or local).</summary>
public sealed class AccountRegion;

/// <summary>How a node starts its client accounts.</summary>
public static class AccountRegistration
{
    /// <summary>
    /// The account region: one <see cref="ClientAccountActor"/> per account id, working with the posting region and
    /// the channel gateways (<see cref="PostingRegistration"/>, <see cref="GatewayRegistration"/>).
    /// </summary>
    public static AkkaConfigurationBuilder AddAccounts(
        this AkkaConfigurationBuilder builder,
        Regions regions,
        ClientAccountSettings settings,
        PostingPartitions partitions,
        PublishingMetrics? metrics = null,
        SendPermit? permit = null) =>
        builder.WithEntityRegion<AccountRegion>(
            regions,
            AccountMessageExtractor.RegionName,
            // Collaborators are looked up when an account starts, by which time the posting region and the gateways
            // are registered too.
            (_, registry) => accountId => ClientAccountActor.PropsFor(accountId, settings, new AccountCollaborators(
                registry.Get<PostingRegion>(), partitions, _ => registry.Get<ChannelGateways>(), PublishingPolicy.Default, metrics, permit)),
            new AccountMessageExtractor(regions.Shards));
}
