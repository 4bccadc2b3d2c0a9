using System.Text.Json;
using System.Runtime.Serialization;
using System.Text.Json.Nodes;
using Akka.Actor;
using Akka.Serialization;

namespace PublishingCluster.Actors.Serialization;

/// <summary>
/// Stores account events and snapshots as JSON under explicit, versioned names (<see cref="StoredTypes"/>)
/// instead of CLR type names, so that stored data outlives changes to the classes.
/// </summary>
public sealed class AccountEventSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    /// <summary>Fixed for the life of the data: the journal stores it beside every event.</summary>
    public const int Id = 4101;

    public override int Identifier => Id;

    public override string Manifest(object o) => StoredTypes.ManifestOf(o.GetType());

    public override byte[] ToBinary(object obj) => JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType(), DomainJson.Options);

    public override object FromBinary(byte[] bytes, string manifest)
    {
        if (StoredTypes.TryTypeOf(manifest, out var type))
        {
            return JsonSerializer.Deserialize(bytes, type, DomainJson.Options)
                ?? throw new SerializationException($"Stored {manifest} is empty.");
        }

        var json = JsonNode.Parse(bytes) ?? throw new SerializationException($"Stored {manifest} is empty.");
        while (Upcasters.TryUpcast(manifest, json, out var next, out var rewritten))
        {
            (manifest, json) = (next, rewritten);
            if (StoredTypes.TryTypeOf(manifest, out type))
            {
                return json.Deserialize(type, DomainJson.Options) ?? throw new SerializationException($"Stored {manifest} is empty.");
            }
        }

        throw new SerializationException($"Unknown stored type '{manifest}': written by a newer version, or its upcaster is missing.");
    }
}
