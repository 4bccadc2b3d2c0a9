using System.Collections.Frozen;
using System.Text.Json.Nodes;

namespace PublishingCluster.Actors.Serialization;

/// <summary>
/// Rewrites JSON stored under an old manifest into the shape of a current one. Each entry maps an old
/// manifest to the current manifest it becomes and the rewrite. There are none yet: every stored type is at v1.
/// </summary>
public static class Upcasters
{
    private static readonly FrozenDictionary<string, (string Becomes, Func<JsonNode, JsonNode> Rewrite)> ByManifest =
        new Dictionary<string, (string, Func<JsonNode, JsonNode>)>().ToFrozenDictionary();

    public static bool TryUpcast(string manifest, JsonNode json, out string currentManifest, out JsonNode rewritten)
    {
        if (ByManifest.TryGetValue(manifest, out var upcaster))
        {
            currentManifest = upcaster.Becomes;
            rewritten = upcaster.Rewrite(json);
            return true;
        }

        currentManifest = manifest;
        rewritten = json;
        return false;
    }
}
