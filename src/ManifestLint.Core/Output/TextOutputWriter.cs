using System.Globalization;
using System.Text.RegularExpressions;
using ManifestLint.Core.Engine;

namespace ManifestLint.Core.Output;

/// <summary>
/// Output for people, in the style of rustc and ruff: the finding, its location, the source line with the
/// span underlined, related locations as notes, a help line, and a one-line summary.
/// </summary>
public sealed partial class TextOutputWriter : IOutputWriter
{
    public void Write(AnalysisResult result, TextWriter output, OutputContext context)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(context);

        var paths = new ArtifactPaths(result, context);
        var sources = result.Files.Where(f => f.Text is not null).GroupBy(f => f.Source.Path).ToDictionary(g => g.Key, g => g.First().Text!);
        var loaded = result.Files.Select(f => f.Source.Path).ToHashSet(StringComparer.Ordinal);
        var lineCache = new Dictionary<string, string[]?>(StringComparer.Ordinal);
        var paint = new Painter(context.UseColor);
        foreach (var diagnostic in result.Active)
        {
            WriteDiagnostic(output, diagnostic, paint, paths, path =>
            {
                if (!lineCache.TryGetValue(path, out var lines))
                {
                    // A file the run loaded but kept no text of (too large, not UTF-8) is not read again here.
                    lineCache[path] = lines = sources.TryGetValue(path, out var source) ? source.Read()?.Split('\n')
                        : loaded.Contains(path) ? null : ReadFromDisk(path, context.BaseDirectory);
                }

                return lines;
            });
        }

