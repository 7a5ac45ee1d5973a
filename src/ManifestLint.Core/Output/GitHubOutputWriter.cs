using System.Globalization;
using System.Text;
using ManifestLint.Core.Engine;

namespace ManifestLint.Core.Output;

/// <summary>
/// GitHub Actions workflow commands (<c>::error file=…,line=…::message</c>): a plain workflow step that runs the
/// linter annotates the pull request, without code scanning. Suppressed findings are not annotated.
/// </summary>
public sealed class GitHubOutputWriter : IOutputWriter
{
    public void Write(AnalysisResult result, TextWriter output, OutputContext context)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(context);

        var paths = new ArtifactPaths(result, context);
        foreach (var diagnostic in result.Active.Where(d => d.Severity != Severity.Hidden))
        {
            output.Write("::");
            output.Write(diagnostic.Severity switch { Severity.Error => "error", Severity.Warning => "warning", _ => "notice" });
            output.Write(' ');
            output.Write(Properties(diagnostic, paths));
            output.Write("::");
            output.Write(EscapeData(Message(diagnostic, paths)));
            output.Write('\n');
        }
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
