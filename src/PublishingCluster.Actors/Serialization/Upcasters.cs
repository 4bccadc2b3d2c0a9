using System.Collections.Frozen;
using System.Text.Json.Nodes;

namespace PublishingCluster.Actors.Serialization;

/// <summary>
/// Rewrites JSON stored under an old manifest into the shape of a current one. Each entry maps an old
/// manifest to the current manifest it becomes and the rewrite.
/// </summary>
public static class Upcasters
{
    private static readonly FrozenDictionary<string, (string Becomes, Func<JsonNode, JsonNode> Rewrite)> ByManifest =
        new Dictionary<string, (string, Func<JsonNode, JsonNode>)>
        {
            // v2 added the account's reporting; an account snapshotted before it had closed no period yet.
            ["account-snapshot.v1"] = ("account-snapshot.v2", json => WithProperty(json, "reporting", null)),

            // v3 added engagements and escalations; an account snapshotted before them had none.
            ["account-snapshot.v2"] = ("account-snapshot.v3", json => WithProperty(json, "engagement", null)),

            // v4 added the work with the client (content requests, approvals, recommendations, contacts); an account
            // snapshotted before it had none recorded.
            ["account-snapshot.v3"] = ("account-snapshot.v4", json => WithProperty(json, "partnership", null)),
        }.ToFrozenDictionary();

    private static JsonNode WithProperty(JsonNode json, string name, JsonNode? value)
    {
        json.AsObject()[name] = value;
        return json;
    }

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
