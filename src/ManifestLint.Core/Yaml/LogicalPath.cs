using System.Text;
using System.Text.RegularExpressions;

namespace ManifestLint.Core.Yaml;

/// <summary>One step of a logical path: a mapping key, or a sequence item by its name or index.</summary>
public readonly record struct PathStep(string? Key, string? ItemName, int ItemIndex);

/// <summary>
/// The logical path of the key or value at a position in an object, as a reader would name it:
/// <c>spec.template.spec.containers[name=api].env[name=DB].valueFrom.secretKeyRef.key</c>. Sequence items are named
/// by their <c>name</c> when they have one (containers, ports, env entries), so inserting an item above keeps the
/// path; otherwise by index. Keys that are not plain words are quoted: <c>metadata.labels["app.kubernetes.io/name"]</c>.
/// </summary>
public static partial class LogicalPath
{
    /// <summary>The path of the innermost key or value containing <paramref name="position"/>; "" for the object itself.</summary>
    public static string Of(MappingNode root, SourcePosition position) => Format(StepsTo(root, position, out _));

    /// <summary>
    /// The steps to the innermost key or value containing <paramref name="position"/>; <paramref name="atKey"/> says
    /// whether the position is on the last key itself rather than in its value.
    /// </summary>
    public static IReadOnlyList<PathStep> StepsTo(MappingNode root, SourcePosition position, out bool atKey)
    {
        var steps = new List<PathStep>();
        atKey = false;
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
                            steps.Add(new PathStep(entry.KeyText, null, 0));
                            atKey = true;
                            return steps;
                        }

                        if (Contains(entry.ValueSpan, position))
                        {
                            steps.Add(new PathStep(entry.KeyText, null, 0));
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
                            steps.Add(new PathStep(null, ItemName(item), i));
                            node = item;
                            break;
                        }
                    }

                    break;
            }
        }

        return steps;
    }

    /// <summary>
    /// Where the steps lead in another copy of the object (the file kustomize read it from): the last key (or its
    /// value) when every step is there, else the deepest key that is, else the object's start.
    /// </summary>
    public static TextSpan Resolve(MappingNode root, IReadOnlyList<PathStep> steps, bool atKey) => Resolve(root, steps, atKey, out _);

    /// <summary>As <see cref="Resolve(MappingNode, IReadOnlyList{PathStep}, bool)"/>; <paramref name="complete"/> says whether every step was there.</summary>
    public static TextSpan Resolve(MappingNode root, IReadOnlyList<PathStep> steps, bool atKey, out bool complete)
    {
        complete = false;
        ManifestNode node = root;
        var found = new TextSpan(root.Span.Start, root.Span.Start);
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            if (step.Key is not null && node is MappingNode mapping && mapping.GetEntry(step.Key) is { } entry)
            {
                found = i == steps.Count - 1 && !atKey ? entry.ValueSpan : entry.KeySpan;
                node = entry.Value;
            }
            else if (step.Key is null && node is SequenceNode sequence
                && (step.ItemName is not null
                    ? sequence.Items.FirstOrDefault(item => ItemName(item) == step.ItemName)
                    : step.ItemIndex < sequence.Count ? sequence[step.ItemIndex] : null) is { } item)
            {
                found = item.Span;
                node = item;
            }
            else
            {
                return found;
            }
        }

        complete = true;
        return found;
    }

    public static string Format(IReadOnlyList<PathStep> steps)
    {
        var path = new StringBuilder();
        foreach (var step in steps)
        {
            if (step.Key is { } key)
            {
                AppendKey(path, key);
            }
            else
            {
                path.Append(step.ItemName is { } name ? $"[name={name}]" : $"[{step.ItemIndex}]");
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
