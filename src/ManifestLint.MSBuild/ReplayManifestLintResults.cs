using System.Text.Json;
using Microsoft.Build.Framework;

namespace ManifestLint.MSBuild;

/// <summary>
/// Runs instead of <see cref="LintManifests"/> when MSBuild skipped the lint because no input changed: it logs
/// the cached diagnostics again, so a warning does not disappear on the second build, under the current
/// NoWarn / TreatWarningsAsErrors / fail level (those are applied here, not cached).
/// </summary>
public sealed class ReplayManifestLintResults : ManifestLintTask
{
    [Required]
    public string ResultsFile { get; set; } = "";

    public override bool Execute()
    {
        var policy = CreatePolicy();
        if (policy is null)
        {
            return false;
        }

        LintResults? results;
        try
        {
            results = JsonSerializer.Deserialize(File.ReadAllText(ResultsFile), LintResultsJsonContext.Default.LintResults);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or NotSupportedException)
        {
            results = null;
        }

        if (results is null || results.FormatVersion != LintResults.CurrentFormatVersion)
        {
            // Deleting the stamp makes the next build run the lint; this one has nothing trustworthy to show.
            if (File.Exists(ResultsFile))
            {
                File.Delete(ResultsFile);
            }

            Log.LogMessage(MessageImportance.High, $"ManifestLint: the cached results in {ResultsFile} could not be read; the manifests will be linted on the next build.");
            return true;
        }

        Log.LogMessage(MessageImportance.Low, $"ManifestLint: no manifest or configuration changed; showing the {results.Diagnostics.Count} diagnostic(s) of the last run.");
        BuildDiagnosticLogger.Log(Log, policy, results.Diagnostics);
        return !Log.HasLoggedErrors;
    }
}
