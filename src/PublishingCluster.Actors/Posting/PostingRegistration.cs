using Akka.Actor;
using Akka.Hosting;
using PublishingCluster.Actors.Accounts;
using PublishingCluster.Actors.Sharding;

namespace PublishingCluster.Actors.Posting;

/// <summary>Registry key of the posting coordinator's region (sharded or local).</summary>
public sealed class PostingRegion;

/// <summary>How a node starts the posting coordinator: its partitions, and the beat that tells them the time.</summary>
public static class PostingRegistration
{
    /// <summary>
    /// The posting region: one <see cref="PostingPartitionActor"/> per partition id, waking accounts through the
    /// account region.
    /// </summary>
    /// <param name="history">Given the actor system, the journal as a partition reads it when it rebuilds.</param>
    public static AkkaConfigurationBuilder AddPostingPartitions(
        this AkkaConfigurationBuilder builder,
        Regions regions,
        Func<ActorSystem, IPostingHistory> history) =>
        builder.WithEntityRegion<PostingRegion>(
            regions,
            PostingMessageExtractor.RegionName,
            (system, registry) =>
            {
                var journal = history(system);
                return partitionId => PostingPartitionActor.PropsFor(partitionId, registry.Get<AccountRegion>(), journal);
            },
            new PostingMessageExtractor(regions.Shards));

    /// <summary>
    /// The node's beat: every <paramref name="interval"/> the partitions learn the time from <paramref name="clock"/>
    /// (real or virtual). A node whose driver sends the ticks itself (the simulator) has none.
    /// </summary>
    public static AkkaConfigurationBuilder AddPostingBeat(
        this AkkaConfigurationBuilder builder,
        PostingPartitions partitions,
        TimeProvider clock,
        TimeSpan interval) =>
        builder.WithActors((system, registry) =>
            system.ActorOf(CoordinatorTicker.PropsFor(registry.Get<PostingRegion>(), partitions, clock, interval), "posting-ticker"));
}
