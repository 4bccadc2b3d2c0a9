using System.Text;
using System.Text.Json;
using PublishingCluster.Domain.Posts;

namespace PublishingCluster.Server.Api;

/// <summary>
/// A pass over a request body before it is bound, for the rules that hold for every body of the API whatever its
/// type: no <c>null</c> inside an array (no list of the API has optional elements, and the binder would let one
/// through to the account), and no string over its limit. The limits are here and nowhere else: names and ids
/// (every string not listed below) at most <see cref="MaxNameLength"/> characters, media references at most
/// <see cref="PostRules.MaxMediaReferenceLength"/>, property names at most <see cref="MaxNameLength"/>; free text
/// (<c>text</c>, <c>what</c>, <c>summary</c>, <c>reason</c>) is bounded by the body's size here and by its own rule
/// in the domain (a network's text limit, 5,000 for engagement text, ...).
/// </summary>
public static class JsonShape
{
    public const int MaxNameLength = 200;

    /// <summary>Properties holding free text, bounded by their own domain rule rather than the name limit.</summary>
    public static readonly IReadOnlySet<string> FreeText = new HashSet<string>(StringComparer.Ordinal) { "text", "what", "summary", "reason" };

    /// <summary>Properties holding media references (URLs), each at most <see cref="PostRules.MaxMediaReferenceLength"/> characters.</summary>
    public static readonly IReadOnlySet<string> MediaReferences = new HashSet<string>(StringComparer.Ordinal) { "media" };

    public sealed record Violation(string Field, string Code, string Message);

    /// <summary>The first violation in <paramref name="json"/>, or null; malformed JSON is left to the binder to describe.</summary>
    public static Violation? Check(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = ApiJson.MaxDepth, CommentHandling = JsonCommentHandling.Disallow });
        var frames = new List<Frame>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        frames.Add(new Frame(reader.TokenType == JsonTokenType.StartArray));
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        frames.RemoveAt(frames.Count - 1);
                        Completed(frames);
                        break;
                    case JsonTokenType.PropertyName:
                        frames[^1].Property = null;
                        if (reader.ValueSpan.Length > MaxNameLength * 4 || reader.GetString()!.Length > MaxNameLength)
                        {
                            return new Violation(PathOf(frames), "json.property-name-too-long", $"A property name has at most {MaxNameLength} characters.");
                        }

                        frames[^1].Property = reader.GetString();
                        break;
                    case JsonTokenType.Null when frames.Count > 0 && frames[^1].IsArray:
                        return new Violation(PathOf(frames), "json.null-element", "A list may not hold null; leave the element out or give a value.");
                    case JsonTokenType.String when LimitOf(NameOf(frames)) is { } max && Length(ref reader) > max:
                        return new Violation(PathOf(frames), "string.too-long", $"At most {max} characters.");
                    default:
                        Completed(frames);
                        break;
                }
            }
        }
        catch (JsonException)
        {
            return null; // the binder reads the same bytes and names what is wrong
        }

        return null;
    }

    /// <summary>The limit of a string under <paramref name="property"/> (for an array of strings, the array's property); null: free text.</summary>
    public static int? LimitOf(string? property) =>
        property is not null && FreeText.Contains(property) ? null
        : property is not null && MediaReferences.Contains(property) ? PostRules.MaxMediaReferenceLength
        : MaxNameLength;

    private static int Length(ref Utf8JsonReader reader) =>
        reader.HasValueSequence || reader.ValueIsEscaped ? reader.GetString()!.Length : Encoding.UTF8.GetCharCount(reader.ValueSpan);

    /// <summary>A value of the innermost container was read: an array moves on to its next index.</summary>
    private static void Completed(List<Frame> frames)
    {
        if (frames.Count > 0 && frames[^1].IsArray)
        {
            frames[^1].Index++;
        }
    }

    /// <summary>The property a string is the value of: its own, or for an element of an array of strings, the array's.</summary>
    private static string? NameOf(List<Frame> frames) =>
        frames.Count == 0 ? null
        : !frames[^1].IsArray ? frames[^1].Property
        : frames.Count > 1 ? frames[^2].Property : null;

    /// <summary>The path of the value being read, relative to the body ("contract.scope[0]"); "$" for the body itself.</summary>
    private static string PathOf(List<Frame> frames)
    {
        var text = new StringBuilder();
        foreach (var frame in frames)
        {
            if (frame.IsArray)
            {
                text.Append('[').Append(frame.Index).Append(']');
            }
            else if (frame.Property is not null)
            {
                text.Append(text.Length > 0 ? "." : string.Empty).Append(frame.Property);
            }
        }

        return text.Length == 0 ? "$" : text.ToString();
    }

    /// <summary>One open object (with the property being read) or array (with the index of the element being read).</summary>
    private sealed class Frame(bool isArray)
    {
        public bool IsArray { get; } = isArray;

        public int Index { get; set; }

        public string? Property { get; set; }
    }
}
