using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace ManifestLint.MSBuild;

/// <summary>Logs diagnostics in MSBuild's canonical form, <c>path(line,col,endLine,endCol): error ML1001: message</c>.</summary>
internal static class BuildDiagnosticLogger
{
    public static void Log(TaskLoggingHelper log, BuildSeverityPolicy policy, IEnumerable<BuildDiagnostic> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            Log(log, policy, diagnostic);
        }
    }

    public static void Log(TaskLoggingHelper log, BuildSeverityPolicy policy, BuildDiagnostic d)
    {
        // As csc does for analyzer diagnostics, the help link ends the text (visible in any log); it is also
        // passed as helpLink, which IDEs and the terminal logger turn into a link on the code.
        var text = d.HelpUri is null ? d.Message : $"{d.Message} ({d.HelpUri})";
        switch (policy.Map(d.Id, d.Severity))
        {
            case BuildLogKind.Error:
                log.LogError(null, d.Id, null, d.HelpUri, d.File, d.Line, d.Column, d.EndLine, d.EndColumn, text);
                break;
            case BuildLogKind.Warning:
                log.LogWarning(null, d.Id, null, d.HelpUri, d.File, d.Line, d.Column, d.EndLine, d.EndColumn, text);
                break;
            case BuildLogKind.Message:
                log.LogMessage(null, d.Id, null, d.File, d.Line, d.Column, d.EndLine, d.EndColumn, MessageImportance.Low, text);
                break;
            case BuildLogKind.None:
                break;
        }
    }
}
