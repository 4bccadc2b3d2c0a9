using System.Text.Json;

namespace PublishingCluster.Operations.NodeAccess;

/// <summary>Reads an instant from text as the node's API does; false when the text is not one.</summary>
public delegate bool InstantParser(string? text, out DateTimeOffset instant);

/// <summary>
/// The host's conventions the command endpoint follows, given by the host: its API's JSON (so <c>--json</c> output
/// reads as the API's), its way of reading instants, and where the node keeps its database and its HOCON files.
/// </summary>
public sealed record NodeConventions(JsonSerializerOptions Json, InstantParser ParseInstant, string DatabasePath, string HoconFolder);
