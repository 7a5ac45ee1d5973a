using System.Collections.Concurrent;
using System.Diagnostics;
using ManifestLint.Core.Configuration;
using ManifestLint.Core.Index;
using ManifestLint.Core.Loading;
using ManifestLint.Core.Model;
using ManifestLint.Core.Suppressions;
using ManifestLint.Core.Yaml;

namespace ManifestLint.Core.Engine;

public sealed record AnalysisOptions
{
    public LoadOptions Load { get; init; } = new();

    public SeverityConfiguration Severities { get; init; } = SeverityConfiguration.Default;

    public IReadOnlyList<ExternalObject> ExternalObjects { get; init; } = [];

    /// <summary>Where configuration declares the input complete (evidence that a missing target is missing).</summary>
    public IReadOnlyList<World.CompletenessDeclaration> Complete { get; init; } = [];

    /// <summary>
    /// Files whose CustomResourceDefinitions validate every custom resource of the run (<c>crds:</c>), after the CRDs of
    /// the resource's own unit. Only their CRDs are read: their other objects are not linted (unless they are input too).
    /// </summary>
    public IReadOnlyList<InputFile> CrdFiles { get; init; } = [];

    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>The Kubernetes release the manifests are for: removed and deprecated apiVersions, fields and kinds too new.</summary>
    public Schema.KubernetesVersion KubernetesVersion { get; init; } = Schema.KubernetesVersion.Default;
}

public sealed record AnalysisStatistics(
    int Files,
    int Documents,
    int Resources,
    int PodTemplates,
    int RulesRun,
    TimeSpan LoadTime,
    TimeSpan IndexTime,
    TimeSpan RulesTime)
{
    /// <summary>Schema validation of the built-in objects (before the rules, which read its findings); zero when no Schema rule ran.</summary>
    public TimeSpan SchemaTime { get; init; }

    /// <summary>How many objects were validated against a built-in kind's schema.</summary>
    public int ObjectsValidated { get; init; }
}

public sealed record AnalysisResult(
    IReadOnlyList<Diagnostic> Diagnostics,
    IReadOnlyList<RuleDescriptor> RulesRun,
    IReadOnlyList<LoadedFile> Files,
    ManifestIndex Index,
    AnalysisStatistics Statistics)
{
    /// <summary>Diagnostics that count: not suppressed, and not recorded in the baseline.</summary>
    public IEnumerable<Diagnostic> Active => Diagnostics.Where(d => !d.IsSuppressed && !d.IsBaselined);

    /// <summary>The comparison with a baseline, when the run was given one (--baseline); null otherwise.</summary>
    public Baseline.BaselineComparison? Baseline { get; init; }

    /// <summary>The run's severity configuration, so writers can report run-wide overrides (SARIF ruleConfigurationOverrides).</summary>
    public SeverityConfiguration Severities { get; init; } = SeverityConfiguration.Default;

    /// <summary>The run's world model: units, and what the input shows of the cluster.</summary>
    public World.WorldModel? World { get; init; }

    public bool HasAtLeast(Severity level) => Active.Any(d => d.Severity >= level);
}

/// <summary>
/// Runs analyzers over one set of input files: load everything, build one index, run start actions,
/// resource actions (concurrently) and end actions, then apply severities and suppressions and sort,
/// so the output is the same whatever the thread timing.
/// </summary>
public sealed class AnalysisEngine(IReadOnlyList<ManifestAnalyzer> analyzers)
{
    public IReadOnlyList<ManifestAnalyzer> Analyzers { get; } = analyzers;

    /// <summary>Every rule the engine can report: the engine's own and every analyzer's.</summary>
    public IReadOnlyList<RuleDescriptor> AllRules => [.. CoreRules.All, .. Analyzers.SelectMany(a => a.SupportedRules)];

