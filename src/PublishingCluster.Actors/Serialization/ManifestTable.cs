using System.Collections.Frozen;

namespace PublishingCluster.Actors.Serialization;

/// <summary>
/// A fixed table of names and the types they stand for, both ways: the names a serializer writes beside its bytes
/// instead of CLR type names. Shared by the stored types (<see cref="StoredTypes"/>) and the messages between nodes
/// (<see cref="WireTypes"/>).
/// </summary>
public sealed class ManifestTable
{
    private readonly string _owner;
    private readonly FrozenDictionary<Type, string> _manifestByType;
    private readonly FrozenDictionary<string, Type> _typeByManifest;

    /// <param name="owner">The class that lists the names, named in errors so a missing entry says where it goes.</param>
    /// <param name="entries">Each name and its type; a name or a type listed twice is refused.</param>
    public ManifestTable(string owner, IEnumerable<(string Manifest, Type Type)> entries)
    {
        _owner = owner;
        var list = entries.ToList();
        _manifestByType = list.ToFrozenDictionary(e => e.Type, e => e.Manifest);
        _typeByManifest = list.ToFrozenDictionary(e => e.Manifest, e => e.Type);
    }

    public IEnumerable<Type> Types => _manifestByType.Keys;

    public IEnumerable<string> Manifests => _typeByManifest.Keys;

    public string ManifestOf(Type type) =>
        _manifestByType.TryGetValue(type, out var manifest)
            ? manifest
            : throw new ArgumentException($"{type.FullName} has no name; add it to {_owner}.", nameof(type));

    public bool TryManifestOf(Type type, out string manifest) => _manifestByType.TryGetValue(type, out manifest!);

    public bool TryTypeOf(string manifest, out Type type) => _typeByManifest.TryGetValue(manifest, out type!);
}
