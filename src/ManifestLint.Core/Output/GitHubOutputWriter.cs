using System.Globalization;
using System.Text;
using ManifestLint.Core.Engine;

namespace ManifestLint.Core.Output;

/// <summary>
/// GitHub Actions workflow commands (<c>::error file=…,line=…::message</c>): a plain workflow step that runs the
/// linter annotates the pull request, without code scanning. Suppressed and baselined findings are not annotated.
/// GitHub shows at most <see cref="AnnotationsPerLevel"/> annotations of each level per step and drops the rest
/// without a word, so only the first of each level are annotated; the others are written to the log as plain lines,
/// and one notice at the end says how many were not annotated, of which level and rules.
/// </summary>
public sealed class GitHubOutputWriter : IOutputWriter
{
    /// <summary>GitHub's limit of annotations per level (error, warning, notice) per step.</summary>
    public const int AnnotationsPerLevel = 10;

    public void Write(AnalysisResult result, TextWriter output, OutputContext context)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(context);

        var paths = new ArtifactPaths(result, context);
        var findings = result.Active.Where(d => d.Severity != Severity.Hidden).ToList();

        // Findings come in output order (file, line), so the first of each level are the first a reader meets. When
        // some must be left out, the summary is itself a notice and takes one of the notices' places.
        var overflow = findings.GroupBy(Level).Any(g => g.Count() > AnnotationsPerLevel);
        var annotated = findings
            .GroupBy(Level)
            .SelectMany(g => g.Take(g.Key == "notice" && overflow ? AnnotationsPerLevel - 1 : AnnotationsPerLevel))
            .ToHashSet(ReferenceEqualityComparer.Instance);
        var omitted = findings.Where(d => !annotated.Contains(d)).ToList();

        foreach (var diagnostic in findings.Where(annotated.Contains))
        {
            output.Write("::");
            output.Write(Level(diagnostic));
            output.Write(' ');
            output.Write(Properties(diagnostic, paths));
            output.Write("::");
            output.Write(EscapeData(Message(diagnostic, paths)));
            output.Write('\n');
        }

        if (omitted.Count == 0)
        {
            return;
        }

        foreach (var diagnostic in omitted)
        {
            // Plain log lines: not commands, so GitHub neither drops nor annotates them. A line that starts with
            // "::" would be read as a command; these start with a path or the severity.
            var location = diagnostic.Location;
            var place = location.Path.Length > 0 ? Invariant($"{paths.Display(location.Path)}:{location.Span.Start.Line}:{location.Span.Start.Column}: ") : "";
            output.Write(EscapeData($"{place}{diagnostic.Severity.ToDisplayString()} {diagnostic.Id}: {diagnostic.Message}"));
            output.Write('\n');
        }

        output.Write("::notice title=ManifestLint::");
        output.Write(EscapeData(Summary(omitted)));
        output.Write('\n');
    }

    private static string Level(Diagnostic diagnostic) =>
        diagnostic.Severity switch { Severity.Error => "error", Severity.Warning => "warning", _ => "notice" };

    /// <summary>"12 more findings are not annotated (GitHub shows 10 of each level per step): 9 errors (ML1001 ×7, ML1003 ×2), 3 warnings (ML1201 ×3). They are listed in the log above."</summary>
    private static string Summary(IReadOnlyList<Diagnostic> omitted)
    {
        var byLevel = omitted
            .GroupBy(d => d.Severity)
            .OrderByDescending(g => g.Key)
            .Select(g =>
            {
                var rules = g.GroupBy(d => d.Id).OrderByDescending(r => r.Count()).ThenBy(r => r.Key, StringComparer.Ordinal)
                    .Select(r => Invariant($"{r.Key} ×{r.Count()}"));
                var noun = g.Key switch { Severity.Error => "error", Severity.Warning => "warning", _ => "info" };
                return Invariant($"{g.Count()} {noun}{(g.Count() == 1 ? "" : "s")} ({string.Join(", ", rules)})");
            });
        var count = omitted.Count;
        return Invariant($"{count} more finding{(count == 1 ? " is" : "s are")} not annotated (GitHub shows {AnnotationsPerLevel} annotations of each level per step): ")
            + string.Join(", ", byLevel) + ". They are listed in the log above.";
    }

    private static string Properties(Diagnostic diagnostic, ArtifactPaths paths)
    {
        var properties = new List<string>();
        var location = diagnostic.Location;
        if (location.Path.Length > 0 && !ArtifactPaths.IsStandardInput(location.Path))
        {
            var span = location.Span;
            properties.Add("file=" + EscapeProperty(paths.Display(location.Path)));
            properties.Add(Invariant($"line={span.Start.Line}"));

            // GitHub accepts columns only when the annotation starts and ends on the same line; endColumn is
            // exclusive, as in SARIF.
            if (span.End.Line == span.Start.Line)
            {
                properties.Add(Invariant($"col={span.Start.Column}"));
            }

            properties.Add(Invariant($"endLine={Math.Max(span.Start.Line, span.End.Line)}"));
            if (span.End.Line == span.Start.Line)
            {
                properties.Add(Invariant($"endColumn={Math.Max(span.Start.Column, span.End.Column)}"));
            }
        }

        properties.Add("title=" + EscapeProperty(diagnostic.Id));
        return string.Join(',', properties);
    }

    /// <summary>The message, then the same notes and help as the text output; an annotation shows several lines.</summary>
    private static string Message(Diagnostic diagnostic, ArtifactPaths paths)
    {
        var text = new StringBuilder(diagnostic.Message);
        if (diagnostic.Location.HelmSource is { } helm)
        {
            text.Append(" (from chart template ").Append(helm).Append(')');
        }

        foreach (var related in diagnostic.RelatedLocations)
        {
            text.Append('\n').Append("= note: ").Append(TextOutputWriter.RelatedNote(related, paths));
        }

        if ((diagnostic.Help ?? diagnostic.Rule.HelpText) is { } help)
        {
            text.Append('\n').Append("= help: ").Append(help);
        }

        if (diagnostic.Rule.HelpUri is { } helpUri)
        {
            text.Append('\n').Append("= see: ").Append(helpUri);
        }
        return text.ToString();
    }

    // The escapes of actions/toolkit's command.ts: data escapes % CR LF; properties also ':' and ','.
    private static string EscapeData(string text) =>
        text.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    private static string EscapeProperty(string text) =>
        EscapeData(text).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
