using System.Text.RegularExpressions;
using ManifestLint.Core.Engine;
using ManifestLint.Core.Loading;
using ManifestLint.Core.Yaml;

namespace ManifestLint.Core.Helm;

/// <summary>
/// Moves findings on rendered Helm output (<c>helm template … | dotnet manifest-lint - --chart-root DIR</c>) to the chart
/// template file they were rendered from, so code scanning annotates the file people edit. The <c># Source:</c> comment
/// names the template as <c>chart/templates/x.yaml</c> (subcharts as <c>chart/charts/sub/templates/y.yaml</c>); under the
/// chart root that is <c>templates/x.yaml</c>. A template is not YAML until rendered, so the line is found by following
/// the finding's logical path through the template's keys in order (<c>spec:</c>, then <c>selector:</c> below it); when
/// a key is not written literally there, the deepest key found is used, else the first line. The rendered place stays
/// as a related location.
/// </summary>
public static partial class HelmTemplateOrigins
{
    public static AnalysisResult MapToTemplates(AnalysisResult result, string chartRoot, string baseDirectory)
    {
        var templates = new Dictionary<string, string[]?>(StringComparer.Ordinal);
        var mapped = result.Diagnostics.Select(d => Map(d, result, chartRoot, baseDirectory, templates)).ToList();
        mapped.Sort(DiagnosticOrder.Instance);
        return result with { Diagnostics = mapped };
    }

    private static Diagnostic Map(Diagnostic diagnostic, AnalysisResult result, string chartRoot, string baseDirectory, Dictionary<string, string[]?> templates)
    {
        if (diagnostic.Location.HelmSource is not { } source || source.IndexOf('/') is not (> 0 and var slash))
        {
            return diagnostic;
        }

        var full = Path.GetFullPath(source[(slash + 1)..], chartRoot);
        if (!templates.TryGetValue(full, out var lines))
        {
            templates[full] = lines = File.Exists(full) ? File.ReadAllLines(full) : null;
        }

        if (lines is null)
        {
            return diagnostic; // Not this chart's template (another chart's output on the same stream).
        }

        var start = diagnostic.Location.Span.Start;
        var rendered = result.Index.Resources.FirstOrDefault(r =>
            r.File.Path == diagnostic.Location.Path && r.Root.Span.Start.CompareTo(start) <= 0 && start.CompareTo(r.Root.Span.End) <= 0);
        var keys = rendered is null ? [] : LogicalPath.StepsTo(rendered.Root, start, out _).Where(s => s.Key is not null).Select(s => s.Key!).ToList();
        var span = Locate(lines, keys, rendered?.Kind);
        var location = new Location(InputCollector.DisplayPath(full, baseDirectory), span, source);
        return diagnostic with
        {
            Location = location,
            RelatedLocations = [.. diagnostic.RelatedLocations, new RelatedLocation(diagnostic.Location, $"where `helm template` rendered it ({diagnostic.Location})")],
        };
    }

    /// <summary>The line of the last key of <paramref name="keys"/> found in order, starting from the object's <c>kind:</c> line.</summary>
    private static TextSpan Locate(string[] lines, IReadOnlyList<string> keys, string? kind)
    {
        var line = kind is null ? 0 : Math.Max(0, Array.FindIndex(lines, l => KindLine().Match(l) is { Success: true } m && m.Groups["kind"].Value == kind));
        var found = TextSpan.At(1, 1);
        foreach (var key in keys)
        {
            var at = Array.FindIndex(lines, line, l => l.TrimStart().TrimStart('-', ' ').StartsWith(key + ":", StringComparison.Ordinal));
            if (at < 0)
            {
                break;
            }

            var column = lines[at].IndexOf(key + ":", StringComparison.Ordinal) + 1;
            found = new TextSpan(new SourcePosition(at + 1, column), new SourcePosition(at + 1, column + key.Length));
            line = at + 1;
        }

        return found;
    }

    [GeneratedRegex(@"^kind:\s*(?<kind>[A-Za-z0-9]+)\s*$")]
    private static partial Regex KindLine();
}
