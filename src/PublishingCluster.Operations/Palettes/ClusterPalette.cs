using Akka.Actor;
using Akka.Cluster;

namespace PublishingCluster.Operations.Palettes;

/// <summary>
/// Cluster membership, in Petabridge.Cmd's words and output shapes: <c>show</c>, <c>status</c>, <c>leader</c>,
/// <c>join</c>, <c>leave</c>, <c>down</c>, <c>down-unreachable</c> and <c>tail</c> (membership events as they happen).
/// </summary>
public sealed class ClusterPalette(ActorSystem system) : ICommandPalette
{
    private Cluster Cluster => Cluster.Get(system);

    public string Name => "cluster";

    public string Description => "Cluster membership: members, leader, leaving and downing, live events.";

    public IReadOnlyList<CommandDefinition> Commands =>
    [
        new("show", "Every member: address | [roles] | status | unreachable, then the count.", [], [], ShowAsync),
        new("status", "This node's membership: address | [roles] | status.", [], [], StatusAsync),
        new("leader", "The cluster's leader.", [], [], LeaderAsync),
        new("join", "Join this node to the cluster at an address (a seed or any member): for a node whose seeds were wrong or gone when it started.", ["<address>"], [], JoinAsync),
        new("leave", "Ask a member to leave the cluster gracefully.", ["<address>"], [], context => AtMemberAsync(context, "Leaving", Cluster.Leave)),
        new("down", "Mark a member down (a node that is gone for good); it is removed from the cluster.", ["<address>"], [], context => AtMemberAsync(context, "Downing", Cluster.Down)),
        new("down-unreachable", "Down every member the cluster marks unreachable.", [], [], DownUnreachableAsync),
        new("tail", "Membership and reachability events as they happen, until Ctrl+C.", [], [], TailAsync),
    ];

    private async Task ShowAsync(CommandContext context)
    {
        var state = Cluster.State;
        var members = state.Members.OrderBy(m => m.Address.ToString(), StringComparer.Ordinal)
            .Select(m => MemberView.Of(m, state.Unreachable.Contains(m)))
            .ToList();
        await context.WriteAsync(
            new { members, count = members.Count },
            members.Select(m => m.Line).Append($"Count: {members.Count} nodes"));
    }

    private async Task StatusAsync(CommandContext context)
    {
        var self = Cluster.SelfMember;
        var view = MemberView.Of(self, Cluster.State.Unreachable.Contains(self));
        await context.WriteAsync(view, view.Line);
    }

    private async Task LeaderAsync(CommandContext context)
    {
        var leader = Cluster.State.Leader;
        await context.WriteAsync(new { leader = leader?.ToString() }, leader?.ToString() ?? "No leader (the node has not joined a cluster).");
    }

    private async Task AtMemberAsync(CommandContext context, string verb, Action<Address> act)
    {
        var address = ParseAddress(context.Args.Required(0));
        var member = Cluster.State.Members.FirstOrDefault(m => m.Address == address)
            ?? throw CommandException.NotFound($"No member at {address}; 'cluster show' lists the members.");
        act(member.Address);
        await context.WriteAsync(new { address = address.ToString(), action = verb.ToLowerInvariant() }, $"{verb} {address}");
    }

    private async Task JoinAsync(CommandContext context)
    {
        var text = context.Args.Required(0);
        var address = ParseAddress(text);
        if (address.System != system.Name)
        {
            throw CommandException.Usage($"'{text}' is an address of the actor system '{address.System}'; this cluster's is '{system.Name}' (akka.tcp://{system.Name}@host:port).");
        }

        var self = Cluster.SelfMember;
        var state = Cluster.State;
        if (state.Members.Any(m => m.Address == address) && state.Members.Any(m => m.Address == self.Address))
        {
            await context.WriteAsync(new { address = address.ToString(), action = "none" }, $"This node is already a member of the cluster at {address}.");
            return;
        }

        if (self.Status is not MemberStatus.Removed && state.Members.Any(m => m.Address == self.Address))
        {
            throw CommandException.Failed(
                $"This node is already {self.Status.ToString().ToLowerInvariant()} in a cluster of {state.Members.Count} member(s) without {address}; a node joins one cluster: stop it and start it again with --seed-nodes {address}.");
        }

        Cluster.Join(address);
        await context.WriteAsync(new { address = address.ToString(), action = "joining" }, $"Joining {address}; 'cluster status' shows when this node is up.");
    }

