using System.Text.Json.Serialization;
using ManifestLint.Core.Engine;

namespace ManifestLint.MSBuild;

/// <summary>
/// A diagnostic as the build reports it: full path (IDEs need it), the four coordinates of MSBuild's canonical
/// form, and the engine's effective severity. It is also what the results cache stores, so that a skipped
/// target can replay the last run under the current NoWarn/TreatWarningsAsErrors settings.
/// </summary>
public sealed record BuildDiagnostic(
    string Id,
    Severity Severity,
    string Message,
    string? File,
    int Line,
    int Column,
    int EndLine,
    int EndColumn,
    string? HelpUri)
{
    /// <summary>
    /// <paramref name="fullPathOf"/> turns a display path into a full path; an empty path (a run-level
    /// diagnostic such as ML9000 for a whole rule) stays without a file.
    /// </summary>
    public static BuildDiagnostic From(Diagnostic diagnostic, Func<string, string> fullPathOf)
    {
        var location = diagnostic.Location;
        var hasFile = location.Path.Length > 0;
        var span = location.Span;
        return new BuildDiagnostic(
            diagnostic.Id,
            diagnostic.Severity,
            diagnostic.Message,
            hasFile ? fullPathOf(location.Path) : null,
            hasFile ? span.Start.Line : 0,
            hasFile ? span.Start.Column : 0,
            hasFile ? span.End.Line : 0,
            // Like csc, the end column is the one after the last character (SARIF's endColumn too).
            hasFile ? span.End.Column : 0,
            diagnostic.Rule.HelpUri);
    }
}

/// <summary>The results cache: the last run's diagnostics. Its timestamp is also the target's up-to-date stamp.</summary>
public sealed record LintResults(int FormatVersion, string ToolVersion, IReadOnlyList<BuildDiagnostic> Diagnostics)
{
    public const int CurrentFormatVersion = 1;
}

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(LintResults))]
internal sealed partial class LintResultsJsonContext : JsonSerializerContext;
