using System.Runtime.Serialization;
using System.Text;
using System.Text.Json.Nodes;
using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit.Xunit2;
using PublishingCluster.Actors.Serialization;
using PublishingCluster.Actors.Tests.Serialization;
using PublishingCluster.Actors.Tests.Support;

namespace PublishingCluster.Actors.Tests;

/// <summary>
/// What the journal and snapshot store hold must stay readable. Every stored type round-trips through the serializer,
/// and each has a golden file (<c>Serialization/Golden/&lt;manifest&gt;.json</c>, checked in) holding its JSON as it
/// was when the type got its manifest: a change to a stored class that would misread stored data fails here. When a
/// type's shape must change, give it a new manifest and an upcaster, and keep the old golden file: it then proves
/// the upcaster reads old data.
/// </summary>
public sealed class SerializerRoundTripSpec() : TestKit(ConfigurationFactory.ParseString("akka.loglevel = WARNING"))
{
    /// <summary>Set to 1 to write golden files for stored types that have none (never overwrites one).</summary>
    private const string WriteMissingGoldenFiles = "WRITE_MISSING_GOLDEN_FILES";

    private AccountEventSerializer Serializer => new((ExtendedActorSystem)Sys);

    public static TheoryData<string> CurrentManifests => [.. StoredTypes.Types.Select(StoredTypes.ManifestOf).Order(StringComparer.Ordinal)];

    public static TheoryData<string> GoldenManifests =>
        [.. Directory.EnumerateFiles(GoldenDirectory, "*.json").Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal)];

    [Fact]
    public void The_serializer_id_never_changes()
    {
        // The journal stores this id beside every event; another id makes every stored event unreadable.
        Assert.Equal(4101, Serializer.Identifier);
        Assert.Equal(AccountEventSerializer.Id, Serializer.Identifier);
    }

    [Fact]
    public void Every_stored_type_has_a_sample()
    {
        Assert.Equal(StoredTypes.Types.Select(t => t.Name).Order(), StoredSamples.ByType.Keys.Select(t => t.Name).Order());
    }

    [Theory]
    [MemberData(nameof(CurrentManifests))]
    public void A_stored_type_reads_back_as_it_was_written(string manifest)
    {
        Assert.True(StoredTypes.TryTypeOf(manifest, out var type));
        var sample = StoredSamples.ByType[type];

        var bytes = Serializer.ToBinary(sample);
        var back = Serializer.FromBinary(bytes, Serializer.Manifest(sample));

        Assert.Equal(manifest, Serializer.Manifest(sample));
        StructuralAssert.Equal(sample, back);
        Assert.Equal(Encoding.UTF8.GetString(bytes), Encoding.UTF8.GetString(Serializer.ToBinary(back)));
    }

    [Theory]
    [MemberData(nameof(CurrentManifests))]
    public void Every_stored_type_has_a_golden_file(string manifest)
    {
        var path = GoldenPathOf(manifest);
        if (!File.Exists(path) && Environment.GetEnvironmentVariable(WriteMissingGoldenFiles) == "1")
        {
            Assert.True(StoredTypes.TryTypeOf(manifest, out var type));
            File.WriteAllBytes(path, Serializer.ToBinary(StoredSamples.ByType[type]));
        }

        Assert.True(File.Exists(path), $"{manifest} has no golden file; run the tests once with {WriteMissingGoldenFiles}=1 and check it in.");
    }

    [Theory]
    [MemberData(nameof(GoldenManifests))]
    public void A_golden_file_of_a_current_type_reads_and_writes_back_byte_for_byte(string manifest)
    {
        if (!StoredTypes.TryTypeOf(manifest, out var type))
        {
            return; // An older version: the upcaster spec below reads it.
        }

        var stored = File.ReadAllBytes(GoldenPathOf(manifest));

        var read = Serializer.FromBinary(stored, manifest);

        Assert.IsType(type, read);
        Assert.Equal(Encoding.UTF8.GetString(stored), Encoding.UTF8.GetString(Serializer.ToBinary(read)));
    }

    [Theory]
    [MemberData(nameof(GoldenManifests))]
    public void A_golden_file_of_an_older_version_reads_through_the_upcasters(string manifest)
    {
        if (StoredTypes.TryTypeOf(manifest, out _))
        {
            return; // Current: read directly above.
        }

        var stored = File.ReadAllBytes(GoldenPathOf(manifest));
        Assert.True(Upcasters.TryUpcast(manifest, JsonNode.Parse(stored)!, out _, out _), $"{manifest} is neither stored now nor upcast");

        var read = Serializer.FromBinary(stored, manifest);

        Assert.Contains(read.GetType(), StoredTypes.Types);
    }

    [Fact]
    public void No_upcaster_shadows_a_current_manifest()
    {
        // Current names are read directly; an upcaster registered for one would never run and hide a mistake.
        foreach (var type in StoredTypes.Types)
        {
            var manifest = StoredTypes.ManifestOf(type);
            Assert.False(Upcasters.TryUpcast(manifest, new JsonObject(), out _, out _), $"{manifest} is current and has an upcaster");
        }
    }

    [Fact]
    public void An_unknown_manifest_is_refused_by_name_not_misread()
    {
        var error = Assert.Throws<SerializationException>(() => Serializer.FromBinary("{}"u8.ToArray(), "post-teleported.v1"));

        Assert.Contains("post-teleported.v1", error.Message);
    }

    [Fact]
    public void A_type_without_a_stored_name_cannot_be_written()
    {
        Assert.Throws<ArgumentException>(() => Serializer.Manifest(new Uri("https://example.org")));
    }

    private static string GoldenPathOf(string manifest) => Path.Combine(GoldenDirectory, $"{manifest}.json");

    /// <summary>The checked-in folder itself (not a copy in the build output), found by walking up to the project.</summary>
    private static string GoldenDirectory
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "PublishingCluster.Actors.Tests.csproj")))
                {
                    return Path.Combine(dir.FullName, "Serialization", "Golden");
                }
            }

            throw new DirectoryNotFoundException($"No PublishingCluster.Actors.Tests.csproj above {AppContext.BaseDirectory}.");
        }
    }
}