    private async Task DownUnreachableAsync(CommandContext context)
    {
        var unreachable = Cluster.State.Unreachable.OrderBy(m => m.Address.ToString(), StringComparer.Ordinal).ToList();
        foreach (var member in unreachable)
        {
            Cluster.Down(member.Address);
        }

        await context.WriteAsync(
            new { downed = unreachable.Select(m => m.Address.ToString()).ToList() },
            unreachable.Count == 0 ? ["No unreachable members."] : unreachable.Select(m => $"Downing {m.Address}").Append($"Count: {unreachable.Count} nodes"));
    }

    private async Task TailAsync(CommandContext context)
    {
        Cluster.Subscribe(context.Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
            typeof(ClusterEvent.IMemberEvent), typeof(ClusterEvent.IReachabilityEvent), typeof(ClusterEvent.LeaderChanged));
        try
        {
            await foreach (var message in context.Inbox.ReadAllAsync(context.Cancellation))
            {
                if (Describe(message) is { } seen)
                {
                    var at = DateTimeOffset.UtcNow;
                    await context.WriteAsync(new { at, @event = seen.Event, address = seen.Address, roles = seen.Roles, status = seen.Status },
                        $"[{CommandText.Instant(at)}] {seen.Event}: {seen.Address}{(seen.Roles is null ? string.Empty : $" | [{string.Join(", ", seen.Roles)}] | {seen.Status}")}");
                }
            }
        }
        finally
        {
            Cluster.Unsubscribe(context.Self);
        }
    }

    private static (string Event, string? Address, IReadOnlyList<string>? Roles, string? Status)? Describe(object message) => message switch
    {
        ClusterEvent.MemberStatusChange change => (change.GetType().Name, change.Member.Address.ToString(), change.Member.Roles.Order(StringComparer.Ordinal).ToList(), MemberView.StatusOf(change.Member)),
        ClusterEvent.ReachabilityEvent reachability => (reachability.GetType().Name, reachability.Member.Address.ToString(), reachability.Member.Roles.Order(StringComparer.Ordinal).ToList(), MemberView.StatusOf(reachability.Member)),
        ClusterEvent.LeaderChanged leader => ("LeaderChanged", leader.Leader?.ToString() ?? "none", null, null),
        _ => null,
    };

    internal static Address ParseAddress(string text)
    {
        try
        {
            var address = Address.Parse(text);
            return address.HasGlobalScope && address.Protocol.StartsWith("akka", StringComparison.Ordinal) && address.Port is > 0 and <= 65535
                ? address
                : throw new UriFormatException("not an akka address with a host and port");
        }
        catch (Exception e) when (e is UriFormatException or FormatException or ArgumentException)
        {
            throw CommandException.Usage($"'{text}' is not an Akka.NET member address; give it as akka.tcp://PublishingCluster@host:port.");
        }
    }

    /// <summary>One member as <c>show</c> prints it.</summary>
    private sealed record MemberView(string Address, IReadOnlyList<string> Roles, string Status, bool Reachable)
    {
        public string Line => $"{Address} | [{string.Join(", ", Roles)}] | {Status} |{(Reachable ? string.Empty : " unreachable")}";

        public static MemberView Of(Member member, bool unreachable) =>
            new(member.Address.ToString(), member.Roles.Order(StringComparer.Ordinal).ToList(), StatusOf(member), !unreachable);

        public static string StatusOf(Member member) => member.Status.ToString().ToLowerInvariant();
    }
}
