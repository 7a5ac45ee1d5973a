using ManifestLint.Core.Engine;
using ManifestLint.Core.Model;
using ManifestLint.Core.Yaml;

namespace ManifestLint.Rules.SingleObject;

/// <summary>
/// What a single-object check found: the node to point at (a key or value, never a whole document), the
/// descriptor's message arguments, and, when the fix depends on the finding, a specific help line.
/// </summary>
public sealed record Finding(ManifestNode Node, object?[] MessageArgs, string? Help = null)
{
    public static Finding At(ManifestNode node, params object?[] messageArgs) => new(node, messageArgs);
}

/// <summary>
/// The template of a check on one pod template (kube-linter's "template plus parameters"): a rule file states its
/// descriptor and a predicate over the pod; walking every pod template of the input and reporting live here once.
/// </summary>
public abstract class PodRule(RuleDescriptor rule) : ManifestAnalyzer
{
    public sealed override IReadOnlyList<RuleDescriptor> SupportedRules => [rule];

    public sealed override void Initialize(AnalysisContext context) => context.RegisterPodTemplateAction(context =>
    {
        if (context.PodTemplate is not { } template)
        {
            return;
        }

        foreach (var finding in Inspect(new WorkloadPod(template, context.Index)))
        {
            context.Report(rule, finding.Node, null, finding.Help, finding.MessageArgs);
        }
    });

    protected abstract IEnumerable<Finding> Inspect(WorkloadPod pod);
}

/// <summary>
/// The template of a check on one container: the rule states its descriptor, which containers it looks at
/// (<see cref="ContainerScope"/>) and a predicate over one container; <see cref="PodRule"/> does the walking.
/// </summary>
public abstract class ContainerRule(RuleDescriptor rule, ContainerScope scope) : PodRule(rule)
{
    protected sealed override IEnumerable<Finding> Inspect(WorkloadPod pod) => pod.Containers(scope).SelectMany(Inspect);

    protected abstract IEnumerable<Finding> Inspect(WorkloadContainer container);
}

/// <summary>The template of a check on one object of given kinds (RBAC objects, a Deployment's strategy).</summary>
public abstract class ObjectRule(RuleDescriptor rule, string[] groups, params string[] kinds) : ManifestAnalyzer
{
    public sealed override IReadOnlyList<RuleDescriptor> SupportedRules => [rule];

    public sealed override void Initialize(AnalysisContext context) => context.RegisterResourceAction(context =>
    {
        if (!groups.Contains(context.Resource.Group))
        {
            return;
        }

        foreach (var finding in Inspect(context.Resource, context))
        {
            context.Report(rule, finding.Node, null, finding.Help, finding.MessageArgs);
        }
    }, kinds);

    protected abstract IEnumerable<Finding> Inspect(Resource resource, ResourceAnalysisContext context);
}
