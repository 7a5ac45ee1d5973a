using System.Text;
using System.Text.RegularExpressions;
using ManifestLint.Core.Yaml;

namespace ManifestLint.Core.Baseline;

/// <summary>
/// The logical path of the key or value at a position in an object, as a reader would name it:
/// <c>spec.template.spec.containers[name=api].env[name=DB].valueFrom.secretKeyRef.key</c>. Sequence items are named
/// by their <c>name</c> when they have one (containers, ports, env entries), so inserting an item above keeps the
/// path; otherwise by index. Keys that are not plain words are quoted: <c>metadata.labels["app.kubernetes.io/name"]</c>.
/// </summary>
public static partial class LogicalPath
{
    /// <summary>The path of the innermost key or value containing <paramref name="position"/>; "" for the object itself.</summary>
    public static string Of(MappingNode root, SourcePosition position)
    {
        var path = new StringBuilder();
        ManifestNode? node = root;
        while (node is not null)
        {
            var current = node;
            node = null;
            switch (current)
            {
                case MappingNode mapping:
                    foreach (var entry in mapping.Entries)
                    {
                        if (Contains(entry.KeySpan, position))
                        {
                            AppendKey(path, entry.KeyText);
                            return path.ToString();
                        }

                        if (Contains(entry.ValueSpan, position))
                        {
                            AppendKey(path, entry.KeyText);
                            node = entry.Value;
                            break;
                        }
                    }

                    break;
                case SequenceNode sequence:
                    for (var i = 0; i < sequence.Count; i++)
                    {
                        var item = sequence[i];
                        if (Contains(item.Span, position))
                        {
                            path.Append(ItemName(item) is { } name ? $"[name={name}]" : $"[{i}]");
                            node = item;
                            break;
                        }
                    }

                    break;
            }
        }

        return path.ToString();
    }

    private static string? ItemName(ManifestNode item) =>
        item is MappingNode mapping && mapping.StringAt("name") is { Length: > 0 } name ? name : null;

    private static void AppendKey(StringBuilder path, string key)
    {
        if (PlainKey().IsMatch(key))
        {
            path.Append(path.Length == 0 ? "" : ".").Append(key);
        }
        else
        {
            path.Append("[\"").Append(key.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append("\"]");
        }
    }

    // A zero-width span (an empty value) contains only its own start.
    private static bool Contains(TextSpan span, SourcePosition position) =>
        span.Start.CompareTo(position) <= 0 && (position.CompareTo(span.End) < 0 || position == span.Start);

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex PlainKey();
}
