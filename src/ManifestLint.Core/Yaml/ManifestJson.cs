using System.Buffers;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;

namespace ManifestLint.Core.Yaml;

/// <summary>
/// The positioned tree as JSON, and back: a subtree written as a JSON document (what a JSON Schema evaluator reads),
/// and a JSON pointer into that document followed back to the key or value it came from, so a schema's failure is
/// reported where it is written. The one home of YAML-to-JSON typing and of pointer handling.
/// </summary>
public static class ManifestJson
{
    /// <summary>
    /// Aliases share nodes, so a small file can stand for an exponentially large document (an alias bomb): writing
    /// stops after this many nodes instead of exhausting memory.
    /// </summary>
    public const int MaxNodes = 1_000_000;

    /// <summary>Deeper than any Kubernetes object; the System.Text.Json default (64) is not.</summary>
    public const int MaxDepth = 256;

    /// <summary>The subtree as a JSON document, scalars typed as YAML 1.2's core schema resolves them (see <see cref="WriteScalar"/>).</summary>
    /// <exception cref="InvalidOperationException">The subtree is too large or too deep to be a JSON document.</exception>
    public static JsonDocument ToJsonDocument(ManifestNode node)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { MaxDepth = MaxDepth, SkipValidation = false }))
        {
            var budget = MaxNodes;
            Write(json, node, ref budget, 0);
        }

        return JsonDocument.Parse(buffer.WrittenMemory, new JsonDocumentOptions { MaxDepth = MaxDepth });
    }

    /// <summary>The subtree as indented JSON text (a custom rule's schema written in YAML, shown by <c>explain</c>).</summary>
    public static string ToJsonText(ManifestNode node)
    {
        using var document = ToJsonDocument(node);
        return JsonSerializer.Serialize(document.RootElement, new JsonSerializerOptions { WriteIndented = true });
    }

    private static void Write(Utf8JsonWriter json, ManifestNode node, ref int budget, int depth)
    {
        if (--budget < 0)
        {
            throw new InvalidOperationException($"the object expands to more than {MaxNodes} values (aliases?), too many to check against a schema");
        }

        if (depth > MaxDepth)
        {
            throw new InvalidOperationException($"the object nests deeper than {MaxDepth} levels, too deep to check against a schema");
        }

        switch (node)
        {
            case MappingNode mapping:
                json.WriteStartObject();
                var written = new HashSet<string>(StringComparer.Ordinal);
                foreach (var entry in mapping.Entries)
                {
                    // A duplicate key: lookups in the tree see the first one, and so does the schema.
                    if (written.Add(entry.KeyText))
                    {
                        json.WritePropertyName(entry.KeyText);
                        Write(json, entry.Value, ref budget, depth + 1);
                    }
                }

                json.WriteEndObject();
                break;
            case SequenceNode sequence:
                json.WriteStartArray();
                foreach (var item in sequence.Items)
                {
                    Write(json, item, ref budget, depth + 1);
                }

                json.WriteEndArray();
                break;
            case ScalarNode scalar:
                WriteScalar(json, scalar);
                break;
            default:
                json.WriteNullValue();
                break;
        }
    }

    /// <summary>
    /// YAML 1.2's core schema, as Kubernetes reads a manifest: a plain scalar is null, a boolean, an integer (decimal,
    /// 0o octal, 0x hex) or a float when it reads as one, and a string otherwise; quoted and block scalars, and those
    /// tagged !!str, are strings (<c>"8080"</c> stays a string). Infinities and NaN have no JSON form and stay strings.
    /// </summary>
    private static void WriteScalar(Utf8JsonWriter json, ScalarNode scalar)
    {
        var text = scalar.Value;
        var tag = scalar.Tag is { } t ? t[(t.LastIndexOfAny([':', '!']) + 1)..] : null;
        var plain = scalar.Style == ScalarStyle.Plain;
        if (tag is "str" || (!plain && tag is null) || (tag is not null and not ("null" or "bool" or "int" or "float")))
        {
            json.WriteStringValue(text);
        }
        else if ((tag is null && scalar.IsNull) || (tag is "null"))
        {
            json.WriteNullValue();
        }
        else if (text is "true" or "True" or "TRUE")
        {
            json.WriteBooleanValue(true);
        }
        else if (text is "false" or "False" or "FALSE")
        {
            json.WriteBooleanValue(false);
        }
        else if (TryInteger(text) is { } integer)
        {
            json.WriteRawValue(integer.ToString(CultureInfo.InvariantCulture));
        }
        else if (IsCoreFloat(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
        {
            json.WriteNumberValue(number);
        }
        else
        {
            json.WriteStringValue(text);
        }
    }

    private static BigInteger? TryInteger(string text)
    {
        if (text.StartsWith("0o", StringComparison.Ordinal) && text.Length > 2 && text[2..].All(c => c is >= '0' and <= '7'))
        {
            return text[2..].Aggregate(BigInteger.Zero, (value, digit) => value * 8 + (digit - '0'));
        }

        if (text.StartsWith("0x", StringComparison.Ordinal) && text.Length > 2 && text[2..].All(char.IsAsciiHexDigit))
        {
            return BigInteger.Parse("0" + text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        }

        var digits = text.Length > 0 && text[0] is '+' or '-' ? text[1..] : text;
        return digits.Length > 0 && digits.All(char.IsAsciiDigit)
            ? BigInteger.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)
            : null;
    }

    /// <summary>The core schema's float: <c>[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?</c>.</summary>
    private static bool IsCoreFloat(string text)
    {
        var i = text.Length > 0 && text[0] is '+' or '-' ? 1 : 0;
        var integerDigits = CountDigits(text, ref i);
        var fractionDigits = 0;
        if (i < text.Length && text[i] == '.')
        {
            i++;
            fractionDigits = CountDigits(text, ref i);
        }

        if (integerDigits == 0 && fractionDigits == 0)
        {
            return false;
        }

        if (i < text.Length && text[i] is 'e' or 'E')
        {
            i++;
            if (i < text.Length && text[i] is '+' or '-')
            {
                i++;
            }

            if (CountDigits(text, ref i) == 0)
            {
                return false;
            }
        }

        return i == text.Length;
    }

    private static int CountDigits(string text, ref int i)
    {
        var start = i;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        return i - start;
    }

    /// <summary>The reference tokens of a JSON pointer (RFC 6901): "/spec/a~1b" is ["spec", "a/b"]; "" is the root.</summary>
    public static IReadOnlyList<string> PointerSegments(string pointer) =>
        pointer.Length == 0
            ? []
            : [.. pointer.TrimStart('#').Split('/').Skip(1).Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal))];

    /// <summary>A JSON path for messages: <c>$.spec.containers[0].image</c>, <c>$.metadata.labels['app.kubernetes.io/name']</c>; the root is <c>$</c>.</summary>
    public static string JsonPath(ManifestNode root, IReadOnlyList<string> segments)
    {
        var path = new StringBuilder("$");
        ManifestNode? node = root;
        foreach (var segment in segments)
        {
            if (node is SequenceNode && int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                path.Append('[').Append(index.ToString(CultureInfo.InvariantCulture)).Append(']');
            }
            else if (segment.Length > 0 && segment.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-') && !char.IsAsciiDigit(segment[0]))
            {
                path.Append('.').Append(segment);
            }
            else
            {
                path.Append("['").Append(segment.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)).Append("']");
            }

            node = node?.At(segment);
        }

        return path.ToString();
    }

    /// <summary>
    /// Where a failure at the pointer is reported: a scalar value itself; a mapping or sequence by the key that holds
    /// it; a mapping item of a sequence by its first key. A pointer that leaves the tree (a missing property) ends at the
    /// deepest node that exists. Null when that is <paramref name="root"/> itself, which has no key here: the caller
    /// knows what stands for the whole target (an object's name, a container's name).
    /// </summary>
    public static ManifestNode? NodeToReport(ManifestNode root, IReadOnlyList<string> segments)
    {
        var node = root;
        ScalarNode? key = null;
        foreach (var segment in segments)
        {
            if (node is MappingNode mapping && mapping.GetEntry(segment) is { } entry)
            {
                (node, key) = (entry.Value, entry.Key);
            }
            else if (node is SequenceNode sequence && int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < sequence.Count)
            {
                (node, key) = (sequence[index], null);
            }
            else
            {
                break;
            }
        }

        return node switch
        {
            ScalarNode scalar => scalar,
            _ when key is not null => key,
            _ when ReferenceEquals(node, root) => null,
            MappingNode { Count: > 0 } item => item.Entries[0].Key,
            _ => node,
        };
    }
}
