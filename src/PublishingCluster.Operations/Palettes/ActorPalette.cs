using System.Diagnostics;
using Akka.Actor;
using Akka.Actor.Internal;

namespace PublishingCluster.Operations.Palettes;

/// <summary>The node's actors: the hierarchy under a path, and the actor system itself.</summary>
public sealed class ActorPalette(ActorSystem system) : ICommandPalette
{
    /// <summary>A tree with many entities is cut here: an operator reads a screenful, not a hundred thousand lines.</summary>
    public const int MaxActors = 2000;

    public string Name => "actor";

    public string Description => "The node's actors: hierarchy and actor system.";

    public IReadOnlyList<CommandDefinition> Commands =>
    [
        new("hierarchy", "The actors under a path (default /user), to a depth (default 3).", [],
            [new("--depth", "-d", "depth", "How many levels below the path (1 to 20)."), new("--path", "-s", "path", "Where to start, such as /user or /system/sharding.")], HierarchyAsync),
        new("system", "The actor system: name, address, uptime, versions and how many actors run.", [], [], SystemAsync),
    ];

    private async Task HierarchyAsync(CommandContext context)
    {
        var depth = context.Args.Int("--depth", 3, 1, 20);
        var path = context.Args.Value("--path") ?? "/user";
        var start = await ResolveAsync(path, context.Cancellation);
        var lines = new List<(int Depth, string Path)>();
        var cut = Walk(start, 0, depth, lines);
        await context.WriteAsync(
            new { path = start.Path.ToStringWithoutAddress(), depth, actors = lines.Select(l => new { depth = l.Depth, path = l.Path }), truncated = cut },
            lines.Select(l => new string(' ', l.Depth * 2) + l.Path)
                .Concat(cut ? [$"... cut at {MaxActors} actors; narrow it with -s or -d"] : []));
    }

    private static bool Walk(IActorRef actor, int level, int maxDepth, List<(int, string)> lines)
    {
        if (lines.Count >= MaxActors)
        {
            return true;
        }

        lines.Add((level, actor.Path.ToStringWithoutAddress()));
        if (level >= maxDepth || actor is not ActorRefWithCell withCell)
        {
            return false;
        }

        foreach (var child in withCell.Children.OrderBy(c => c.Path.Name, StringComparer.Ordinal))
        {
            if (Walk(child, level + 1, maxDepth, lines))
            {
                return true;
            }
        }

        return false;
    }

    private async Task<IActorRef> ResolveAsync(string path, CancellationToken cancellationToken)
    {
        if (!path.StartsWith('/'))
        {
            throw CommandException.Usage($"-s is an actor path from the root, such as /user or /system/sharding, not '{path}'.");
        }

        if (path == "/")
        {
            return ((ExtendedActorSystem)system).Provider.RootGuardian;
        }

        try
        {
            return await system.ActorSelection(path).ResolveOne(TimeSpan.FromSeconds(5), cancellationToken);
        }
        catch (ActorNotFoundException)
        {
            throw CommandException.NotFound($"No actor at {path}.");
        }
    }

    private async Task SystemAsync(CommandContext context)
    {
        var extended = (ExtendedActorSystem)system;
        var actors = new List<(int, string)>();
        Walk(extended.Provider.RootGuardian, 0, int.MaxValue, actors);
        var process = Process.GetCurrentProcess();
        var info = new
        {
            name = system.Name,
            address = extended.Provider.DefaultAddress.ToString(),
            startedAt = DateTimeOffset.UnixEpoch + system.StartTime,
            uptime = system.Uptime,
            akkaVersion = typeof(ActorSystem).Assembly.GetName().Version?.ToString(),
            runtime = System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
            actors = actors.Count >= MaxActors ? $"{MaxActors}+" : actors.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            processId = Environment.ProcessId,
            workingSetMegabytes = process.WorkingSet64 / (1024 * 1024),
            threads = process.Threads.Count,
        };
        await context.WriteAsync(info,
        [
            $"system: {info.name}",
            $"address: {info.address}",
            $"uptime: {CommandText.Span(info.uptime)} (since {CommandText.Instant(info.startedAt)})",
            $"akka: {info.akkaVersion}",
            $"runtime: {info.runtime}",
            $"actors: {info.actors}",
            $"process: {info.processId}, {info.workingSetMegabytes} MB working set, {info.threads} threads",
        ]);
    }
}
