using Akka.Actor;
using PublishingCluster.Actors.Standing;
using PublishingCluster.Actors.Telemetry;
using PublishingCluster.Channels;
using PublishingCluster.Domain.Channels;

namespace PublishingCluster.Actors.Gateways;

/// <summary>
/// The node's channel gateways under one address: one <see cref="ChannelGatewayActor"/> per network, and every
/// gateway message forwarded to the one for its network (the sender is kept, so status answers go straight back).
/// Accounts and operators need only this one reference, whichever network they speak of.
/// </summary>
public sealed class ChannelGatewaysActor : ReceiveActor
{
    private readonly Dictionary<Network, IActorRef> _gateways;

    public ChannelGatewaysActor(IReadOnlyDictionary<Network, IChannelAdapter> adapters, IActorRef accounts, TimeProvider clock, int maxInFlight, PublishingMetrics? metrics = null, SendPermit? permit = null)
    {
        var missing = Enum.GetValues<Network>().Where(n => !adapters.ContainsKey(n)).ToList();
        if (missing.Count > 0)
        {
            // An account may connect any network; a send nobody can take would wait for ever.
            throw new ArgumentException($"No channel adapter for {string.Join(", ", missing)}.", nameof(adapters));
        }

        _gateways = adapters.ToDictionary(
            a => a.Key,
            a => Context.ActorOf(ChannelGatewayActor.PropsFor(a.Value, accounts, clock, maxInFlight, metrics, permit), ChannelGatewayActor.NameFor(a.Key)));

        Receive<SendToNetwork>(m => _gateways[m.Network].Forward(m));
        Receive<LookupOnNetwork>(m => _gateways[m.Network].Forward(m));
        Receive<PauseNetwork>(m => _gateways[m.Network].Forward(m));
        Receive<ResumeNetwork>(m => _gateways[m.Network].Forward(m));
        Receive<GetGatewayStatus>(m => _gateways[m.Network].Forward(m));
        Receive<GetWaitingSends>(m => _gateways[m.Network].Forward(m));
    }

    public static Props PropsFor(IReadOnlyDictionary<Network, IChannelAdapter> adapters, IActorRef accounts, TimeProvider clock, int maxInFlight, PublishingMetrics? metrics = null, SendPermit? permit = null) =>
        Props.Create(() => new ChannelGatewaysActor(adapters, accounts, clock, maxInFlight, metrics, permit));
}
