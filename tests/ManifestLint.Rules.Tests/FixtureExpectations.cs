using System.Text.RegularExpressions;
using ManifestLint.Core.Loading;

namespace ManifestLint.Rules.Tests;

public enum ExpectationKind
{
    Expect,
    Ok,
    Todo,
}

/// <summary>One inline annotation: <c># expect: [COL] ID ["text"] [-- commentary]</c>, <c># ok: ID</c> or <c># todo: ID</c>.</summary>
public sealed record Expectation(ExpectationKind Kind, string Path, int Line, int? Column, string RuleId, string? MessageContains)
{
    public override string ToString() =>
        $"{Kind.ToString().ToLowerInvariant()}: {(Column is null ? "" : Column + " ")}{RuleId}{(MessageContains is null ? "" : $" \"{MessageContains}\"")} at {Path}:{Line}";
}

/// <summary>
/// Reads annotations from a fixture's real YAML comments (a '#' inside a string or block scalar is content).
/// A trailing comment applies to its own line; a comment alone on its line applies to the next line that is
/// neither blank nor a comment, so annotations can be stacked.
/// </summary>
public static partial class FixtureExpectations
{
    public static IReadOnlyList<Expectation> Read(string displayPath, string text)
    {
        var comments = YamlStreamReader.Read(text).Comments;
        var commentOnlyLines = comments.Where(c => !c.IsInline).Select(c => c.Line).ToHashSet();
        var lines = text.Split('\n');
        var result = new List<Expectation>();
        foreach (var comment in comments)
        {
            foreach (var part in AnnotationSeparator().Split(comment.Text))
            {
                var match = Annotation().Match(part);
                if (!match.Success)
                {
                    continue;
                }

                var target = comment.Line;
                if (!comment.IsInline)
                {
                    target++;
                    while (target <= lines.Length && (commentOnlyLines.Contains(target) || string.IsNullOrWhiteSpace(lines[target - 1])))
                    {
                        target++;
                    }
                }

                var kind = Enum.Parse<ExpectationKind>(match.Groups["kind"].Value, ignoreCase: true);
                int? column = match.Groups["col"].Success ? int.Parse(match.Groups["col"].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
                var text2 = match.Groups["text"].Success ? match.Groups["text"].Value : null;
                result.Add(new Expectation(kind, displayPath, target, column, match.Groups["id"].Value, text2));
            }
        }

        return result;
    }

    /// <summary>Several annotations share a comment as "expect: X; ok: Y"; a ';' inside a quoted message stays.</summary>
    [GeneratedRegex(@";(?=\s*(?:expect|ok|todo):)")]
    private static partial Regex AnnotationSeparator();

    [GeneratedRegex("""^\s*(?<kind>expect|ok|todo):\s*(?:(?<col>\d+)\s+)?(?<id>ML\d{4})(?:\s+"(?<text>[^"]*)")?\s*(?:--.*)?$""")]
    private static partial Regex Annotation();
}
