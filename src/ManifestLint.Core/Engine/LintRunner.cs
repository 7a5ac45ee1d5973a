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
}

public sealed record LintOutcome(AnalysisResult Result, IReadOnlyList<string> MissingPaths, RepositoryConfig Config)
{
    /// <summary>The rules of the run, custom ones included: what outputs describe rules with.</summary>
    public RuleRegistry Registry { get; init; } = new([], _ => null);
}

/// <summary>A run's configuration and the rules made from it.</summary>
public sealed record LintSetup(RepositoryConfig Config, RuleRegistry Registry);

/// <summary>
/// Turns a request into an analysis: finds the configuration, collects the files, and runs the engine.
/// The CLI and the MSBuild task both go through here, so they cannot drift apart.
/// </summary>
public static class LintRunner
{
    public const string StandardInputPath = "<stdin>";

    /// <summary>
    /// Reads the configuration (the request's, or the nearest one above the base directory) and builds the run's rules
    /// from it: the one place a registry is made, for linting and for listing or explaining rules alike.
    /// </summary>
    /// <exception cref="ConfigurationException">The configuration file is invalid, or a custom rule in it is.</exception>
    public static LintSetup Prepare(LintRequest request, RuleRegistryFactory registryFor)
    {
        var configPath = request.ConfigPath is not null
            ? Path.GetFullPath(request.ConfigPath, request.BaseDirectory)
            : RepositoryConfig.Discover(request.BaseDirectory);
        if (request.ConfigPath is not null && !File.Exists(configPath))
        {
            throw new ConfigurationException($"{request.ConfigPath}: configuration file not found");
        }

        var config = configPath is null ? new RepositoryConfig() : RepositoryConfig.Load(configPath);
        return new LintSetup(config, registryFor(config));
    }

    /// <exception cref="ConfigurationException">The configuration file is invalid, or a custom rule in it is.</exception>
    public static LintOutcome Run(LintRequest request, RuleRegistryFactory registryFor) => Run(request, Prepare(request, registryFor));

    /// <summary>Runs exactly these analyzers, without the configuration's custom rules: for tests and benchmarks that choose their rules.</summary>
    public static LintOutcome Run(LintRequest request, AnalysisEngine engine) =>
        Run(request, _ => new RuleRegistry(engine.Analyzers, _ => null));

    public static LintOutcome Run(LintRequest request, LintSetup setup)
    {
        var (config, registry) = setup;
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
        };
        var result = registry.CreateEngine().Analyze(inputs, options, collected.Diagnostics);
        return new LintOutcome(result, collected.MissingPaths, config) { Registry = registry };
    }
}
