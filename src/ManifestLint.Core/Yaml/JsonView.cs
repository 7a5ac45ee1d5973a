using System.Text.Json.Nodes;

namespace ManifestLint.Core.Yaml;

/// <summary>
/// A manifest node as the JSON the API server decodes from it: scalars typed by <see cref="ScalarTypes"/>, and null-valued
/// mapping entries left out (<c>key:</c> is an absent field). What a JSON Schema evaluator reads. Placeholder values
/// (<c>${IMAGE}</c>) are kept as strings and their JSON pointers recorded, since their real value is unknown.
/// </summary>
public static class JsonView
{
    /// <summary>The JSON of a node; null when it has more than <paramref name="maxNodes"/> nodes (a hostile document is not copied whole).</summary>
    public static JsonNode? Of(ManifestNode node, ISet<string>? placeholderPointers = null, int maxNodes = int.MaxValue)
    {
        var budget = maxNodes;
        try
        {
            return Convert(node, "", placeholderPointers, ref budget);
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    public static string Escape(string key) => key.Replace("~", "~0").Replace("/", "~1");

    private static JsonNode? Convert(ManifestNode node, string pointer, ISet<string>? placeholders, ref int budget)
    {
        if (--budget < 0)
        {
            throw new OverflowException();
        }

        switch (node)
        {
            case MappingNode mapping:
            {
                var result = new JsonObject();
                foreach (var entry in mapping.Entries)
                {
                    var value = entry.Value;
                    if (value is ScalarNode scalar && ScalarTypes.KindOf(scalar) == JsonKind.Null)
                    {
                        continue;
                    }

                    result[entry.KeyText] = Convert(value, pointer + "/" + Escape(entry.KeyText), placeholders, ref budget);
                }

                return result;
            }

            case SequenceNode sequence:
            {
                var result = new JsonArray();
                for (var i = 0; i < sequence.Count; i++)
                {
                    result.Add(Convert(sequence[i], $"{pointer}/{i}", placeholders, ref budget));
                }

                return result;
            }

            case ScalarNode scalar:
                if (scalar.IsPlaceholder)
                {
                    placeholders?.Add(pointer);
                }

                return ScalarTypes.KindOf(scalar) switch
                {
                    JsonKind.Null => null,
                    JsonKind.Boolean => JsonValue.Create(scalar.Value is "true" or "True" or "TRUE"),
                    JsonKind.Integer or JsonKind.Number when ScalarTypes.TryParseNumber(scalar.Value, out var number) => JsonValue.Create(number),
                    JsonKind.Integer or JsonKind.Number => JsonValue.Create(double.TryParse(scalar.Value, System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : 0d),
                    _ => JsonValue.Create(scalar.Value),
                };
            default:
                throw new InvalidOperationException($"unexpected node {node.GetType().Name}");
        }
    }

    /// <summary>The node a JSON pointer names (for a finding's place); the deepest existing node on the way when it does not exist.</summary>
    public static (ManifestNode Node, MappingEntry? Entry) Resolve(MappingNode root, string pointer)
    {
        ManifestNode node = root;
        MappingEntry? entry = null;
        foreach (var raw in pointer.Split('/').Skip(1))
        {
            var step = raw.Replace("~1", "/").Replace("~0", "~");
            switch (node)
            {
                case MappingNode mapping when mapping.GetEntry(step) is { } found:
                    entry = found;
                    node = found.Value;
                    break;
                case SequenceNode sequence when int.TryParse(step, out var index) && index >= 0 && index < sequence.Count:
                    entry = null;
                    node = sequence[index];
                    break;
                default:
                    return (node, entry);
            }
        }

        return (node, entry);
    }
}
