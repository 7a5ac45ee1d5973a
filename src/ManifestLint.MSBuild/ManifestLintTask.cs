using ManifestLint.Core.Engine;
using Microsoft.Build.Utilities;

namespace ManifestLint.MSBuild;

/// <summary>The project properties both tasks need to decide how a diagnostic is logged.</summary>
public abstract class ManifestLintTask : Microsoft.Build.Utilities.Task
{
    /// <summary>$(ManifestLintFailLevel): error (default), warning, note or none.</summary>
    public string? FailLevel { get; set; }

    /// <summary>$(TreatWarningsAsErrors), which MSBuild itself does not apply to task warnings.</summary>
    public bool TreatWarningsAsErrors { get; set; }

    /// <summary>$(WarningsNotAsErrors).</summary>
    public string? WarningsNotAsErrors { get; set; }

    /// <summary>$(NoWarn).</summary>
    public string? NoWarn { get; set; }

    /// <summary>The policy, or null after logging why the properties are invalid.</summary>
    protected BuildSeverityPolicy? CreatePolicy()
    {
        if (!BuildSeverityPolicy.TryParseFailLevel(FailLevel, out var failLevel))
        {
            Log.LogError(null, CoreRules.ConfigurationProblem.Id, null, CoreRules.ConfigurationProblem.HelpUri, null, 0, 0, 0, 0,
                $"ManifestLintFailLevel '{FailLevel}' is not valid: expected error, warning, note or none");
            return null;
        }

        return new BuildSeverityPolicy(failLevel, TreatWarningsAsErrors, BuildSeverityPolicy.ParseIds(NoWarn), BuildSeverityPolicy.ParseIds(WarningsNotAsErrors));
    }
}
