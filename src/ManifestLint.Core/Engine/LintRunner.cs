using ManifestLint.Core.Configuration;
using ManifestLint.Core.Loading;

namespace ManifestLint.Core.Engine;

/// <summary>One lint invocation as the CLI and the MSBuild task describe it.</summary>
public sealed record LintRequest
{
    public IReadOnlyList<string> Paths { get; init; } = [];

    /// <summary>Content of standard input when a path is "-".</summary>
    public byte[]? StandardInput { get; init; }

    public string BaseDirectory { get; init; } = Directory.GetCurrentDirectory();

    /// <summary>An explicit .manifestlint.yaml; otherwise the nearest one above the base directory.</summary>
    public string? ConfigPath { get; init; }

    public string? Namespace { get; init; }

    public IReadOnlyList<string> IgnorePaths { get; init; } = [];

    public RuleFilter Filter { get; init; } = RuleFilter.All;

    public long? MaxFileSize { get; init; }

    public bool UseEditorConfig { get; init; } = true;

    public int? MaxDegreeOfParallelism { get; init; }

    /// <summary>--kubernetes-version or ManifestLintKubernetesVersion; otherwise .manifestlint.yaml's, otherwise the newest supported.</summary>
    public Schema.KubernetesVersion? KubernetesVersion { get; init; }
}

public sealed record LintOutcome(AnalysisResult Result, IReadOnlyList<string> MissingPaths, RepositoryConfig Config);

/// <summary>
/// Turns a request into an analysis: finds the configuration, collects the files, and runs the engine.
/// The CLI and the MSBuild task both go through here, so they cannot drift apart.
/// </summary>
public static class LintRunner
{
    public const string StandardInputPath = "<stdin>";

    /// <exception cref="ConfigurationException">The configuration file is invalid.</exception>
    public static LintOutcome Run(LintRequest request, AnalysisEngine engine)
    {
        var configPath = request.ConfigPath is not null
            ? Path.GetFullPath(request.ConfigPath, request.BaseDirectory)
            : RepositoryConfig.Discover(request.BaseDirectory);
        if (request.ConfigPath is not null && !File.Exists(configPath))
        {
            throw new ConfigurationException($"{request.ConfigPath}: configuration file not found");
        }

        var config = configPath is null ? new RepositoryConfig() : RepositoryConfig.Load(configPath);
        var filePaths = request.Paths.Where(p => p != "-").ToList();
        var collected = InputCollector.Collect(filePaths, request.BaseDirectory, [.. config.IgnorePaths, .. request.IgnorePaths]);
        var inputs = collected.Files.ToList();
        if (request.Paths.Contains("-"))
        {
            inputs.Add(InputFile.FromMemory(StandardInputPath, request.StandardInput ?? []));
        }

        var options = new AnalysisOptions
        {
            Load = new LoadOptions
            {
                DefaultNamespace = request.Namespace ?? config.DefaultNamespace ?? LoadOptions.KubernetesDefaultNamespace,
                InferUnitNamespaces = request.Namespace is null && config.DefaultNamespace is null,
                Units = config.Units,
                MaxFileSizeBytes = request.MaxFileSize ?? config.MaxFileSize ?? LoadOptions.DefaultMaxFileSize,
                BaseDirectory = request.BaseDirectory,
                ExtraPodTemplateOwners = config.PodTemplateOwners,
            },
            Severities = new SeverityConfiguration(config, request.UseEditorConfig ? new EditorConfigResolver() : null, request.Filter),
            ExternalObjects = config.ExternalObjects,
            Complete = config.Complete,
            MaxDegreeOfParallelism = request.MaxDegreeOfParallelism ?? Environment.ProcessorCount,
            KubernetesVersion = request.KubernetesVersion ?? config.KubernetesVersion ?? Schema.KubernetesVersion.Default,
        };
        var result = engine.Analyze(inputs, options, collected.Diagnostics);
        return new LintOutcome(result, collected.MissingPaths, config);
    }
}
