using ManifestLint.Core.Index;
using ManifestLint.Core.Model;
using ManifestLint.Core.Yaml;

namespace ManifestLint.Core.Engine;

/// <summary>
/// A rule implementation, shaped like a Roslyn DiagnosticAnalyzer: it declares the rules it reports and
/// registers actions in <see cref="Initialize"/>. Actions may run concurrently; keep per-run state inside
/// a run-start action, never in fields.
/// </summary>
public abstract class ManifestAnalyzer
{
    public abstract IReadOnlyList<RuleDescriptor> SupportedRules { get; }

    public abstract void Initialize(AnalysisContext context);
}

public delegate void ResourceAction(ResourceAnalysisContext context);

/// <summary>Which resources a resource action runs for: every resource, those of some kinds, or those that make pods.</summary>
internal sealed record ActionScope(IReadOnlySet<string>? Kinds, bool PodTemplateOwnersOnly)
{
    public static ActionScope Of(string[] kinds) => new(kinds.Length == 0 ? null : new HashSet<string>(kinds, StringComparer.Ordinal), false);

    public static ActionScope PodTemplateOwners { get; } = new(null, true);

    /// <summary>Whether resources of the kind get the action; <paramref name="podTemplateOwnerKinds"/> are the kinds with a pod template in the run.</summary>
    public bool Covers(string kind, IReadOnlySet<string> podTemplateOwnerKinds) =>
        PodTemplateOwnersOnly ? podTemplateOwnerKinds.Contains(kind) : Kinds is null || Kinds.Contains(kind);
}

/// <summary>Where an analyzer registers its actions.</summary>
public sealed class AnalysisContext
{
    internal List<(ResourceAction Action, ActionScope Scope)> ResourceActions { get; } = [];

    internal List<Action<RunStartContext>> RunStartActions { get; } = [];

    /// <summary>Runs for every resource of the given kinds (every resource when none are given).</summary>
    public void RegisterResourceAction(ResourceAction action, params string[] kinds) => ResourceActions.Add((action, ActionScope.Of(kinds)));

    /// <summary>
    /// Runs for the resources of the kinds that make pods in this run (workloads, Pods, configured owners): an action that
    /// only reads <see cref="ResourceAnalysisContext.PodTemplate"/> need not be called for every ConfigMap and Service.
    /// A resource of such a kind without a template of its own still gets it.
    /// </summary>
    public void RegisterPodTemplateAction(ResourceAction action) => ResourceActions.Add((action, ActionScope.PodTemplateOwners));

    /// <summary>Runs once per run, before resource actions, with the whole index (Roslyn's CompilationStart).</summary>
    public void RegisterRunStartAction(Action<RunStartContext> action) => RunStartActions.Add(action);
}

/// <summary>Per-run registration point: precompute lookups from the index, then register resource and end actions.</summary>
public sealed class RunStartContext
{
    internal RunStartContext(World.WorldModel world) => World = world;

    public World.WorldModel World { get; }

    public ManifestIndex Index => World.Index;

    internal List<(ResourceAction Action, ActionScope Scope)> ResourceActions { get; } = [];

    internal List<Action<RunEndContext>> RunEndActions { get; } = [];

    public void RegisterResourceAction(ResourceAction action, params string[] kinds) => ResourceActions.Add((action, ActionScope.Of(kinds)));

    /// <summary>As <see cref="AnalysisContext.RegisterPodTemplateAction"/>.</summary>
    public void RegisterPodTemplateAction(ResourceAction action) => ResourceActions.Add((action, ActionScope.PodTemplateOwners));

    /// <summary>Runs once after every resource action, to report from accumulated state (Roslyn's CompilationEnd).</summary>
    public void RegisterRunEndAction(Action<RunEndContext> action) => RunEndActions.Add(action);
}

/// <summary>Collects what actions report; thread-safe because actions run concurrently.</summary>
public abstract class ReportingContext
{
    private readonly Action<Diagnostic, Resource?> _sink;

    private protected ReportingContext(World.WorldModel world, Action<Diagnostic, Resource?> sink)
    {
        World = world;
        _sink = sink;
    }

    /// <summary>What the input shows of the cluster: ask it whether a reference's target exists, with the evidence.</summary>
    public World.WorldModel World { get; }

    public ManifestIndex Index => World.Index;

    /// <summary>Reports a finding about <paramref name="resource"/> at <paramref name="location"/>.</summary>
    public void Report(
        RuleDescriptor rule,
        Resource resource,
        Location location,
        object?[] messageArgs,
        IReadOnlyList<RelatedLocation>? related = null,
        string? help = null) =>
        _sink(new Diagnostic(rule, rule.DefaultSeverity, rule.FormatMessage(messageArgs), location, related ?? [], resource.Reference, help), resource);

    /// <summary>
    /// Reports a missing target with the world model's evidence: its detail is the last message argument, and its related
    /// locations and help come first, so every rule explains "exists elsewhere" and "did you mean" the same way.
    /// </summary>
    public void ReportMissing(
        RuleDescriptor rule,
        Resource resource,
        Location location,
        World.Evidence evidence,
        object?[] messageArgsBeforeDetail,
        string fallbackHelp,
        IReadOnlyList<RelatedLocation>? moreRelated = null) =>
        Report(rule, resource, location, [.. messageArgsBeforeDetail, evidence.Detail], [.. evidence.Related, .. moreRelated ?? []], evidence.Help ?? fallbackHelp);
}

public sealed class ResourceAnalysisContext : ReportingContext
{
    internal ResourceAnalysisContext(Resource resource, World.WorldModel world, Action<Diagnostic, Resource?> sink)
        : base(world, sink) => Resource = resource;

    public Resource Resource { get; }

    /// <summary>The pods this resource creates, when it is a workload (or a Pod).</summary>
    public PodTemplate? PodTemplate => Index.PodTemplateOf(Resource);

    public void Report(RuleDescriptor rule, ManifestNode at, params object?[] messageArgs) =>
        Report(rule, Resource, Resource.LocationOf(at), messageArgs);

    public void Report(RuleDescriptor rule, ManifestNode at, IReadOnlyList<RelatedLocation>? related, string? help, params object?[] messageArgs) =>
        Report(rule, Resource, Resource.LocationOf(at), messageArgs, related, help);
}

public sealed class RunEndContext : ReportingContext
{
    internal RunEndContext(World.WorldModel world, Action<Diagnostic, Resource?> sink)
        : base(world, sink)
    {
    }
}
