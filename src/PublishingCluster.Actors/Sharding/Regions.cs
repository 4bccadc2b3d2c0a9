using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Cluster.Sharding;
using Akka.Hosting;

namespace PublishingCluster.Actors.Sharding;

/// <summary>
/// Where a family's entities live: in shard regions spread over the cluster (a server node), or as children of one
/// <see cref="LocalRegion"/> in this process (the simulator, which runs on a virtual clock without a cluster). Either
/// way the family is reached through one actor, registered under its key, that routes by the family's extractor.
/// </summary>
/// <param name="Sharded">True: a cluster shard region; false: a <see cref="LocalRegion"/>.</param>
/// <param name="Shards">Number of shards: about ten times the largest node count, never changed while data exists.</param>
public sealed record Regions(bool Sharded, int Shards)
{
    /// <summary>Entities in the cluster's shard regions, spread over <paramref name="shards"/> shards.</summary>
    public static Regions Cluster(int shards) => new(true, shards);

    /// <summary>Entities as children of one local region (the shard count only feeds the extractor, which is unused).</summary>
    public static Regions Local { get; } = new(false, 1);
}

/// <summary>Registers an entity family's region, sharded or local per <see cref="Regions"/>.</summary>
public static class RegionRegistration
{
    /// <param name="name">The region's name (the shard type name, or the local region actor's name).</param>
    /// <param name="entityProps">Given the actor system and registry at start, how to make an entity from its id.</param>
    public static AkkaConfigurationBuilder WithEntityRegion<TKey>(
        this AkkaConfigurationBuilder builder,
        Regions regions,
        string name,
        Func<ActorSystem, IActorRegistry, Func<string, Props>> entityProps,
        HashCodeMessageExtractor extractor)
    {
        if (regions.Sharded)
        {
            // Remember-entities stays off: it would also disable idle passivation (see hocon/akka.hocon).
            return builder.WithShardRegion<TKey>(name, entityProps, extractor,
                new ShardOptions { StateStoreMode = StateStoreMode.DData, RememberEntities = false });
        }

        return builder.WithActors((system, registry) =>
            registry.Register<TKey>(system.ActorOf(LocalRegion.PropsFor(extractor.EntityId, entityProps(system, registry)), name)));
    }
}
