using Akka.Actor;
using PublishingCluster.Actors.Posting;
using PublishingCluster.Actors.Standing;
using PublishingCluster.Actors.Telemetry;
using PublishingCluster.Domain.Channels;
using PublishingCluster.Domain.Publishing;

namespace PublishingCluster.Actors.Accounts;

/// <summary>
/// Who an account works with: the posting coordinator's region (to say when it is next due), the node's channel
/// gateways (to publish), the publishing policy, the node's metrics (none by default) and the node's permit (which
/// says whether the node still holds its accounts; none: always). <see cref="None"/> leaves an account on its own
/// (unit tests).
/// </summary>
public sealed record AccountCollaborators(
    IActorRef PostingRegion,
    PostingPartitions Partitions,
    Func<Network, IActorRef> Gateway,
    PublishingPolicy Policy,
    PublishingMetrics? Metrics = null,
    SendPermit? Permit = null)
{
    private static readonly SendPermit Always = SendPermit.WithoutLease();

    public PublishingMetrics MetricsOrNone => Metrics ?? PublishingMetrics.None;

    public SendPermit PermitOrAlways => Permit ?? Always;

    public static AccountCollaborators None { get; } = new(ActorRefs.Nobody, new PostingPartitions(1), _ => ActorRefs.Nobody, PublishingPolicy.Default);
}
