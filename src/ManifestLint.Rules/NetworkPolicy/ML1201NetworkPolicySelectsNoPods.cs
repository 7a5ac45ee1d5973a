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
        if (context.Index.NetworkPolicyOf(context.Resource) is not { } policy || policy.PodSelector.IsEmpty)
        {
            return; // podSelector {} is a namespace-wide policy: it applies to whatever pods the namespace has.
        }

        var resource = policy.Resource;
        if (context.World.SelectPods(resource, policy.Namespace, policy.PodSelector) is not { IsAbsent: true, Evidence: { } evidence })
        {
            return; // Selects pods, or may select pods the input cannot see.
        }

        context.ReportMissing(Rule, resource, resource.KeyLocationOf(resource.Spec!, "podSelector"), evidence, [resource.Name, policy.PodSelector, policy.Namespace],
            "make the podSelector match the labels of the pods to protect");
    }
}