        WriteSummary(output, result, paint);
    }

    /// <summary>
    /// The lines of a file the run did not load itself: one a finding was mapped to (the file a kustomize-rendered
    /// object came from). Null when it cannot be read, and the finding is shown without its source line.
    /// </summary>
    private static string[]? ReadFromDisk(string displayPath, string baseDirectory)
    {
        if (displayPath.Length == 0 || ArtifactPaths.IsStandardInput(displayPath))
        {
            return null;
        }

        try
        {
            var file = new FileInfo(Path.GetFullPath(displayPath, baseDirectory));
            return file.Exists && file.Length <= Loading.LoadOptions.DefaultMaxFileSize ? File.ReadAllText(file.FullName).Split('\n') : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>
    /// A related location as a note that reads as a sentence: "Deployment 'api' at deploy.yaml:14 has app=api only".
    /// The place goes after the object the message starts with; messages that do not start with one get it at the end.
    /// </summary>
    internal static string RelatedNote(RelatedLocation related, ArtifactPaths paths)
    {
        var place = paths.DisplayLine(related.Location);
        if (related.Location.HelmSource is { } helm)
        {
            place += $" (from chart template {helm})";
        }

        var subject = LeadingObject().Match(related.Message);
        return subject.Success
            ? $"{subject.Value} at {place}{related.Message[subject.Length..]}"
            : $"{related.Message} (at {place})";
    }

    // "Deployment 'api'", "ConfigMap 'app-config'": a kind, then a quoted name.
    [GeneratedRegex(@"^[A-Z][A-Za-z0-9]* '[^']*'")]
    private static partial Regex LeadingObject();

    private static void WriteDiagnostic(TextWriter output, Diagnostic diagnostic, Painter paint, ArtifactPaths paths, Func<string, string[]?> linesOf)
    {
        var severity = diagnostic.Severity.ToDisplayString();
        var color = diagnostic.Severity switch { Severity.Error => "31", Severity.Warning => "33", _ => "36" };
        output.WriteLine($"{paint.Apply($"{severity}[{diagnostic.Id}]", "1;" + color)}{paint.Apply(": " + diagnostic.Message, "1")}");

        var location = diagnostic.Location;
        var gutter = new string(' ', location.Span.Start.Line.ToString(CultureInfo.InvariantCulture).Length);
        if (location.Path.Length > 0)
        {
            var helm = location.HelmSource is null ? "" : $" (from chart template {location.HelmSource})";
            var position = $"{paths.Display(location.Path)}:{location.Span.Start.Line}:{location.Span.Start.Column}";
            output.WriteLine($"{gutter}{paint.Apply("-->", "34")} {position}{helm}");
            var lines = linesOf(location.Path);
            var lineIndex = location.Span.Start.Line - 1;
            if (lines is not null && lineIndex >= 0 && lineIndex < lines.Length)
            {
                var line = lines[lineIndex].TrimEnd('\r').Replace('\t', ' ');
                var startColumn = Math.Clamp(location.Span.Start.Column, 1, line.Length + 1);
                var endColumn = location.Span.End.Line == location.Span.Start.Line ? location.Span.End.Column : line.Length + 1;
                var width = Math.Max(1, Math.Min(endColumn, line.Length + 1) - startColumn);
                output.WriteLine($"{gutter} {paint.Apply("|", "34")}");
                output.WriteLine($"{paint.Apply(location.Span.Start.Line.ToString(CultureInfo.InvariantCulture), "34")} {paint.Apply("|", "34")} {line}");
                output.WriteLine($"{gutter} {paint.Apply("|", "34")} {new string(' ', startColumn - 1)}{paint.Apply(new string('^', width), "1;" + color)}");
            }
        }

        foreach (var related in diagnostic.RelatedLocations)
        {
            output.WriteLine($"{gutter} {paint.Apply("= note:", "1")} {RelatedNote(related, paths)}");
        }

        var help = diagnostic.Help ?? diagnostic.Rule.HelpText;
        if (help is not null)
        {
            output.WriteLine($"{gutter} {paint.Apply("= help:", "1")} {help}");
        }

        if (diagnostic.Rule.HelpUri is { } helpUri)
        {
            output.WriteLine($"{gutter} {paint.Apply("= see:", "1")} {helpUri}");
        }
        output.WriteLine();
    }

    private static void WriteSummary(TextWriter output, AnalysisResult result, Painter paint)
    {
        var active = result.Active.ToList();
        var errors = active.Count(d => d.Severity == Severity.Error);
        var warnings = active.Count(d => d.Severity == Severity.Warning);
        var infos = active.Count(d => d.Severity == Severity.Info);
        var suppressed = result.Diagnostics.Count(d => d.IsSuppressed);
        var files = result.Statistics.Files;
        var summary = active.Count == 0
            ? $"No problems found in {Plural(files, "file")} ({Plural(result.Statistics.Resources, "resource")})"
            : $"Found {Plural(errors, "error")}, {Plural(warnings, "warning")} and {Plural(infos, "info")} in {Plural(files, "file")} ({Plural(result.Statistics.Resources, "resource")})";
        if (suppressed > 0)
        {
            summary += $"; {suppressed} suppressed";
        }

        if (result.Baseline is { } baseline)
        {
            summary += $"; {baseline.Unchanged} baselined";
            if (baseline.Gone.Count > 0)
            {
                summary += $", {baseline.Gone.Count} gone";
            }
        }

        output.WriteLine(paint.Apply(summary, errors > 0 ? "1;31" : warnings > 0 ? "1;33" : "1;32"));
        if (result.Baseline is { Gone.Count: > 0 } shrinking)
        {
            // Fixed findings are named, so the baseline is seen to shrink and its owner knows to write it again.
            output.WriteLine($"Gone since the baseline (fixed; write the baseline again to drop {(shrinking.Gone.Count == 1 ? "it" : "them")}):");
            foreach (var gone in shrinking.Gone)
            {
                output.WriteLine($"  {gone}");
            }
        }
    }

    private static string Plural(int count, string noun) => $"{count} {noun}{(count == 1 ? "" : "s")}";

    private readonly record struct Painter(bool Enabled)
    {
        public string Apply(string text, string code) => Enabled ? $"\u001b[{code}m{text}\u001b[0m" : text;
    }
}
