using System.Text;
using PublishingCluster.Server.Api;

namespace PublishingCluster.Server.Tests;

/// <summary>The pass over a body before binding: where it finds a null element or an overlong string, and what it lets by.</summary>
public sealed class JsonShapeTests
{
    [Theory]
    [InlineData("""{ "a": [null] }""", "json.null-element", "a[0]")]
    [InlineData("""{ "a": [1, 2, null] }""", "json.null-element", "a[2]")]
    [InlineData("""{ "a": [ { "b": [ [1], [null] ] } ] }""", "json.null-element", "a[0].b[1][0]")]
    [InlineData("""{ "a": { "x": 1 }, "b": [ { "c": 1 }, null ] }""", "json.null-element", "b[1]")]
    [InlineData("""[ 1, null ]""", "json.null-element", "[1]")]
    [InlineData("""{ "contract": { "scope": [ { "network": "X" } ], "goals": [ { "goalId": "TOO_LONG" } ] } }""", "string.too-long", "contract.goals[0].goalId")]
    [InlineData("""{ "media": [ "a", "TOO_LONG_MEDIA" ] }""", "string.too-long", "media[1]")]
    [InlineData("""{ "TOO_LONG": 1 }""", "json.property-name-too-long", "$")]
    public void A_violation_is_found_at_its_path(string body, string code, string field)
    {
        var json = body.Replace("TOO_LONG_MEDIA", new string('m', 2049), StringComparison.Ordinal).Replace("TOO_LONG", new string('l', 201), StringComparison.Ordinal);

        var violation = JsonShape.Check(Encoding.UTF8.GetBytes(json));

        Assert.Equal((code, field), (violation?.Code, violation?.Field));
    }

    [Theory]
    [InlineData("""{ "a": null, "b": { "c": null } }""")]
    [InlineData("""{ "text": "LONG_TEXT", "media": [ "MEDIA" ], "name": "NAME" }""")]
    [InlineData("""{ "a": [ 1, "x", true, { "b": null } ] }""")]
    [InlineData("""{ "unterminated": [ 1, """)]
    public void What_the_rules_allow_or_the_binder_describes_passes(string body)
    {
        var json = body.Replace("LONG_TEXT", new string('t', 60_000), StringComparison.Ordinal)
            .Replace("MEDIA", new string('m', 2048), StringComparison.Ordinal)
            .Replace("NAME", new string('n', 200), StringComparison.Ordinal);

        Assert.Null(JsonShape.Check(Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void An_escaped_string_is_measured_by_its_characters()
    {
        var escaped = string.Concat(Enumerable.Repeat("\\u00e9", 200));

        Assert.Null(JsonShape.Check(Encoding.UTF8.GetBytes($$"""{ "name": "{{escaped}}" }""")));
        Assert.Equal("string.too-long", JsonShape.Check(Encoding.UTF8.GetBytes($$"""{ "name": "{{escaped}}\u00e9" }"""))?.Code);
    }
}
