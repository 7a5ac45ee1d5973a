namespace ManifestLint.Core.Engine;

/// <summary>
/// The severity at which a run fails: the CLI's --fail-level and the MSBuild task's ManifestLintFailLevel read it here,
/// with the same names and the same default, so the two cannot disagree about which runs are red.
/// </summary>
public static class FailLevels
{
    /// <summary>Runs fail on errors unless told otherwise.</summary>
    public const Severity Default = Severity.Error;

    public const string DefaultName = "error";

    /// <summary>The names the command line offers: the severities (note and info are the same), and none to never fail.</summary>
    public static IReadOnlyList<string> Names { get; } = ["error", "warning", "note", "info", "none"];

    /// <summary>
    /// Parses a fail level: error, warning, note (or info, suggestion), or none (null: never fail); a blank text is the
    /// default. False for anything else.
    /// </summary>
    public static bool TryParse(string? text, out Severity? failLevel)
    {
        failLevel = Default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (text.Trim().Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            failLevel = null;
            return true;
        }

        if (SeverityNames.TryParseConfigured(text, out var parsed, out var isDefault) && !isDefault && parsed >= Severity.Info)
        {
            failLevel = parsed;
            return true;
        }

        return false;
    }
}
