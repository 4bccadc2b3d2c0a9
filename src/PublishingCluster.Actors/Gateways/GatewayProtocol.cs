using System.Text.Json.Serialization;
using PublishingCluster.Domain.Channels;

namespace PublishingCluster.Actors.Gateways;

/// <summary>
/// The channel gateway family of the cluster protocol. A node's accounts use its own gateways, but operators'
/// requests and the gateways' answers are messages like any other and may be sent to another node's gateway, so
/// they are bound to the cluster protocol serializer (hocon/akka.hocon) too.
/// </summary>
public interface IGatewayProtocol;

/// <summary>Send one variant to its network under its idempotency key; the answer goes to the account's region.</summary>
public sealed record SendToNetwork(
    string AccountId,
    string PostId,
    string ChannelId,
    string IdempotencyKey,
    Network Network,
    string Handle,
    string Text,
    IReadOnlyList<string> Media) : IGatewayProtocol;

/// <summary>
/// Ask the network whether it published under the key (a variant found in flight after a restart). A network
/// without idempotency keys searches the channel's posts since <paramref name="SentAfter"/> for
/// <paramref name="Text"/>; both are absent from the messages of older nodes.
/// </summary>
public sealed record LookupOnNetwork(
    string AccountId,
    string PostId,
    string ChannelId,
    string IdempotencyKey,
    Network Network,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Text = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? SentAfter = null) : IGatewayProtocol;

/// <summary>Stop sending to the network (an outage): requests wait, none is lost; <see cref="ResumeNetwork"/> sends them.</summary>
public sealed record PauseNetwork(Network Network) : IGatewayProtocol;

public sealed record ResumeNetwork(Network Network) : IGatewayProtocol;

public sealed record GetGatewayStatus(Network Network) : IGatewayProtocol;

public sealed record GatewayStatus(Network Network, bool Paused, int InFlight, int Waiting, long Sent) : IGatewayProtocol;

/// <summary>The sends waiting in the gateway (a paused network's backlog), oldest first, at most <paramref name="Limit"/>.</summary>
public sealed record GetWaitingSends(Network Network, int Limit) : IGatewayProtocol;

public sealed record WaitingSends(Network Network, IReadOnlyList<SendToNetwork> Sends, int Total) : IGatewayProtocol;
