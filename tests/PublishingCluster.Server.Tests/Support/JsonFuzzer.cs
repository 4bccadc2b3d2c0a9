using System.Text;
using System.Text.Json.Nodes;

namespace PublishingCluster.Server.Tests.Support;

/// <summary>
/// Mutations of a valid JSON body that a careless or hostile client might send: truncations, random bytes,
/// values of the wrong type, unknown properties, deep nesting and oversized bodies. Seeded, so a failure repeats.
/// </summary>
public sealed class JsonFuzzer(int seed)
{
    private readonly Random _random = new(seed);

    public string Mutate(string valid) => _random.Next(7) switch
    {
        0 => valid[.._random.Next(valid.Length)],
        1 => RandomText(_random.Next(1, 200)),
        2 => ReplaceValue(valid, WrongTypedValue()),
        3 => AddProperty(valid),
        4 => ReplaceValue(valid, DeepNesting(_random.Next(33, 300))),
        5 => ReplaceValue(valid, JsonValue.Create(new string('x', _random.Next(300_000, 400_000)))),
        _ => FlipCharacter(valid),
    };

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
