using System.Runtime.Serialization;
using System.Text.Json;
using Akka.Actor;
using Akka.Serialization;

namespace PublishingCluster.Actors.Serialization;

/// <summary>
/// Serializes the messages between nodes (the cluster protocol: the families in <see cref="WireTypes.Markers"/>) as
/// JSON under explicit names (<see cref="WireTypes"/>) instead of CLR type names. Bound in hocon/akka.hocon. A node
/// reads both this format and Akka's default JSON, which the build before it wrote; which of the two it writes is the
/// node's wire format (<c>--wire-format</c>, see docs/operations.md, "Messages between nodes").
/// </summary>
public sealed class ClusterProtocolSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    /// <summary>Every node of a cluster must agree on it: it travels beside every message.</summary>
    public const int Id = 4102;

    public override int Identifier => Id;

    public override string Manifest(object o) => WireTypes.ManifestOf(o.GetType());

    public override byte[] ToBinary(object obj) => JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType(), WireJson.Options);

    public override object FromBinary(byte[] bytes, string manifest)
    {
        if (!WireTypes.TryTypeOf(manifest, out var type))
        {
            throw new SerializationException($"Unknown message '{manifest}' from another node: it runs a newer build whose messages this one cannot read.");
        }

        return JsonSerializer.Deserialize(bytes, type, WireJson.Options) ?? throw new SerializationException($"Message {manifest} is empty.");
    }
}
