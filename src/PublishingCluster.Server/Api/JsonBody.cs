using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Features;

namespace PublishingCluster.Server.Api;

/// <summary>A request body read and parsed, with the fingerprint that identifies it under an idempotency key.</summary>
public sealed record ParsedBody<T>(T Value, string Fingerprint);

/// <summary>
/// Reads a JSON request body under the API's strict rules and turns every parse failure into a 400 that
/// names the offending field, instead of the framework's generic binding failure.
/// </summary>
public static partial class JsonBody
{
    public const long MaxBytes = 256 * 1024;

    public static async Task<(ParsedBody<T>? Body, ApiProblem? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, Problems.Problem(StatusCodes.Status415UnsupportedMediaType, "request.not-json", "Content-Type", "Send the body as application/json."));
        }

        if (request.ContentLength > MaxBytes)
        {
            return (null, TooLarge());
        }

        byte[] bytes;
        try
        {
            bytes = await ReadAllAsync(request.Body, cancellationToken);
        }
        catch (InvalidDataException)
        {
            return (null, TooLarge());
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge());
        }

        if (bytes.Length == 0)
        {
            return (null, Problems.Invalid("$", "json.empty", "The request body is empty; send a JSON object."));
        }

        if (JsonShape.Check(bytes) is { } violation)
        {
            return (null, Problems.Invalid(violation.Field, violation.Code, violation.Message));
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(bytes, ApiJson.Options);
            return value is null
                ? (null, Problems.Invalid("$", "json.null", "The request body must be a JSON object, not null."))
                : (new ParsedBody<T>(value, Convert.ToHexStringLower(SHA256.HashData(bytes))), null);
        }
        catch (JsonException e) when (DuplicateProperty().Match(e.Message) is { Success: true } duplicate)
        {
            var name = duplicate.Groups["name"].Value;
            var at = FieldOf(e);
            var field = name.Length == 0 || at == name || at.EndsWith($".{name}", StringComparison.Ordinal) ? at : at == "$" ? name : $"{at}.{name}";
            return (null, Problems.Invalid(field, "json.duplicate-property",
                name.Length == 0 ? "A property appears twice; give each once." : $"The property '{name}' appears twice; give it once."));
        }
        catch (JsonException e)
        {
            return (null, Problems.Invalid(FieldOf(e), "json.invalid", Describe(e)));
        }
    }

    private static ApiProblem TooLarge() =>
        Problems.Problem(StatusCodes.Status413PayloadTooLarge, "request.too-large", "$", $"The request body may hold at most {MaxBytes / 1024} KiB.");

    private static async Task<byte[]> ReadAllAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                throw new InvalidDataException("Body too large.");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>The JSON path of the failure, made relative ("contract.scope[0].network"); missing properties are named.</summary>
    private static string FieldOf(JsonException e)
    {
        var path = e.Path is { Length: > 1 } p && p.StartsWith("$.", StringComparison.Ordinal) ? p[2..] : e.Path ?? "$";
        var missing = MissingProperty().Match(e.Message);
        if (missing.Success)
        {
            var name = missing.Groups["name"].Value;
            return path is "$" or "" ? name : $"{path}.{name}";
        }

        return path is "" ? "$" : path;
    }

    /// <summary>
    /// What is wrong, in the API's words. The serializer's own messages name the server's types, so none is shown as
    /// it is: only those written for callers (<see cref="ApiJson.InputException"/>) and the reader's account of
    /// malformed JSON, which names characters and positions.
    /// </summary>
    private static string Describe(JsonException e)
    {
        var missing = MissingProperties().Match(e.Message);
        if (missing.Success)
        {
            return $"Missing required properties: {missing.Groups["names"].Value}.";
        }

        if (e.Message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            return "Unknown property; check its spelling against the API documentation.";
        }

        if (e is ApiJson.InputException)
        {
            return e.Message;
        }

        if (e.Message.Contains("doesn't allow null values", StringComparison.Ordinal) || e.Message.Contains("does not allow null values", StringComparison.Ordinal))
        {
            return "A value is required here, not null.";
        }

        // The reader's own exception (malformed JSON) is internal to System.Text.Json, so it is known by its name.
        if (e.GetType().Name == "JsonReaderException")
        {
            return e.Message.Split(" LineNumber:", 2)[0].Split(" Path:", 2)[0];
        }

        return "The value has the wrong type or shape for this property.";
    }

    [GeneratedRegex(@"^Duplicate propert(y '(?<name>[^']{1,200})'|ies)")]
    private static partial Regex DuplicateProperty();

    [GeneratedRegex(@"missing required properties including: '(?<name>[^']+)'")]
    private static partial Regex MissingProperty();

    [GeneratedRegex(@"missing required properties including: (?<names>'[^.]+?')\.?(\s|$)", RegexOptions.Singleline)]
    private static partial Regex MissingProperties();
}
