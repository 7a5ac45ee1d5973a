using ManifestLint.Core.Engine;

namespace ManifestLint.MSBuild;

/// <summary>How one diagnostic appears in the build.</summary>
public enum BuildLogKind
{
    /// <summary>Not logged at all (NoWarn).</summary>
    None,

    /// <summary>A low-importance message, as a C# suggestion is.</summary>
    Message,
    Warning,
    Error,
}

/// <summary>
/// Maps a diagnostic's effective severity (already decided by the engine from .editorconfig and
/// .manifestlint.yaml) to what the build logs, following the C# compiler's project properties:
/// <list type="bullet">
/// <item><c>NoWarn</c> drops the ID whatever its severity, as csc's /nowarn does for analyzer diagnostics.
/// MSBuild alone would only demote warnings to messages and would not touch errors.</item>
/// <item><c>ManifestLintFailLevel</c>: every diagnostic at or above it is an error; <c>none</c> makes errors warnings.</item>
/// <item><c>TreatWarningsAsErrors</c> turns the remaining warnings into errors, except IDs in <c>WarningsNotAsErrors</c>.
/// MSBuild does not apply this property to task warnings, so the task does.</item>
/// </list>
/// <c>WarningsAsErrors</c> is not handled here: MSBuild already copies it to <c>MSBuildWarningsAsErrors</c>,
/// which escalates the warnings this task logs (doing it twice would be harmless but confusing).
/// </summary>
public sealed record BuildSeverityPolicy(
    Severity? FailLevel,
    bool TreatWarningsAsErrors,
    IReadOnlySet<string> NoWarn,
    IReadOnlySet<string> WarningsNotAsErrors)
{
    public static BuildSeverityPolicy Default { get; } = new(FailLevels.Default, false, EmptyIds(), EmptyIds());

    public BuildLogKind Map(string id, Severity severity)
    {
        if (NoWarn.Contains(id) || severity == Severity.Hidden)
        {
            return BuildLogKind.None;
        }

        // "Not as errors" keeps a warning or note below error for both escalations; it never demotes a real error.
        var exempt = severity < Severity.Error && WarningsNotAsErrors.Contains(id);
        if (FailLevel is not { } failLevel)
        {
            // Report-only: errors are shown as warnings, and TreatWarningsAsErrors does not bring them back.
            return severity == Severity.Info ? BuildLogKind.Message : BuildLogKind.Warning;
        }

        if (severity >= failLevel && !exempt)
        {
            return BuildLogKind.Error;
        }

        return severity switch
        {
            Severity.Warning => TreatWarningsAsErrors && !exempt ? BuildLogKind.Error : BuildLogKind.Warning,
            _ => BuildLogKind.Message,
        };
    }

    /// <summary>Parses ManifestLintFailLevel with the CLI's names and default (see <see cref="FailLevels"/>).</summary>
    public static bool TryParseFailLevel(string? text, out Severity? failLevel) => FailLevels.TryParse(text, out failLevel);

    /// <summary>Splits an MSBuild ID list the way csc reads NoWarn: separated by ';' or ',', blanks ignored.</summary>
    public static IReadOnlySet<string> ParseIds(string? list) =>
        (list ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

    private static HashSet<string> EmptyIds() => new(StringComparer.OrdinalIgnoreCase);
}
