using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using Akka.Hosting;
using Microsoft.Extensions.Options;
using PublishingCluster.Actors.Accounts;
using PublishingCluster.Actors.Sharding;
using PublishingCluster.Actors.Standing;
using PublishingCluster.Server.Hosting;

namespace PublishingCluster.Server.Api.ReadModels;

/// <summary>One member of the cluster as this node sees it.</summary>
public sealed record ClusterMember(string Address, string Status, bool Reachable, int? AccountShards);

/// <summary>Whether this node may send to the networks now (docs/architecture.md, "Sending safely across pauses and partitions").</summary>
/// <param name="Open">A send may start now.</param>
/// <param name="WaitingBecause">Why sends wait (a stale lease, a downed node's live lease), or why the node sends nothing more.</param>
public sealed record SendingState(bool Open, string? WaitingBecause);

/// <summary>The cluster as this node sees it: its own address, the members, how many account shards each holds, and whether this node may send.</summary>
public sealed record ClusterState(string Self, string? Leader, ImmutableList<ClusterMember> Members, SendingState Sending);

/// <summary>Where an account lives: its shard (fixed by its id and the shard count) and the node holding that shard now.</summary>
public sealed record AccountLocation(string AccountId, string ShardId, string? Node);

/// <summary>
/// The operator's view of membership and of where the account shards are, read from the cluster's own state and the
/// account region's statistics (every region answers for its shards), so any node can say where any account lives.
/// </summary>
public sealed class ClusterView(ActorSystem system, IRequiredActor<AccountRegion> accounts, IOptions<NodeOptions> node, SendPermit permit)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly AccountMessageExtractor _extractor = new(node.Value.Shards);

    public async Task<ClusterState> StateAsync(CancellationToken cancellationToken)
    {
        var cluster = Cluster.Get(system);
        var state = cluster.State;
        var shards = await ShardsByNodeAsync(cancellationToken) ?? new Dictionary<string, IReadOnlySet<string>>();
        var members = state.Members
            .OrderBy(m => m.Address.ToString(), StringComparer.Ordinal)
            .Select(m => new ClusterMember(
                m.Address.ToString(),
                m.Status.ToString(),
                !state.Unreachable.Contains(m),
                shards.TryGetValue(m.Address.ToString(), out var held) ? held.Count : null))
            .ToImmutableList();
        var open = permit.Allows(out var because);
        return new ClusterState(cluster.SelfAddress.ToString(), state.Leader?.ToString(), members, new SendingState(open, open ? null : because));
    }

    /// <summary>Null when the regions' statistics did not come back in time.</summary>
    public async Task<AccountLocation?> LocateAsync(string accountId, CancellationToken cancellationToken)
    {
        var shardId = _extractor.ShardId(accountId, null);
        if (await ShardsByNodeAsync(cancellationToken) is not { } shards)
        {
            return null;
        }

        var holder = shards.FirstOrDefault(pair => pair.Value.Contains(shardId)).Key;
        return new AccountLocation(accountId, shardId, holder);
    }

    /// <summary>
    /// The account shards each node's region holds. While a node is unreachable the statistics come back empty
    /// (Akka answers so when a region does not reply in time); null if no answer came at all.
    /// </summary>
    private async Task<IReadOnlyDictionary<string, IReadOnlySet<string>>?> ShardsByNodeAsync(CancellationToken cancellationToken)
    {
        var region = await accounts.GetAsync(cancellationToken);
        ClusterShardingStats stats;
        try
        {
            stats = await region.Ask<ClusterShardingStats>(new GetClusterShardingStats(Timeout), Timeout + TimeSpan.FromSeconds(5), cancellationToken);
        }
        catch (AskTimeoutException)
        {
            return null;
        }

        var self = Cluster.Get(system).SelfAddress;
        return stats.Regions.ToDictionary(
            pair => (pair.Key.HasLocalScope ? self : pair.Key).ToString(),
            pair => (IReadOnlySet<string>)pair.Value.Stats.Keys.ToHashSet(StringComparer.Ordinal),
            StringComparer.Ordinal);
    }
}
