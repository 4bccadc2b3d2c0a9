using System.Runtime.Serialization;
using System.Text;
using System.Text.Json;
using JsonTree = System.Text.Json.Nodes.JsonNode;
using System.Text.RegularExpressions;
using Akka.Actor;
using Akka.Configuration;
using Akka.Serialization;
using Akka.TestKit.Xunit2;
using PublishingCluster.Actors.Accounts;
using PublishingCluster.Actors.Agencies;
using PublishingCluster.Actors.Posting;
using PublishingCluster.Actors.Serialization;
using PublishingCluster.Actors.Tests.Serialization;
using PublishingCluster.Actors.Tests.Support;
using PublishingCluster.Channels;
using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Agencies;

namespace PublishingCluster.Actors.Tests;

/// <summary>
/// The messages between nodes (the cluster protocol), with the server's own hocon/akka.hocon. Every message type of
/// the protocol's families (found by their marker interfaces, so a new one cannot be missed) goes through the
/// serializer the actor system picks for it, the cluster protocol serializer, and reads back as it was; each has a
/// golden file (<c>Serialization/Wire/&lt;name&gt;.json</c>, checked in) with its wire form, which the sample must
/// still produce byte for byte: a change of wire form fails here, and must come with a new name (see
/// <see cref="WireTypes"/>), unless it only adds an optional field that older nodes ignore; then the former golden
/// file moves to <c>Serialization/Wire/Older</c>, which this build must still read with the new field absent. A node that writes Akka's default JSON instead (<c>--wire-format json</c>, for a
/// rolling upgrade from the build before this serializer) still reads this format, and the other way round. That
/// check runs on the Newtonsoft.Json of this test process (13.0.3), not the 13.0.1 the server ships; the rolling
/// upgrade test (tests/rolling-upgrade.sh) runs the real pairing of server builds.
/// </summary>
public sealed partial class ClusterProtocolSerializerSpec : TestKit, IClassFixture<ClusterProtocolSerializerSpec.JsonNode>
{
    /// <summary>Set to 1 to write golden files for messages that have none (never overwrites one).</summary>
    private const string WriteMissingGoldenFiles = "WRITE_MISSING_GOLDEN_FILES";

    private readonly ActorSystem _jsonNode;

    public ClusterProtocolSerializerSpec(JsonNode jsonNode) : base(NodeConfig(WireFormat.Protocol)) => _jsonNode = jsonNode.System;

    public static TheoryData<string> Cases => [.. WireSamples.All.Select(c => c.Name)];

