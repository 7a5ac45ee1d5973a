using ManifestLint.Core.Engine;
using ManifestLint.Core.Model;
using ManifestLint.Core.Yaml;

namespace ManifestLint.Rules.Scaling;

/// <summary>ML1403: a PodDisruptionBudget selects no pod of its namespace. See rules/ML1403.md.</summary>
public sealed class ML1403DisruptionBudgetSelectsNoPods : ManifestAnalyzer
{
    public static readonly RuleDescriptor Rule = new(
        RuleIds.DisruptionBudgetSelectsNoPods,
        "PodDisruptionBudget selects no pod",
        "PodDisruptionBudget '{0}' {1}, so it protects nothing in namespace '{2}'{3}",
        RuleCategories.Scaling,
        Severity.Warning,
        Description: "A PodDisruptionBudget that selects no pod protects nothing: node drains and autoscaler scale-downs evict the workload it was written for all at once.",
        HelpText: "Make the PodDisruptionBudget's selector match the pod template labels of the workload it protects.",
        IsCrossResource: true);

    public override IReadOnlyList<RuleDescriptor> SupportedRules => [Rule];

    public override void Initialize(AnalysisContext context) => context.RegisterResourceAction(Analyze, "PodDisruptionBudget");

    private static void Analyze(ResourceAnalysisContext context)
    {
        var budget = context.Resource;
        if (budget.Group != "policy" || budget.Namespace is not { } ns || budget.Spec is not { } spec)
        {
            return;
        }

        if (spec.GetEntry("selector") is not { } selectorEntry || selectorEntry.Value is ScalarNode { IsNull: true })
        {
            // A null selector matches no pods (policy/v1 and v1beta1 alike).
            context.Report(Rule, budget, budget.KeyLocationOf(budget.Root, "spec"), [budget.Name, "has no selector", ns, ""], [],
                "add spec.selector.matchLabels with the pod template labels of the workload to protect");
            return;
        }

        if (selectorEntry.Value is not MappingNode selectorNode || LabelSelector.FromLabelSelector(selectorNode) is not { } selector)
        {
            return; // Not a valid label selector: the API server rejects the object.
        }

        var location = budget.LocationOf(selectorEntry.Key);
        if (selector.IsEmpty)
        {
            if (budget.Version == "v1beta1")
            {
                context.Report(Rule, budget, location, [budget.Name, "has an empty selector, which selects no pods in policy/v1beta1", ns, ""], [],
                    "use policy/v1 (where {} selects every pod of the namespace), or select the workload's labels");
            }

            return; // policy/v1: an empty selector selects every pod of the namespace.
        }

        if (context.World.SelectPods(budget, ns, selector) is not { IsAbsent: true, Evidence: { } evidence })
        {
            return; // Selects pods, or may select pods the input cannot see.
        }

        context.ReportMissing(Rule, budget, location, evidence, [budget.Name, $"selects {selector}, but no pod template has these labels", ns],
            "make the selector a subset of the pod template labels of the workload to protect");
    }
}
