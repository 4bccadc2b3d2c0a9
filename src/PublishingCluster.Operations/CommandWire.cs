using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace PublishingCluster.Operations;

/// <summary>
/// The command endpoint's protocol: line-oriented JSON over TCP, UTF-8, one JSON object per line.
/// <para>
/// The client sends one request line and then only keeps the connection open; the node answers with frames,
/// one per line, and closes the connection after the last: <c>{"line": "text"}</c> (a line of table output),
/// <c>{"json": value}</c> (a JSON value, with <c>--json</c>), <c>{"error": "reason", "code": "..."}</c> (the command
/// failed; the last frame) or <c>{"done": true}</c> (the command finished). A streaming command (<c>cluster tail</c>)
/// sends frames until the client closes the connection.
/// </para>
/// </summary>
public sealed record CommandRequest(
    [property: JsonPropertyName("op")] string? Op,
    [property: JsonPropertyName("token")] string? Token,
    [property: JsonPropertyName("palette")] string? Palette,
    [property: JsonPropertyName("command")] string? Command,
    [property: JsonPropertyName("args")] IReadOnlyList<string>? Args,
    [property: JsonPropertyName("json")] bool Json,
    [property: JsonPropertyName("prefix")] string? Prefix)
{
    /// <summary>Run a command.</summary>
    public const string Run = "run";

    /// <summary>List the palettes and their commands (what the client completes and suggests from).</summary>
    public const string Describe = "describe";

    /// <summary>Account ids starting with <see cref="Prefix"/>, for the client's tab completion.</summary>
    public const string CompleteAccounts = "complete-accounts";

    /// <summary>A request line longer than this is refused: a request is a handful of words.</summary>
    public const int MaxLineLength = 16 * 1024;

    public static CommandRequest? Parse(string line)
    {
        try
        {
            return JsonSerializer.Deserialize<CommandRequest>(line);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>The frames the node sends back, each one line of JSON.</summary>
public static class CommandFrames
{
    private static readonly JsonSerializerOptions Unescaped = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Line(string text) => new JsonObject { ["line"] = text }.ToJsonString(Unescaped);

    public static string Json(JsonNode? value) => new JsonObject { ["json"] = value }.ToJsonString(Unescaped);

    public static string Error(string code, string message) => new JsonObject { ["error"] = message, ["code"] = code }.ToJsonString(Unescaped);

    public static string Done { get; } = new JsonObject { ["done"] = true }.ToJsonString();
}

/// <summary>Error codes the client turns into exit codes.</summary>
public static class CommandErrors
{
    /// <summary>A bad argument, or an unknown palette or command.</summary>
    public const string Usage = "usage";

    /// <summary>No token, or the wrong one.</summary>
    public const string Unauthorized = "unauthorized";

    /// <summary>What the command names does not exist (an account, a member, a region).</summary>
    public const string NotFound = "not-found";

    /// <summary>The node could not do it (an actor did not answer, the journal failed).</summary>
    public const string Failed = "failed";
}

/// <summary>A command refused with a one-line reason the operator reads.</summary>
public sealed class CommandException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;

    public static CommandException Usage(string message) => new(CommandErrors.Usage, message);

    public static CommandException NotFound(string message) => new(CommandErrors.NotFound, message);

    public static CommandException Failed(string message) => new(CommandErrors.Failed, message);
}