    public AnalysisResult Analyze(IReadOnlyList<InputFile> inputs, AnalysisOptions? options = null, IReadOnlyList<Diagnostic>? inputDiagnostics = null)
    {
        options ??= new AnalysisOptions();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.MaxDegreeOfParallelism) };

        var clock = Stopwatch.StartNew();
        var files = new LoadedFile[inputs.Count];
        Parallel.For(0, inputs.Count, parallel, i => files[i] = ManifestLoader.Load(inputs[i], options.Load));
        var loadTime = clock.Elapsed;

        clock.Restart();
        var units = World.DeploymentUnits.Discover(files.Select(f => f.Source), options.Load.Units);
        var resources = ResourceFactory.Create(files, options.Load, parallel, units);
        var index = new ManifestIndex(resources, options.Load.DefaultNamespace, options.Load.ExtraPodTemplateOwners, options.ExternalObjects,
            [.. files.SelectMany(f => f.KustomizeGenerated)], parallel);

        // Two independent steps that each run on one thread, side by side. Rules report on resources: a rule that is off
        // for every file holding one cannot report, so it does not run.
        World.WorldModel world = null!;
        IReadOnlyCollection<string> resourcePaths = [];
        Parallel.Invoke(parallel,
            () => world = new World.WorldModel(index, units, options.Complete),
            () => resourcePaths = options.Severities.DistinctSettings([.. index.Resources.Select(r => r.File).Distinct()
                .Select(f => f.FullPath ?? Path.GetFullPath(f.Path, options.Load.BaseDirectory))]));
        Func<RuleDescriptor, bool> mayRun = rule => options.Severities.MayRunIn(rule, resourcePaths);
        var indexTime = clock.Elapsed;

        clock.Restart();
        var (objectsValidated, crdFileDiagnostics) = ValidateSchemas(index, units, files, options, mayRun, parallel);
        var schemaTime = clock.Elapsed;

        clock.Restart();
        var collected = new ConcurrentBag<(Diagnostic Diagnostic, Resource? Resource)>();
        foreach (var diagnostic in (inputDiagnostics ?? []).Concat(files.SelectMany(f => f.Diagnostics)).Concat(crdFileDiagnostics))
        {
            collected.Add((diagnostic, null));
        }

        var rulesRun = RunAnalyzers(world, mayRun, parallel, collected);
        var rulesTime = clock.Elapsed;

        var configurationProblems = new List<ConfigurationProblem>();
        var diagnostics = Finish(collected, files, options, configurationProblems);
        var statistics = new AnalysisStatistics(files.Length, files.Sum(f => f.Objects.Count), resources.Count, index.PodTemplates.Count,
            rulesRun.Count, loadTime, indexTime, rulesTime) { SchemaTime = schemaTime, ObjectsValidated = objectsValidated };
        return new AnalysisResult(diagnostics, [.. CoreRules.All, .. rulesRun], files, index, statistics) { Severities = options.Severities, World = world };
    }

    /// <summary>
    /// Validates every built-in object against its kind's schema, once, when a rule of the Schema category may run: the
    /// Schema rules then only pick their kind of violation from <see cref="Resource.SchemaViolations"/>. Also returns the
    /// problems of reading the configured CRD files, which are read only then.
    /// </summary>
    private (int Validated, IReadOnlyList<Diagnostic> CrdFileDiagnostics) ValidateSchemas(
        ManifestIndex index, World.DeploymentUnits units, IReadOnlyList<LoadedFile> files, AnalysisOptions options, Func<RuleDescriptor, bool> mayRun, ParallelOptions parallel)
    {
        if (!Analyzers.SelectMany(a => a.SupportedRules).Any(r => r.Category == RuleCategories.Schema && mayRun(r)))
        {
            return (0, []);
        }

        // A kustomize patch names only the fields it changes: its objects are checked for every mistake but a missing field.
        var patches = files.SelectMany(f => f.KustomizePatches).ToHashSet(StringComparer.Ordinal);
        var (configuredDefinitions, crdFileDiagnostics) = LoadCrdFiles(files, options, parallel);
        var customResources = new Schema.CustomResourceSchemas(index.Resources.Where(Schema.CustomResourceSchemas.IsDefinition), units, configuredDefinitions);
        var validated = 0;
        Parallel.ForEach(Partitioner.Create(0, Math.Max(index.Resources.Count, 1), 512), parallel, range =>
        {
            var count = 0;
            for (var r = range.Item1; r < Math.Min(range.Item2, index.Resources.Count); r++)
            {
                var resource = index.Resources[r];
                var isPatch = patches.Count > 0 && resource.File.FullPath is { } path && patches.Contains(path);
                var served = KnownKinds.IsBuiltInGroup(resource.Group)
                    ? Schema.SchemaValidator.CheckApiVersion(resource.Root, resource.ApiVersion, resource.Kind, options.KubernetesVersion)
                    : [];
                if (served.Any(v => v.Kind != Schema.SchemaViolationKind.DeprecatedApiVersion))
                {
                    resource.SchemaViolations = served; // not served by the target: its fields are not judged against another release's schema
                }
                else if (Schema.BuiltInSchemas.Instance.Find(resource.ApiVersion, resource.Kind) is { } kind)
                {
                    var found = Schema.SchemaValidator.Validate(resource.Root, kind, requireFields: !isPatch, options.KubernetesVersion);
                    // Kept for the whole run by every object, most of them with nothing: no list of their own then.
                    resource.SchemaViolations = served.Count == 0 ? found : found.Count == 0 ? served : [.. served, .. found];
                    count++;
                }
                else if (served.Count > 0)
                {
                    resource.SchemaViolations = served;
                }
                else if (!isPatch && customResources.Find(resource) is { } custom)
                {
                    resource.SchemaViolations = Schema.SchemaValidator.Validate(resource.Root, custom);
                    count++;
                }
            }

            Interlocked.Add(ref validated, count);
        });
        return (validated, crdFileDiagnostics);
    }

    /// <summary>
    /// The CRDs of the configured CRD files, in path order (the first definition of a kind wins), each file read once: a
    /// file that is also input is taken as the input read it, so its CRDs are not defined twice and its problems are
    /// reported once. The problems of the others are reported at their place like an input file's, saying where the file
    /// comes from: a broken CRD file costs CRDs, and a run that goes on without them must say so, not stop.
    /// </summary>
    private static (IReadOnlyList<MappingNode> Definitions, IReadOnlyList<Diagnostic> Diagnostics) LoadCrdFiles(
        IReadOnlyList<LoadedFile> files, AnalysisOptions options, ParallelOptions parallel)
    {
        if (options.CrdFiles.Count == 0)
        {
            return ([], []);
        }

        var input = files.Where(f => f.Source.FullPath is not null).GroupBy(f => f.Source.FullPath!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var ordered = options.CrdFiles.OrderBy(f => f.Source.Path, StringComparer.Ordinal).ToList();
        var loaded = new (LoadedFile File, bool IsInput)[ordered.Count];
        Parallel.For(0, ordered.Count, parallel, i => loaded[i] = ordered[i].Source.FullPath is { } full && input.TryGetValue(full, out var same)
            ? (same, true)
            : (ManifestLoader.Load(ordered[i], options.Load), false));
        var definitions = loaded.SelectMany(l => l.File.Objects).Where(Schema.CustomResourceSchemas.IsDefinition).Select(o => o.Root).ToList();
        var diagnostics = loaded.Where(l => !l.IsInput).SelectMany(l => l.File.Diagnostics)
            .Select(d => d with { Message = $"{d.Message} (in a CRD file of 'crds:' in {RepositoryConfig.FileName})" }).ToList();
        return (definitions, diagnostics);
    }

    private List<RuleDescriptor> RunAnalyzers(World.WorldModel world, Func<RuleDescriptor, bool> mayRun, ParallelOptions parallel, ConcurrentBag<(Diagnostic, Resource?)> collected)
    {
        var index = world.Index;
        var active = Analyzers.Where(a => a.SupportedRules.Any(mayRun)).ToList();
        var dispatch = new List<(ManifestAnalyzer Analyzer, ResourceAction Action, ActionScope Scope, Action<Diagnostic, Resource?> Sink)>();
        var endActions = new ConcurrentBag<(int Order, ManifestAnalyzer Analyzer, Action<RunEndContext> Action, Action<Diagnostic, Resource?> Sink)>();
        var sinks = active.ToDictionary(a => a, a => SinkFor(a, collected));

        var contexts = new List<(ManifestAnalyzer Analyzer, AnalysisContext Context)>();
        foreach (var analyzer in active)
        {
            var context = new AnalysisContext();
            if (Guard(analyzer, null, collected, () => analyzer.Initialize(context)))
            {
                contexts.Add((analyzer, context));
            }
        }

        var started = new (RunStartContext Start, bool Ok)[contexts.Count];
        Parallel.For(0, contexts.Count, parallel, i =>
        {
            var (analyzer, context) = contexts[i];
            var start = new RunStartContext(world);
            var ok = context.RunStartActions.All(action => Guard(analyzer, null, collected, () => action(start)));
            started[i] = (start, ok);
        });

        for (var i = 0; i < contexts.Count; i++)
        {
            var (analyzer, context) = contexts[i];
            if (!started[i].Ok)
            {
                continue;
            }

            foreach (var (action, scope) in context.ResourceActions.Concat(started[i].Start.ResourceActions))
            {
                dispatch.Add((analyzer, action, scope, sinks[analyzer]));
            }

            foreach (var end in started[i].Start.RunEndActions)
            {
                endActions.Add((i, analyzer, end, sinks[analyzer]));
            }
        }

        // The actions for each kind present, in registration order, found once: a resource then costs one lookup,
        // not a check of every action's kinds.
        var podTemplateOwnerKinds = index.PodTemplates.Select(t => t.Owner.Kind).ToHashSet(StringComparer.Ordinal);
        var actionsByKind = index.Resources.Select(r => r.Kind).Distinct(StringComparer.Ordinal).ToDictionary(
            kind => kind, kind => dispatch.Where(d => d.Scope.Covers(kind, podTemplateOwnerKinds)).ToArray(), StringComparer.Ordinal);
        Parallel.ForEach(Partitioner.Create(0, Math.Max(index.Resources.Count, 1), 256), parallel, range =>
        {
            for (var r = range.Item1; r < Math.Min(range.Item2, index.Resources.Count); r++)
            {
                var resource = index.Resources[r];
                foreach (var (analyzer, action, _, sink) in actionsByKind[resource.Kind])
                {
                    Run(analyzer, action, new ResourceAnalysisContext(resource, world, sink), collected);
                }
            }
        });

        Parallel.ForEach(endActions.OrderBy(e => e.Order), parallel, end =>
            Guard(end.Analyzer, null, collected, () => end.Action(new RunEndContext(world, end.Sink))));

        return [.. active.SelectMany(a => a.SupportedRules).Where(mayRun)];
    }

    /// <summary>Like Roslyn, an analyzer may only report the rules it declares.</summary>
    private static Action<Diagnostic, Resource?> SinkFor(ManifestAnalyzer analyzer, ConcurrentBag<(Diagnostic, Resource?)> collected)
    {
        var supported = analyzer.SupportedRules.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        return (diagnostic, resource) =>
        {
            if (!supported.Contains(diagnostic.Id))
            {
                throw new InvalidOperationException($"{analyzer.GetType().Name} reported {diagnostic.Id}, which it does not declare in SupportedRules");
            }

            collected.Add((diagnostic, resource));
        };
    }

    /// <summary>Runs analyzer code; an exception becomes ML9000 naming the rule and resource, and nothing else is lost.</summary>
    private static bool Guard(ManifestAnalyzer analyzer, Resource? resource, ConcurrentBag<(Diagnostic, Resource?)> collected, Action action)
    {
        try
        {
            action();
            return true;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            collected.Add(Failure(analyzer, resource, ex));
            return false;
        }
    }

    // The guard of the hottest call (once per resource and action), with nothing to capture and nothing generic: a
    // closure per call was a third of what the rules phase allocated, and a generic method over a value type is one
    // that ReadyToRun cannot compile ahead, so the run began in unoptimized code.
    private static void Run(ManifestAnalyzer analyzer, ResourceAction action, ResourceAnalysisContext context, ConcurrentBag<(Diagnostic, Resource?)> collected)
    {
        try
        {
            action(context);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            collected.Add(Failure(analyzer, context.Resource, ex));
        }
    }

    private static (Diagnostic, Resource?) Failure(ManifestAnalyzer analyzer, Resource? resource, Exception ex)
    {
        var rules = string.Join(",", analyzer.SupportedRules.Select(r => r.Id));
        var target = resource?.Reference.ToString() ?? "the run";
        var location = resource?.Location ?? new Location("", Yaml.TextSpan.At(1, 1));
        var message = CoreRules.AnalyzerException.FormatMessage($"{rules} ({analyzer.GetType().Name})", ex.GetType().Name, target, ex.Message);
        return (new Diagnostic(CoreRules.AnalyzerException, CoreRules.AnalyzerException.DefaultSeverity, message, location, [], resource?.Reference), resource);
    }

    private static List<Diagnostic> Finish(
        IEnumerable<(Diagnostic Diagnostic, Resource? Resource)> collected,
        IReadOnlyList<LoadedFile> files,
        AnalysisOptions options,
        List<ConfigurationProblem> configurationProblems)
    {
        var fileByPath = files.GroupBy(f => f.Source.Path, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var severityCache = new Dictionary<(string RuleId, string Path), Severity?>();
        var result = new List<Diagnostic>();
        foreach (var (diagnostic, resource) in collected)
        {
            var path = diagnostic.Location.Path;
            var file = fileByPath.GetValueOrDefault(path);
            if (!severityCache.TryGetValue((diagnostic.Id, path), out var severity))
            {
                var fullPath = file?.Source.FullPath ?? (path.Length > 0 ? Path.GetFullPath(path, options.Load.BaseDirectory) : null);
                severityCache[(diagnostic.Id, path)] = severity = options.Severities.Effective(diagnostic.Rule, fullPath, configurationProblems);
            }

            if (severity is not { } effective || effective == Severity.Hidden)
            {
                continue;
            }

            var suppression = (file?.Suppressions ?? CommentSuppressions.Empty).Find(diagnostic.Id, diagnostic.Location.Span.Start.Line)
                ?? (resource is null ? null : AnnotationSuppressions.Find(resource, diagnostic.Id));
            result.Add(diagnostic with { Severity = effective, Suppression = suppression });
        }

        // A bad .editorconfig entry is reported once, where it is written, not once per diagnostic it touched.
        foreach (var problem in configurationProblems.Distinct())
        {
            var display = InputCollector.DisplayPath(problem.ConfigPath, options.Load.BaseDirectory);
            result.Add(new Diagnostic(CoreRules.ConfigurationProblem, CoreRules.ConfigurationProblem.DefaultSeverity, problem.Message,
                new Location(display, Yaml.TextSpan.At(problem.Line, 1)), []));
        }

        result.Sort(DiagnosticOrder.Instance);
        return result;
    }
}

/// <summary>The one output order: file, line, column, rule ID, then message, all ordinal.</summary>
public sealed class DiagnosticOrder : IComparer<Diagnostic>
{
    public static DiagnosticOrder Instance { get; } = new();

    public int Compare(Diagnostic? x, Diagnostic? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        var order = string.CompareOrdinal(x.Location.Path, y.Location.Path);
        if (order == 0)
        {
            order = x.Location.Span.Start.CompareTo(y.Location.Span.Start);
        }

        if (order == 0)
        {
            order = string.CompareOrdinal(x.Id, y.Id);
        }

        if (order == 0)
        {
            order = string.CompareOrdinal(x.Message, y.Message);
        }

        if (order == 0)
        {
            order = x.Location.Span.End.CompareTo(y.Location.Span.End);
        }

        return order;
    }
}
