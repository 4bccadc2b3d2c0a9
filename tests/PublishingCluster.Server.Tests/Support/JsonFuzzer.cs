using System.Text;
using System.Text.Json.Nodes;

namespace PublishingCluster.Server.Tests.Support;

/// <summary>
/// Mutations of a valid JSON body that a careless or hostile client might send: truncations, random bytes,
/// values of the wrong type, unknown properties, deep nesting and oversized bodies; nulls anywhere (inside arrays and
/// nested objects too), duplicate keys, enum names in the wrong case and long strings that still fit in a body.
/// Seeded, so a failure repeats.
/// </summary>
public sealed class JsonFuzzer(int seed)
{
    private readonly Random _random = new(seed);

    public string Mutate(string valid) => _random.Next(12) switch
    {
        0 => valid[.._random.Next(valid.Length)],
        1 => RandomText(_random.Next(1, 200)),
        2 => ReplaceValue(valid, WrongTypedValue()),
        3 => AddProperty(valid),
        4 => ReplaceValue(valid, DeepNesting(_random.Next(33, 300))),
        5 => ReplaceValue(valid, JsonValue.Create(new string('x', _random.Next(300_000, 400_000)))),
        6 => InsertNullIntoAnArray(valid),
        7 => ReplaceValue(valid, null),
        8 => DuplicateAKey(valid),
        9 => ChangeAnEnumsCase(valid),
        10 => ReplaceValue(valid, JsonValue.Create(new string('w', _random.Next(201, 250_000)))),
        _ => FlipCharacter(valid),
    };

    /// <summary>A null put into one of the body's arrays (any depth); a body without arrays gets a property holding [null].</summary>
    private string InsertNullIntoAnArray(string valid)
    {
        var root = JsonNode.Parse(valid)!;
        var arrays = Descendants(root).OfType<JsonArray>().ToList();
        if (arrays.Count == 0)
        {
            var objects = Descendants(root).OfType<JsonObject>().ToList();
            var obj = objects[_random.Next(objects.Count)];
            var keys = obj.Select(p => p.Key).ToList();
            obj[keys.Count == 0 ? "list" : keys[_random.Next(keys.Count)]] = new JsonArray((JsonNode?)null);
            return root.ToJsonString();
        }

        var array = arrays[_random.Next(arrays.Count)];
        array.Insert(_random.Next(array.Count + 1), null);
        return root.ToJsonString();
    }

    /// <summary>The first property of the body written twice, the second time first (System.Text.Json's nodes cannot hold a duplicate).</summary>
    private static string DuplicateAKey(string valid)
    {
        var root = JsonNode.Parse(valid);
        if (root is not JsonObject obj || obj.Count == 0)
        {
            return valid;
        }

        var (key, value) = obj.First();
        var text = root.ToJsonString();
        return "{" + System.Text.Json.JsonSerializer.Serialize(key) + ":" + (value?.ToJsonString() ?? "null") + "," + text[1..];
    }

    /// <summary>A string value that reads like an enum name ("Monthly", "LinkedIn") in lower case, upper case or padded.</summary>
    private string ChangeAnEnumsCase(string valid)
    {
        var root = JsonNode.Parse(valid)!;
        var names = Descendants(root).OfType<JsonValue>()
            .Where(v => v.TryGetValue<string>(out var text) && text.Length > 1 && char.IsAsciiLetterUpper(text[0]) && text.All(char.IsAsciiLetter))
            .ToList();
        if (names.Count == 0)
        {
            return ReplaceValue(valid, JsonValue.Create("monday"));
        }

        var chosen = names[_random.Next(names.Count)];
        var name = chosen.GetValue<string>();
        var changed = _random.Next(3) switch
        {
            0 => name.ToLowerInvariant(),
            1 => name.ToUpperInvariant(),
            _ => $" {name}",
        };
        chosen.ReplaceWith(JsonValue.Create(changed));
        return root.ToJsonString();
    }

    private string RandomText(int length)
    {
        var builder = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            builder.Append((char)_random.Next(0x20, 0x7f));
        }

        return builder.ToString();
    }

    private string FlipCharacter(string valid)
    {
        var chars = valid.ToCharArray();
        chars[_random.Next(chars.Length)] = "{}[]\":,0\\"[_random.Next(9)];
        return new string(chars);
    }

    private JsonNode? WrongTypedValue() => _random.Next(6) switch
    {
        0 => JsonValue.Create(_random.Next()),
        1 => JsonValue.Create(-1.5e300),
        2 => new JsonArray(JsonValue.Create("x")),
        3 => new JsonObject { ["unexpected"] = true },
        4 => JsonValue.Create(true),
        _ => null,
    };

    private static JsonNode DeepNesting(int depth)
    {
        JsonNode node = new JsonArray();
        for (var i = 0; i < depth; i++)
        {
            node = new JsonArray(node);
        }

        return node;
    }

    private string ReplaceValue(string valid, JsonNode? replacement)
    {
        var root = JsonNode.Parse(valid)!;
        var (parent, key) = PickSlot(root);
        switch (parent)
        {
            case JsonObject obj:
                obj[(string)key] = replacement;
                break;
            case JsonArray array:
                array[(int)key] = replacement;
                break;
        }

        return root.ToJsonString();
    }

    private string AddProperty(string valid)
    {
        var root = JsonNode.Parse(valid)!;
        var objects = Descendants(root).OfType<JsonObject>().ToList();
        objects[_random.Next(objects.Count)]["unknown_" + _random.Next(1000)] = "surprise";
        return root.ToJsonString();
    }

    private (JsonNode Parent, object Key) PickSlot(JsonNode root)
    {
        var slots = new List<(JsonNode, object)>();
        foreach (var node in Descendants(root))
        {
            switch (node)
            {
                case JsonObject obj:
                    slots.AddRange(obj.Select(p => ((JsonNode)obj, (object)p.Key)));
                    break;
                case JsonArray array:
                    slots.AddRange(Enumerable.Range(0, array.Count).Select(i => ((JsonNode)array, (object)i)));
                    break;
            }
        }

        return slots[_random.Next(slots.Count)];
    }

    private static IEnumerable<JsonNode> Descendants(JsonNode node)
    {
        yield return node;
        var children = node switch
        {
            JsonObject obj => obj.Select(p => p.Value),
            JsonArray array => array.AsEnumerable(),
            _ => [],
        };
        foreach (var child in children.OfType<JsonNode>())
        {
            foreach (var descendant in Descendants(child))
            {
                yield return descendant;
            }
        }
    }
}
