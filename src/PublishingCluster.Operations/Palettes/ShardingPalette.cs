using Akka.Actor;
using Akka.Cluster.Sharding;

namespace PublishingCluster.Operations.Palettes;

/// <summary>
/// Cluster sharding, through Akka's own shard region queries: the regions of the node, a region's shards and
/// entities on this node (<c>GetShardRegionStats</c>) and across the cluster (<c>GetClusterShardingStats</c>), and
/// where one entity lives (<c>GetEntityLocation</c>).
/// </summary>
public sealed class ShardingPalette(ActorSystem system) : ICommandPalette
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private static readonly OptionSpec Region = new("--region", "-r", "type", "The region's type name (see 'regions').");

    public string Name => "cluster-sharding";

    public string Description => "Shard regions: their shards and entities, on this node and across the cluster.";

    public IReadOnlyList<CommandDefinition> Commands =>
    [
        new("regions", "The shard regions of the node, with their shards and entities here.", [], [], RegionsAsync),
        new("region-stats", "This node's shards of a region and the entities in each.", [], [Region], RegionStatsAsync),
        new("shard-stats", "A region's shards and entities on every node of the cluster.", [], [Region], ShardStatsAsync),
        new("entity", "Where an entity lives: its shard, the node, and whether it is running.", [], [Region, new("--entity", "-e", "id", "The entity id (an account id for the account region).")], EntityAsync),
    ];

    private ClusterSharding Sharding => ClusterSharding.Get(system);

    private async Task RegionsAsync(CommandContext context)
    {
        var rows = new List<(string Type, int Shards, int Entities)>();
        foreach (var type in Sharding.ShardTypeNames.Order(StringComparer.Ordinal))
        {
            var stats = await Sharding.ShardRegion(type).Ask<ShardRegionStats>(GetShardRegionStats.Instance, Timeout, context.Cancellation);
            rows.Add((type, stats.Stats.Count, stats.Stats.Values.Sum()));
        }

        await context.WriteAsync(
            new { regions = rows.Select(r => new { type = r.Type, shards = r.Shards, entities = r.Entities }) },
            CommandText.Table(["region", "shards here", "entities here"], rows.Select(r => (IReadOnlyList<string>)[r.Type, Count(r.Shards), Count(r.Entities)])));
    }

    private async Task RegionStatsAsync(CommandContext context)
    {
        var type = RegionType(context);
        var stats = await Sharding.ShardRegion(type).Ask<ShardRegionStats>(GetShardRegionStats.Instance, Timeout, context.Cancellation);
        var shards = stats.Stats.OrderBy(s => s.Key, StringComparer.Ordinal).ToList();
        var address = Akka.Cluster.Cluster.Get(system).SelfAddress.ToString();
        await context.WriteAsync(
            new { region = type, node = address, shards = shards.ToDictionary(s => s.Key, s => s.Value), failed = stats.Failed.Order(StringComparer.Ordinal).ToList() },
            CommandText.Table(["shard", "entities"], shards.Select(s => (IReadOnlyList<string>)[s.Key, Count(s.Value)]))
                .Append($"{address}: {Count(shards.Count)} shards, {Count(shards.Sum(s => s.Value))} entities")
                .Concat(stats.Failed.Count > 0 ? [$"Did not answer: {string.Join(", ", stats.Failed.Order(StringComparer.Ordinal))}"] : []));
    }

    private async Task ShardStatsAsync(CommandContext context)
    {
        var type = RegionType(context);
        var stats = await Sharding.ShardRegion(type).Ask<ClusterShardingStats>(new GetClusterShardingStats(Timeout), Timeout + Timeout, context.Cancellation);
        var nodes = stats.Regions.OrderBy(r => r.Key.ToString(), StringComparer.Ordinal).ToList();
        await context.WriteAsync(
            new
            {
                region = type,
                nodes = nodes.Select(n => new { address = n.Key.ToString(), shards = n.Value.Stats.Count, entities = n.Value.Stats.Values.Sum(), failed = n.Value.Failed.Count }),
            },
            CommandText.Table(["node", "shards", "entities"], nodes.Select(n => (IReadOnlyList<string>)[n.Key.ToString(), Count(n.Value.Stats.Count), Count(n.Value.Stats.Values.Sum())]))
                .Append($"Total: {Count(nodes.Sum(n => n.Value.Stats.Count))} shards, {Count(nodes.Sum(n => n.Value.Stats.Values.Sum()))} entities on {nodes.Count} nodes"));
    }

    private async Task EntityAsync(CommandContext context)
    {
        var type = RegionType(context);
        var entityId = context.Args.Value("--entity") is { Length: > 0 } id ? id : throw CommandException.Usage("'entity' needs --entity <id>.");
        var location = await Sharding.ShardRegion(type).Ask<EntityLocation>(new GetEntityLocation(entityId, Timeout), Timeout + Timeout, context.Cancellation);
        var running = location.EntityRef.HasValue;
        // A shard no node hosts yet answers with no address; this node's own region answers with its local address.
        var node = location.ShardRegion.HasGlobalScope ? location.ShardRegion.ToString()
            : location.ShardRegion.Equals(Address.AllSystems) ? null
            : Akka.Cluster.Cluster.Get(system).SelfAddress.ToString();
        await context.WriteAsync(
            new { region = type, entityId, shardId = location.ShardId, node, running, path = running ? location.EntityRef.Value.Path.ToString() : null },
            [
                $"entity: {entityId}",
                $"shard: {location.ShardId}",
                $"node: {node ?? "none yet (the shard is allocated when a message reaches it)"}",
                running ? $"running: {location.EntityRef.Value.Path}" : "running: no (it starts when a message reaches it)",
            ]);
    }

    private string RegionType(CommandContext context)
    {
        var type = context.Args.Value("--region") ?? throw CommandException.Usage($"Name the region with -r <type>: {string.Join(", ", Sharding.ShardTypeNames.Order(StringComparer.Ordinal))}.");
        if (!Sharding.ShardTypeNames.Contains(type))
        {
            var close = CommandText.Suggestions(type, Sharding.ShardTypeNames);
            throw CommandException.NotFound($"No region '{type}' on this node.{(close.Count > 0 ? $" Did you mean '{close[0]}'?" : string.Empty)} Regions: {string.Join(", ", Sharding.ShardTypeNames.Order(StringComparer.Ordinal))}.");
        }

        return type;
    }

    private static string Count(int n) => n.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
}
