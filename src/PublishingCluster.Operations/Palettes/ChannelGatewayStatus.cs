using Akka.Actor;
using PublishingCluster.Actors.Gateways;
using PublishingCluster.Domain.Channels;
using PublishingCluster.Operations.NodeAccess;

namespace PublishingCluster.Operations.Palettes;

/// <summary>The node's channel gateways as operators see them: paused or sending, and what waits in each.</summary>
public sealed class ChannelGatewayStatus(INodeActors node)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public async Task<IReadOnlyList<GatewayStatus>> AllAsync(CancellationToken cancellationToken)
    {
        var actor = await node.ChannelGatewaysAsync(cancellationToken);
        return await Task.WhenAll(Enum.GetValues<Network>().Select(network => actor.Ask<GatewayStatus>(new GetGatewayStatus(network), Timeout, cancellationToken)));
    }

    public async Task<GatewayStatus> PauseAsync(Network network, bool paused, CancellationToken cancellationToken)
    {
        var actor = await node.ChannelGatewaysAsync(cancellationToken);
        actor.Tell(paused ? new PauseNetwork(network) : new ResumeNetwork(network));
        // The gateway handles messages in order: its status answer comes after the pause or resume.
        return await actor.Ask<GatewayStatus>(new GetGatewayStatus(network), Timeout, cancellationToken);
    }

    /// <summary>The sends held by paused networks, oldest first, at most <paramref name="limit"/> per network.</summary>
    public async Task<IReadOnlyList<SendToNetwork>> HeldAsync(IEnumerable<GatewayStatus> statuses, int limit, CancellationToken cancellationToken)
    {
        var actor = await node.ChannelGatewaysAsync(cancellationToken);
        var held = await Task.WhenAll(statuses.Where(s => s.Paused && s.Waiting > 0)
            .Select(s => actor.Ask<WaitingSends>(new GetWaitingSends(s.Network, limit), Timeout, cancellationToken)));
        return [.. held.SelectMany(h => h.Sends)];
    }

    /// <summary>One line naming the paused networks, or null when every network is sending.</summary>
    public static string? PausedLine(IEnumerable<GatewayStatus> statuses) =>
        statuses.Where(s => s.Paused).ToList() is { Count: > 0 } paused
            ? $"Paused: {string.Join(", ", paused.Select(s => $"{s.Network} ({s.Waiting} waiting)"))}"
            : null;
}
