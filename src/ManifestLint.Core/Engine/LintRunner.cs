using ManifestLint.Core.Baseline;
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

    /// <summary>Render kustomization roots with kubectl kustomize and lint what they produce, mapped back to the files.</summary>
    public bool Kustomize { get; init; }

    /// <summary>The folder of the chart whose <c>helm template</c> output is linted: findings move to its template files.</summary>
    public string? ChartRoot { get; init; }

    /// <summary>Compare with this baseline: its findings are reported as unchanged and do not count.</summary>
    public string? BaselinePath { get; init; }

    /// <summary>
    /// Record the run's findings here. The run is then compared with what was just written, so every finding is
    /// unchanged and the run passes: recording is how a team accepts today's findings.
    /// </summary>
    public string? WriteBaselinePath { get; init; }
    /// <summary>--kubernetes-version or ManifestLintKubernetesVersion; otherwise .manifestlint.yaml's, otherwise the newest supported.</summary>
    public Schema.KubernetesVersion? KubernetesVersion { get; init; }
}

/// <param name="Notes">What the user should know about how the input was read (a kustomize build that failed).</param>
public sealed record LintOutcome(AnalysisResult Result, IReadOnlyList<string> MissingPaths, RepositoryConfig Config, IReadOnlyList<string>? Notes = null)
{
    /// <summary>The rules of the run, custom ones included: what outputs describe rules with.</summary>
    public RuleRegistry Registry { get; init; } = new([], _ => null);

    /// <summary>Full paths of the files of <c>crds:</c> (a change to one changes the results, as the configuration's does).</summary>
    public IReadOnlyList<string> CrdFiles { get; init; } = [];
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

        var crds = CollectCrdFiles(config, request.BaseDirectory);
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
            CrdFiles = crds.Files,
            MaxDegreeOfParallelism = request.MaxDegreeOfParallelism ?? Environment.ProcessorCount,
            KubernetesVersion = request.KubernetesVersion ?? config.KubernetesVersion ?? Schema.KubernetesVersion.Default,
        };
        var rendering = request.Kustomize
            ? Kustomize.KustomizeRenderer.Render(inputs, request.BaseDirectory)
            : new Kustomize.KustomizeRendering(inputs, [], []);
        var result = registry.CreateEngine().Analyze(rendering.Inputs, options, [.. collected.Diagnostics, .. crds.Diagnostics]);

        // The baseline is applied to findings where the rules reported them: in rendered kustomize output a finding's
        // object and key path are those of the rendered object, which the files it is mapped back to may not have.
        if (request.WriteBaselinePath is not null)
        {
            var recorded = BaselineComparison.Record(result);
            recorded.Save(Path.GetFullPath(request.WriteBaselinePath, request.BaseDirectory));
            result = BaselineComparison.Apply(result, recorded);
        }
        else if (request.BaselinePath is not null)
        {
            var baselinePath = Path.GetFullPath(request.BaselinePath, request.BaseDirectory);
            if (!File.Exists(baselinePath))
            {
                throw new ConfigurationException($"{request.BaselinePath}: baseline file not found (create it with --write-baseline)");
            }

            result = BaselineComparison.Apply(result, BaselineFile.Load(baselinePath));
        }

        result = Kustomize.KustomizeOrigins.MapBack(result, rendering.Builds, request.BaseDirectory);
        if (request.ChartRoot is { } chartRoot)
        {
            var chart = Path.GetFullPath(chartRoot, request.BaseDirectory);
            result = Directory.Exists(chart)
                ? Helm.HelmTemplateOrigins.MapToTemplates(result, chart, request.BaseDirectory)
                : throw new ConfigurationException($"{chartRoot}: chart folder not found");
        }

        return new LintOutcome(result, collected.MissingPaths, config, rendering.Notes)
        {
            Registry = registry,
            CrdFiles = [.. crds.Files.Select(f => f.Source.FullPath!)],
        };
    }

    /// <summary>
    /// The files of <c>crds:</c>, found as input files are (a folder recursively, *.yaml, *.yml, *.json, in path order) but
    /// without ignorePaths: a team that keeps its vendored CRDs out of the lint still wants them to validate.
    /// </summary>
    private static CollectedInputs CollectCrdFiles(RepositoryConfig config, string baseDirectory)
    {
        if (config.Crds.Count == 0)
        {
            return new CollectedInputs([], [], []);
        }

        var collected = InputCollector.Collect(config.Crds.Select(c => c.FullPath), baseDirectory);
        if (collected.MissingPaths.FirstOrDefault() is { } gone)
        {
            // Checked when the configuration was read; gone since.
            var entry = config.Crds.First(c => c.FullPath == gone);
            throw ConfigurationException.At(config.Path!, entry.At, $"CRD path '{entry.Written}' does not exist");
        }

        return collected;
    }
}
