namespace ManifestLint.Core.Engine;

/// <summary>Roslyn's DiagnosticSeverity: ordered so that a larger value is more severe.</summary>
public enum Severity
{
    Hidden = 0,
    Info = 1,
    Warning = 2,
    Error = 3,
}

public static class SeverityNames
{
    /// <summary>The word users see in text output and the CLI's --fail-level.</summary>
    public static string ToDisplayString(this Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        Severity.Info => "info",
        _ => "hidden",
    };

    /// <summary>SARIF's level: Roslyn maps Info to note; hidden results are not written.</summary>
    public static string ToSarifLevel(this Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        Severity.Info => "note",
        _ => "none",
    };

    /// <summary>
    /// Parses a severity as written in .editorconfig or .manifestlint.yaml. Returns false for unknown words;
    /// <paramref name="severity"/> is null for "none" (rule disabled) and for "default" (<paramref name="isDefault"/>).
    /// </summary>
    public static bool TryParseConfigured(string text, out Severity? severity, out bool isDefault)
    {
        isDefault = false;
        severity = null;
        switch (text.Trim().ToLowerInvariant())
        {
            case "error":
                severity = Severity.Error;
                return true;
            case "warning" or "warn":
                severity = Severity.Warning;
                return true;
            case "suggestion" or "info" or "note":
                severity = Severity.Info;
                return true;
            case "silent" or "hidden" or "refactoring":
                severity = Severity.Hidden;
                return true;
            case "none" or "off" or "disabled":
                return true;
            case "default":
                isDefault = true;
                return true;
            default:
                return false;
        }
    }
}
