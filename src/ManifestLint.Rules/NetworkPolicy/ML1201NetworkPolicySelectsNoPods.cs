using ManifestLint.Core.Engine;
using ManifestLint.Core.Model;

namespace ManifestLint.Rules.NetworkPolicy;

/// <summary>ML1201: a NetworkPolicy's podSelector selects no pod of its namespace. See rules/ML1201.md.</summary>
public sealed class ML1201NetworkPolicySelectsNoPods : ManifestAnalyzer
{
    public static readonly RuleDescriptor Rule = new(
        RuleIds.NetworkPolicySelectsNoPods,
        "NetworkPolicy selects no pods",
        "NetworkPolicy '{0}' podSelector {1} selects no pod template in namespace '{2}'{3}",
        RuleCategories.NetworkPolicy,
        Severity.Warning,
        Description: "A NetworkPolicy applies only to the pods its podSelector selects in its namespace. One that selects none protects nothing: the pods it was written for accept (or send) traffic the policy meant to restrict.",
        HelpText: "Make the podSelector match the labels of the pods to protect (an empty podSelector {} selects every pod of the namespace).",
        IsCrossResource: true);

    public override IReadOnlyList<RuleDescriptor> SupportedRules => [Rule];

    public override void Initialize(AnalysisContext context) => context.RegisterResourceAction(Analyze, "NetworkPolicy");

    private static void Analyze(ResourceAnalysisContext context)
    {
        if (context.Index.NetworkPolicyOf(context.Resource) is not { } policy)
        {
            return;
        }

        var candidates = context.Index.PodTemplatesIn(policy.Namespace);
        if (candidates.Count == 0 || NamespaceLabels.HasClusterManagedPods(policy.Namespace))
        {
            return; // The input does not hold (all) the workloads of this namespace: they live elsewhere.
        }

        if (context.Index.SelectPods(policy.Namespace, policy.PodSelector).Count > 0)
        {
            return;
        }

        var resource = policy.Resource;
        var related = new List<RelatedLocation>();
        var detail = "";
        string? help = null;
        if (SelectorNearMiss.Closest(policy.PodSelector, context.Index, policy.Namespace) is { } near)
        {
            var unmet = policy.PodSelector.Unmet(near.Labels);
            detail = $"; {near.Owner.Kind} '{near.Owner.Name}' comes closest but lacks {string.Join(", ", unmet)}";
            related.Add(new RelatedLocation(near.Owner.LocationOf(near.LabelsNode), $"{near.Owner.Kind} '{near.Owner.Name}' pod labels"));
            help = $"make the podSelector match the pod labels of {near.Owner.Kind} '{near.Owner.Name}'";
        }

        context.Report(Rule, resource, resource.KeyLocationOf(resource.Spec!, "podSelector"), [resource.Name, Show(policy.PodSelector), policy.Namespace, detail], related, help);
    }

    private static string Show(LabelSelector selector) => selector.IsEmpty ? "{}" : selector.ToString();
}
