using ManifestLint.Core.Engine;
using ManifestLint.Core.Index;
using ManifestLint.Core.Model;
using ManifestLint.Core.Yaml;

namespace ManifestLint.Rules.Scaling;

/// <summary>ML1402: a workload that an HPA scales also declares spec.replicas. See rules/ML1402.md.</summary>
public sealed class ML1402AutoscaledWorkloadSetsReplicas : ManifestAnalyzer
{
    public static readonly RuleDescriptor Rule = new(
        RuleIds.AutoscaledWorkloadSetsReplicas,
        "Autoscaled workload also sets replicas",
        "{0} '{1}' sets replicas: {2}, but {4} '{3}' scales it: every apply resets the replica count to {2} until the HPA scales it back",
        RuleCategories.Scaling,
        Severity.Info,
        Description: "With an HPA, spec.replicas belongs to the autoscaler. A manifest that also sets it makes every kubectl apply or GitOps sync fight the HPA, scaling a loaded workload down for a while.",
        HelpText: "Remove spec.replicas from the manifest of a workload an HPA scales (set the HPA's minReplicas instead).",
        IsCrossResource: true);

    public override IReadOnlyList<RuleDescriptor> SupportedRules => [Rule];

    public override void Initialize(AnalysisContext context) => context.RegisterRunStartAction(start =>
    {
        var autoscalers = Autoscalers.ByWorkload(start.Index);
        if (autoscalers.Count > 0)
        {
            start.RegisterPodTemplateAction(c => Analyze(c, autoscalers));
        }
    });

    private static void Analyze(ResourceAnalysisContext context, IReadOnlyDictionary<Resource, IReadOnlyList<AutoscalerBinding>> autoscalers)
    {
        var workload = context.Resource;
        if (!autoscalers.TryGetValue(workload, out var bindings) || context.PodTemplate is not { OwnerKind.HasReplicas: true })
        {
            return; // Not scaled by an HPA, or a kind whose scale subresource is not spec.replicas.
        }

        if (workload.Spec?.GetEntry("replicas") is not { } replicas || replicas.Value is ScalarNode { IsNull: true })
        {
            return; // No replicas in the manifest: the HPA owns the count.
        }

        var hpa = bindings[0].Autoscaler;
        var related = bindings.Select(b => new RelatedLocation(b.Autoscaler.LocationOf(b.Target.NameNode), $"{b.Autoscaler.Kind} '{b.Autoscaler.Name}' scales this {workload.Kind}")).ToList();
        context.Report(Rule, workload, workload.LocationOf(replicas.Key), [workload.Kind, workload.Name, (replicas.Value as ScalarNode)?.Value ?? "…", hpa.Name, hpa.Kind], related,
            $"remove spec.replicas from {workload.Kind} '{workload.Name}'; {hpa.Kind} '{hpa.Name}' sets it");
    }
}
