using System.Reflection;
using System.Text.Json;
using ManifestLint.Core.Configuration;
using ManifestLint.Core.Engine;
using ManifestLint.Core.Output;
using ManifestLint.Core.Output.Sarif;
using ManifestLint.Rules;
using Microsoft.Build.Framework;

namespace ManifestLint.MSBuild;

/// <summary>
/// Lints the project's <c>ManifestLintFile</c> items through <see cref="LintRunner"/>, the entry point the CLI
/// uses, so rules, .editorconfig severities, .manifestlint.yaml and suppressions are exactly the CLI's. This
/// class only adapts: items and properties in, MSBuild errors and warnings (and optionally SARIF) out.
/// </summary>
public sealed class LintManifests : ManifestLintTask
{
    /// <summary>@(ManifestLintFile): files or directories.</summary>
    [Required]
    public ITaskItem[] Files { get; set; } = [];

    /// <summary>$(MSBuildProjectDirectory): where .manifestlint.yaml is looked for, and where the repository root is looked for.</summary>
    [Required]
    public string ProjectDirectory { get; set; } = "";

    /// <summary>$(ManifestLintNamespace).</summary>
    public string? Namespace { get; set; }

    /// <summary>$(ManifestLintKubernetesVersion): the Kubernetes release the manifests are for (1.33 to 1.36).</summary>
    public string? KubernetesVersion { get; set; }

    /// <summary>$(ManifestLintConfigFile): an explicit .manifestlint.yaml.</summary>
    public string? ConfigFile { get; set; }

    /// <summary>$(ManifestLintSarifFile): also write SARIF here.</summary>
    public string? SarifFile { get; set; }

    /// <summary>$(ManifestLintBaselineFile): findings recorded here are reported as unchanged and do not fail the build.</summary>
    public string? BaselineFile { get; set; }

    /// <summary>Where the run's diagnostics are cached for replay; written only after a run without errors.</summary>
    [Required]
    public string ResultsFile { get; set; } = "";

    /// <summary>Receives the configuration files the run depended on, one per line, for the next build's up-to-date check.</summary>
    public string? DependencyFile { get; set; }

    /// <summary>True once the task ran (and not when MSBuild skipped the target), so the replay knows to stay quiet.</summary>
    [Output]
    public bool Ran { get; private set; }

    internal static string ToolVersion =>
        typeof(LintManifests).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public override bool Execute()
    {
        Ran = true;
        // A crash or an error must never leave an old stamp behind that would make the next build skip the lint.
        if (File.Exists(ResultsFile))
        {
            File.Delete(ResultsFile);
        }

        var policy = CreatePolicy();
        if (policy is null)
        {
            return false;
        }

        // As `dotnet manifest-lint` run in the project directory: paths (and ignorePaths) are relative to the
        // repository root, and .manifestlint.yaml is looked up from the project directory upwards.
        var baseDirectory = RepositoryRoot.Find(ProjectDirectory);
        var kubernetesVersion = ManifestLint.Core.Schema.KubernetesVersion.Parse(KubernetesVersion);
        if (!string.IsNullOrWhiteSpace(KubernetesVersion) && kubernetesVersion is null)
        {
            Log.LogError(null, CoreRules.ConfigurationProblem.Id, null, CoreRules.ConfigurationProblem.HelpUri, null, 0, 0, 0, 0,
                $"ManifestLintKubernetesVersion '{KubernetesVersion}' is not one of {string.Join(", ", ManifestLint.Core.Schema.KubernetesVersion.Supported)}");
            return false;
        }

        var request = new LintRequest
        {
            Paths = [.. Files.Select(f => f.GetMetadata("FullPath"))],
            BaseDirectory = baseDirectory,
            ConfigPath = string.IsNullOrWhiteSpace(ConfigFile) ? RepositoryConfig.Discover(ProjectDirectory) : Path.GetFullPath(ConfigFile, ProjectDirectory),
            Namespace = string.IsNullOrWhiteSpace(Namespace) ? null : Namespace,
            BaselinePath = string.IsNullOrWhiteSpace(BaselineFile) ? null : Path.GetFullPath(BaselineFile, ProjectDirectory),
            KubernetesVersion = kubernetesVersion,
        };

        LintOutcome outcome;
        try
        {
            outcome = LintRunner.Run(request, RuleCatalog.RegistryFor);
        }
        catch (ConfigurationException ex)
        {
            // The CLI's exit code 2: nothing was analyzed, so nothing is cached.
            Log.LogError(null, CoreRules.ConfigurationProblem.Id, null, CoreRules.ConfigurationProblem.HelpUri, null, 0, 0, 0, 0, ex.Message);
            WriteFailedSarif(ex.Message, baseDirectory);
            return false;
        }

        var fullPaths = outcome.Result.Files
            .Where(f => f.Source.FullPath is not null)
            .GroupBy(f => f.Source.Path, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Source.FullPath!, StringComparer.Ordinal);
        var diagnostics = outcome.MissingPaths
            .Select(missing => new BuildDiagnostic(CoreRules.FileUnreadable.Id, CoreRules.FileUnreadable.DefaultSeverity,
                "File not found", Path.GetFullPath(missing, ProjectDirectory), 0, 0, 0, 0, CoreRules.FileUnreadable.HelpUri))
            .Concat(outcome.Result.Active.Select(d => BuildDiagnostic.From(d,
                path => fullPaths.GetValueOrDefault(path) ?? Path.GetFullPath(path, baseDirectory))))
            .ToList();

        BuildDiagnosticLogger.Log(Log, policy, diagnostics);
        WriteSarif(outcome, baseDirectory);
        WriteDependencies(outcome);
        if (!Log.HasLoggedErrors)
        {
            var results = new LintResults(LintResults.CurrentFormatVersion, ToolVersion, diagnostics);
            WriteAtomically(ResultsFile, JsonSerializer.Serialize(results, LintResultsJsonContext.Default.LintResults));
        }

        return !Log.HasLoggedErrors;
    }