    public static TheoryData<string> OlderNames =>
        [.. Directory.EnumerateFiles(Path.Combine(GoldenDirectory, "Older"), "*.json").Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal)];

    public static TheoryData<string> GoldenNames =>
        [.. Directory.EnumerateFiles(GoldenDirectory, "*.json").Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal)];

    [Fact]
    public void The_serializer_id_never_changes_and_is_the_one_the_configuration_names()
    {
        // Every node must give the same id: it travels beside every message, and a node that does not know it drops the message.
        Assert.Equal(4102, ClusterProtocolSerializer.Id);
        var serializer = Sys.Serialization.FindSerializerForType(typeof(GetAccount));
        Assert.IsType<ClusterProtocolSerializer>(serializer);
        Assert.Equal(ClusterProtocolSerializer.Id, serializer.Identifier);
        Assert.Equal(ClusterProtocolSerializer.Id, Sys.Settings.Config.GetInt(
            $"akka.actor.serialization-identifiers.\"{typeof(ClusterProtocolSerializer).FullName}, {typeof(ClusterProtocolSerializer).Assembly.GetName().Name}\""));
    }

    [Fact]
    public void Every_message_type_of_the_protocols_families_has_a_wire_name_and_every_named_type_belongs_to_a_family()
    {
        var marked = typeof(WireTypes).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsInterface: false } && WireTypes.Markers.Any(m => m.IsAssignableFrom(t)))
            .Select(t => t.FullName!)
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.NotEmpty(marked);
        Assert.Equal(marked, WireTypes.Types.Select(t => t.FullName!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_sharded_entity_message_and_reply_belongs_to_a_family()
    {
        // What the shard regions route and what their entities answer is bound through these interfaces.
        Assert.True(typeof(IAccountProtocol).IsAssignableFrom(typeof(IWithAccountId)));
        Assert.True(typeof(IAccountProtocol).IsAssignableFrom(typeof(IAccountReply)));
        Assert.True(typeof(IAgencyProtocol).IsAssignableFrom(typeof(IWithAgencyId)));
        Assert.True(typeof(IAgencyProtocol).IsAssignableFrom(typeof(IAgencyReply)));
        Assert.True(typeof(IPostingProtocol).IsAssignableFrom(typeof(IWithPartitionId)));
    }

    [Fact]
    public void Every_variant_of_a_command_or_an_answer_has_a_wire_name()
    {
        foreach (var (field, variants) in WireTypes.Variants)
        {
            var concrete = new[] { field.Assembly, typeof(WireTypes).Assembly }.Distinct()
                .SelectMany(a => a.GetTypes())
                .Where(t => t is { IsAbstract: false, IsInterface: false } && field.IsAssignableFrom(t))
                .Select(t => t.FullName!)
                .Order(StringComparer.Ordinal);

            Assert.Equal(concrete, variants.Types.Select(t => t.FullName!).Order(StringComparer.Ordinal));
        }

        // The fields that carry them: the commands, the query an Execute may carry and the view that answers it, and the networks' answers.
        Assert.Equal(
            new[] { typeof(IAccountCommand), typeof(IAccountQuery), typeof(IAccountView), typeof(IAgencyCommand), typeof(LookupOutcome), typeof(PublishOutcome) }
                .Select(t => t.Name).Order(StringComparer.Ordinal),
            WireTypes.Variants.Keys.Select(t => t.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_family_is_bound_to_the_cluster_protocol_serializer_in_the_servers_hocon()
    {
        var bindings = Sys.Settings.Config.GetConfig("akka.actor.serialization-bindings");
        foreach (var marker in WireTypes.Markers)
        {
            Assert.Equal("cluster-protocol", bindings.GetString($"\"{marker.FullName}, {marker.Assembly.GetName().Name}\""));
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_message_goes_through_the_cluster_protocol_serializer_and_reads_back_as_it_was_sent(string name)
    {
        var message = WireSamples.Named(name).Message;

        var serializer = Sys.Serialization.FindSerializerFor(message);
        var bytes = serializer.ToBinary(message);
        var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, message);
        var back = Sys.Serialization.Deserialize(bytes, serializer.Identifier, manifest);

        Assert.IsType<ClusterProtocolSerializer>(serializer);
        Assert.Equal(WireSamples.Named(name).Manifest, manifest);
        StructuralAssert.Equal(message, back);
        Assert.Equal(Encoding.UTF8.GetString(bytes), Encoding.UTF8.GetString(serializer.ToBinary(back)));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_messages_wire_form_is_its_golden_file(string name)
    {
        var path = GoldenPathOf(name);
        var bytes = Sys.Serialization.FindSerializerFor(WireSamples.Named(name).Message).ToBinary(WireSamples.Named(name).Message);
        if (!File.Exists(path) && Environment.GetEnvironmentVariable(WriteMissingGoldenFiles) == "1")
        {
            File.WriteAllBytes(path, bytes);
        }

        Assert.True(File.Exists(path), $"{name} has no golden file; run the tests once with {WriteMissingGoldenFiles}=1 and check it in.");
        Assert.Equal(File.ReadAllText(path, Encoding.UTF8), Encoding.UTF8.GetString(bytes));
    }

    [Theory]
    [MemberData(nameof(GoldenNames))]
    public void A_golden_file_reads_and_writes_back_byte_for_byte(string name)
    {
        var wire = WireSamples.All.SingleOrDefault(c => c.Name == name);
        Assert.True(wire is not null, $"The golden file {name}.json belongs to no message of {nameof(WireTypes)}.");
        var stored = File.ReadAllBytes(GoldenPathOf(name));

        var read = Sys.Serialization.Deserialize(stored, ClusterProtocolSerializer.Id, wire.Manifest);

        Assert.IsType(wire.Message.GetType(), read);
        Assert.Equal(Encoding.UTF8.GetString(stored), Encoding.UTF8.GetString(Sys.Serialization.FindSerializerFor(read).ToBinary(read)));
    }

    [Theory]
    [MemberData(nameof(OlderNames))]
    public void A_message_from_a_build_before_a_field_was_added_reads_with_that_field_absent_and_is_written_as_before(string name)
    {
        // Wire/Older holds what a node of an earlier build sends under a name whose message has since gained optional
        // fields: a node of this build must read it, during a rolling upgrade, with the new fields empty; and since an
        // empty optional field is left out, it writes such a message exactly as the earlier build did.
        var manifest = ManifestPrefix().Match(name).Value;
        var stored = File.ReadAllBytes(Path.Combine(GoldenDirectory, "Older", $"{name}.json"));

        var read = Sys.Serialization.Deserialize(stored, ClusterProtocolSerializer.Id, manifest);

        Assert.True(WireTypes.TryTypeOf(manifest, out var type) && type == read.GetType(), $"{name} read as a {read.GetType().Name}.");
        var before = JsonTree.Parse(stored)!.AsObject();
        var added = read.GetType().GetProperties()
            .Where(p => p.Name != "EqualityContract" && !before.ContainsKey(JsonNamingPolicy.CamelCase.ConvertName(p.Name)))
            .ToList();
        Assert.NotEmpty(added);
        Assert.All(added, p => Assert.True(p.GetValue(read) is null, $"{name}: the added field {p.Name} should read as absent."));
        Assert.Equal(Encoding.UTF8.GetString(stored), Encoding.UTF8.GetString(Sys.Serialization.FindSerializerFor(read).ToBinary(read)));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_node_writing_akkas_default_json_sends_what_the_build_before_read_and_both_nodes_read_both_formats(string name)
    {
        var message = WireSamples.Named(name).Message;

        // The json node writes what the build before the cluster protocol serializer wrote: Newtonsoft, id 1, no manifest.
        var legacy = _jsonNode.Serialization.FindSerializerFor(message);
        Assert.IsAssignableFrom<NewtonSoftJsonSerializer>(legacy);
        Assert.Equal(1, legacy.Identifier);
        var legacyBytes = legacy.ToBinary(message);
        // Under the type names that build knew: no type that has moved since is named where it is now.
        var legacyText = Encoding.UTF8.GetString(legacyBytes);
        Assert.All(MovedWireTypes.All, moved => Assert.DoesNotContain(moved.Type.FullName + ",", legacyText, StringComparison.Ordinal));
        StructuralAssert.Equal(message, Sys.Serialization.Deserialize(legacyBytes, legacy.Identifier, Akka.Serialization.Serialization.ManifestFor(legacy, message)));
        StructuralAssert.Equal(message, _jsonNode.Serialization.Deserialize(legacyBytes, legacy.Identifier, Akka.Serialization.Serialization.ManifestFor(legacy, message)));

        // And reads what a node of the protocol format writes.
        var serializer = Sys.Serialization.FindSerializerFor(message);
        StructuralAssert.Equal(message, _jsonNode.Serialization.Deserialize(serializer.ToBinary(message), serializer.Identifier, Akka.Serialization.Serialization.ManifestFor(serializer, message)));
    }

    [Fact]
    public void A_message_outside_the_protocol_is_refused_rather_than_sent_as_json_with_its_clr_type_name()
    {
        var error = Assert.Throws<SerializationException>(() => Sys.Serialization.FindSerializerFor(new NotInTheProtocol("x")));

        Assert.Contains(nameof(NotInTheProtocol), error.Message);
    }

    [Fact]
    public void An_unknown_wire_name_is_refused_by_name_not_misread()
    {
        var error = Assert.Throws<SerializationException>(() => Sys.Serialization.Deserialize("{}"u8.ToArray(), ClusterProtocolSerializer.Id, "teleport-account.v1"));

        Assert.Contains("teleport-account.v1", error.Message);
    }

    [Fact]
    public void A_type_without_a_wire_name_cannot_be_written()
    {
        var serializer = (ClusterProtocolSerializer)Sys.Serialization.FindSerializerForType(typeof(GetAccount));

        Assert.Throws<ArgumentException>(() => serializer.Manifest(new NotInTheProtocol("x")));
    }

    [Theory]
    [InlineData(null, WireFormat.Protocol)]
    [InlineData("protocol", WireFormat.Protocol)]
    [InlineData(" JSON ", WireFormat.Json)]
    public void The_wire_format_setting_names_a_format(string? value, WireFormat expected)
    {
        Assert.Equal(expected, WireFormats.Parse(value));
    }

    [Fact]
    public void A_wire_format_the_node_does_not_know_is_refused_naming_the_flag()
    {
        var error = Assert.Throws<InvalidOperationException>(() => WireFormats.Parse("protobuf"));

        Assert.Contains("--wire-format", error.Message);
        Assert.Contains("protobuf", error.Message);
    }

    /// <summary>The server's hocon/akka.hocon with the wire format's bindings in front, on a local provider: serialization needs no remoting.</summary>
    internal static Config NodeConfig(WireFormat format) =>
        ConfigurationFactory.ParseString("akka.loglevel = WARNING\nakka.actor.provider = local")
            .WithFallback(WireFormats.Bindings(format))
            .WithFallback(ConfigurationFactory.ParseString(File.ReadAllText(Path.Combine(RepositoryRoot, "hocon", "akka.hocon"))));

    private sealed record NotInTheProtocol(string Text);

    /// <summary>The wire name at the start of a golden file's name (<c>execute.v1</c> of <c>execute.v1.create-post</c>).</summary>
    [GeneratedRegex(@"^.+?\.v\d+")]
    private static partial Regex ManifestPrefix();

    private static string GoldenPathOf(string name) => Path.Combine(GoldenDirectory, $"{name}.json");

    private static string GoldenDirectory => Path.Combine(ProjectDirectory, "Serialization", "Wire");

    private static string RepositoryRoot => Path.GetFullPath(Path.Combine(ProjectDirectory, "..", ".."));

    /// <summary>The checked-in project folder (not a copy in the build output), found by walking up.</summary>
    private static string ProjectDirectory
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "PublishingCluster.Actors.Tests.csproj")))
                {
                    return dir.FullName;
                }
            }

            throw new DirectoryNotFoundException($"No PublishingCluster.Actors.Tests.csproj above {AppContext.BaseDirectory}.");
        }
    }

    /// <summary>A second actor system configured as a node with <c>--wire-format json</c>.</summary>
    public sealed class JsonNode : IDisposable
    {
        public ActorSystem System { get; } = ActorSystem.Create("json-node", NodeConfig(WireFormat.Json));

        public void Dispose() => System.Terminate().Wait(TimeSpan.FromSeconds(10));
    }
}
