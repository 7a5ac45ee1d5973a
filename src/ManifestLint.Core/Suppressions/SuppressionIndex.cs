using System.Text.RegularExpressions;
using ManifestLint.Core.Engine;
using ManifestLint.Core.Loading;
using ManifestLint.Core.Model;

namespace ManifestLint.Core.Suppressions;

/// <summary>
/// Inline suppressions of one file, read from real YAML comments (a '#' inside a string is not a comment):
/// <code>
/// # manifestlint-disable-next-line ML1001 -- reason
/// selector: {app: web}  # manifestlint-disable-line ML1001 -- reason
/// # manifestlint-disable ML1003 -- reason
/// ...
/// # manifestlint-enable ML1003
/// </code>
/// Without IDs a directive covers every rule.
/// </summary>
public sealed partial class CommentSuppressions
{
    // Ids null means every rule; Except holds the rules an enable directive took back out of such a block.
    private readonly List<(int FromLine, int ToLine, IReadOnlySet<string>? Ids, IReadOnlySet<string>? Except, string? Reason)> _ranges = [];

    public static CommentSuppressions Empty { get; } = new([], null);

    /// <summary>The suppressions of a file's comments; the shared empty instance when there are none (most files).</summary>
    public static CommentSuppressions Read(IReadOnlyList<SourceComment> comments, string? text)
    {
        var suppressions = new CommentSuppressions(comments, text);
        return suppressions._ranges.Count == 0 ? Empty : suppressions;
    }

    public CommentSuppressions(IReadOnlyList<SourceComment> comments, string? text)
    {
        if (comments.Count == 0)
        {
            return;
        }

        var commentOnlyLines = comments.Where(c => !c.IsInline).Select(c => c.Line).ToHashSet();
        string[]? lines = null;
        var open = new List<(int Line, IReadOnlySet<string>? Ids, IReadOnlySet<string>? Except, string? Reason)>();
        foreach (var comment in comments)
        {
            var match = Directive().Match(comment.Text);
            if (!match.Success)
            {
                continue;
            }

            var rest = match.Groups["rest"].Value;
            var separator = rest.IndexOf("--", StringComparison.Ordinal);
            var ids = ParseIds(separator < 0 ? rest : rest[..separator]);
            var reason = separator < 0 ? null : rest[(separator + 2)..].Trim();
            switch (match.Groups["kind"].Value)
            {
                case "disable-next-line":
                    var target = comment.Line + 1;
                    lines ??= text?.Split('\n');
                    while (lines is not null && target <= lines.Length && (commentOnlyLines.Contains(target) || string.IsNullOrWhiteSpace(lines[target - 1])))
                    {
                        target++;
                    }

                    _ranges.Add((target, target, ids, null, reason));
                    break;
                case "disable-line":
                    _ranges.Add((comment.Line, comment.Line, ids, null, reason));
                    break;
                case "disable":
                    open.Add((comment.Line, ids, null, reason));
                    break;
                case "enable":
                    for (var i = open.Count - 1; i >= 0; i--)
                    {
                        var block = open[i];
                        if (ids is null || block.Ids is null || block.Ids.Overlaps(ids))
                        {
                            _ranges.Add((block.Line, comment.Line, block.Ids, block.Except, block.Reason));
                            open.RemoveAt(i);
                            if (ids is null)
                            {
                                continue;
                            }

                            // Enabling some rules leaves the block open for the others, as ESLint does.
                            if (block.Ids is null)
                            {
                                open.Insert(i, (comment.Line, null, (block.Except ?? new HashSet<string>()).Union(ids).ToHashSet(StringComparer.Ordinal), block.Reason));
                            }
                            else if (block.Ids.Except(ids).ToHashSet(StringComparer.Ordinal) is { Count: > 0 } remaining)
                            {
                                open.Insert(i, (comment.Line, remaining, null, block.Reason));
                            }
                        }
                    }

                    break;
            }
        }

        _ranges.AddRange(open.Select(o => (o.Line, int.MaxValue, o.Ids, o.Except, o.Reason)));
    }

    public Suppression? Find(string ruleId, int line)
    {
        foreach (var (from, to, ids, except, reason) in _ranges)
        {
            if (line >= from && line <= to && (ids is null || ids.Contains(ruleId)) && except?.Contains(ruleId) != true)
            {
                return new Suppression("inSource", reason);
            }
        }

        return null;
    }

    internal static IReadOnlySet<string>? ParseIds(string text)
    {
        var ids = text.Split([',', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(s => s.ToUpperInvariant()).ToHashSet(StringComparer.Ordinal);
        return ids.Count == 0 ? null : ids;
    }

    [GeneratedRegex(@"^\s*manifestlint-(?<kind>disable-next-line|disable-line|disable|enable)(?:\s+(?<rest>.*))?$", RegexOptions.CultureInvariant)]
    private static partial Regex Directive();
}

/// <summary>
/// The resource annotation <c>manifestlint.io/suppress: "ML1001: reason; ML1003, ML1004: other reason"</c>.
/// Entries are separated by ';' or new lines; an entry without a reason is allowed.
/// </summary>
public static class AnnotationSuppressions
{
    public const string AnnotationKey = "manifestlint.io/suppress";

    public static Suppression? Find(Resource resource, string ruleId)
    {
        if (!resource.Annotations.TryGetValue(AnnotationKey, out var value))
        {
            return null;
        }

        foreach (var entry in value.Split([';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = entry.IndexOf(':');
            var ids = CommentSuppressions.ParseIds(colon < 0 ? entry : entry[..colon]);
            if (ids is not null && ids.Contains(ruleId))
            {
                var reason = colon < 0 ? null : entry[(colon + 1)..].Trim();
                return new Suppression("inSource", string.IsNullOrEmpty(reason) ? null : reason);
            }
        }

        return null;
    }
}