    /// <summary>The CLI's context (dotnet manifest-lint run in the project directory), so both write the same SARIF.</summary>
    private static OutputContext SarifContext(string baseDirectory, RuleRegistry? registry) => new()
    {
        ToolVersion = ToolVersion,
        BaseDirectory = baseDirectory,
        Documentation = registry is null ? RuleCatalog.Documentation : registry.Documentation,
    };

    private void WriteSarif(LintOutcome outcome, string baseDirectory)
    {
        if (!string.IsNullOrWhiteSpace(SarifFile))
        {
            WriteSarifFile(output => new SarifOutputWriter().Write(outcome.Result, output, SarifContext(baseDirectory, outcome.Registry)));
        }
    }

    /// <summary>A CI step that uploads the file still finds valid SARIF, which says the run failed.</summary>
    private void WriteFailedSarif(string message, string baseDirectory)
    {
        if (!string.IsNullOrWhiteSpace(SarifFile))
        {
            WriteSarifFile(output => new SarifOutputWriter().WriteFailedRun(output, SarifContext(baseDirectory, registry: null), message, isConfigurationError: true));
        }
    }

    private void WriteSarifFile(Action<TextWriter> write)
    {
        var path = Path.GetFullPath(SarifFile!, ProjectDirectory);
        using var text = new StringWriter();
        write(text);
        WriteAtomically(path, text.ToString());
        Log.LogMessage(MessageImportance.Low, $"ManifestLint: SARIF written to {path}");
    }

    /// <summary>
    /// The files whose change must re-run the lint: the .manifestlint.yaml that was used, the CRD files it names (and
    /// their folders, whose time changes when a file is added or removed), and every .editorconfig above the manifests.
    /// Listing more than the resolver reads only costs an extra run, never a stale result.
    /// </summary>
    private void WriteDependencies(LintOutcome outcome)
    {
        if (string.IsNullOrWhiteSpace(DependencyFile))
        {
            return;
        }

        var dependencies = new SortedSet<string>(StringComparer.Ordinal);
        if (outcome.Config.Path is { } configPath)
        {
            dependencies.Add(Path.GetFullPath(configPath));
        }

        dependencies.UnionWith(outcome.CrdFiles);
        dependencies.UnionWith(outcome.CrdFiles.Select(f => Path.GetDirectoryName(f)!));

        var directories = outcome.Result.Files
            .Select(f => f.Source.FullPath is null ? null : Path.GetDirectoryName(f.Source.FullPath))
            .Append(Path.GetFullPath(ProjectDirectory))
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        var visited = new HashSet<string>(StringComparer.Ordinal);
        foreach (var start in directories)
        {
            for (var dir = start; dir is not null && visited.Add(dir); dir = Path.GetDirectoryName(dir))
            {
                var editorConfig = Path.Combine(dir, ".editorconfig");
                if (File.Exists(editorConfig))
                {
                    dependencies.Add(editorConfig);
                }
            }
        }

        WriteAtomically(DependencyFile, string.Join(Environment.NewLine, dependencies) + Environment.NewLine);
    }


    /// <summary>Parallel builds of other projects may read these files; they never see half of one.</summary>
    internal static void WriteAtomically(string path, string content)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        var temporary = path + "." + Environment.ProcessId + ".tmp";
        File.WriteAllText(temporary, content);
        File.Move(temporary, path, overwrite: true);
    }
}
