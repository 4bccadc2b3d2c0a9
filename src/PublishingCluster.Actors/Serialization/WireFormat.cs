using Akka.Configuration;

namespace PublishingCluster.Actors.Serialization;

/// <summary>
/// What a node writes for the messages between nodes. It reads both whatever it writes; a cluster whose nodes all
/// run this build or a later one uses <see cref="Protocol"/>.
/// </summary>
public enum WireFormat
{
    /// <summary>The cluster protocol serializer (<see cref="ClusterProtocolSerializer"/>, id 4102): stable names.</summary>
    Protocol,

    /// <summary>
    /// Akka's default JSON (Newtonsoft, id 1, CLR type names), the only format the build before the cluster protocol
    /// serializer reads: for a rolling upgrade from that build, until its last node is gone.
    /// </summary>
    Json,
}

public static class WireFormats
{
    /// <summary>Reads the <c>--wire-format</c> setting: <c>protocol</c> or <c>json</c>.</summary>
    public static WireFormat Parse(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "protocol" => WireFormat.Protocol,
        "json" => WireFormat.Json,
        _ => throw new InvalidOperationException($"--wire-format must be 'protocol' or 'json'; it is '{value}'."),
    };

    /// <summary>
    /// HOCON that makes the node write <paramref name="format"/>, to put in front of hocon/akka.hocon (which binds the
    /// protocol's families to the cluster protocol serializer). Either way the node reads both: Akka picks the
    /// serializer that reads a message by the id that travels with it, not by these bindings.
    /// </summary>
    public static Config Bindings(WireFormat format)
    {
        if (format == WireFormat.Protocol)
        {
            return Config.Empty;
        }

        var bindings = string.Join("\n", WireTypes.Markers.Select(m => $"\"{m.FullName}, {m.Assembly.GetName().Name}\" = json"));
        return ConfigurationFactory.ParseString($"akka.actor.serialization-bindings {{\n{bindings}\n}}");
    }
}
