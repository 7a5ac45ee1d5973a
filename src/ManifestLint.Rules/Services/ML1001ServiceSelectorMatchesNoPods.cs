using ManifestLint.Core.Engine;
using ManifestLint.Core.Model;

namespace ManifestLint.Rules.Services;

/// <summary>ML1001: a Service selects labels that no pod template in its namespace carries. See rules/ML1001.md.</summary>
public sealed class ML1001ServiceSelectorMatchesNoPods : ManifestAnalyzer
{
    public static readonly RuleDescriptor Rule = new(
        RuleIds.ServiceSelectorMatchesNoPods,
        "Service selector matches no pod",
        "Service '{0}' selects {1}, but no pod template in namespace '{2}' has these labels{3}",
        RuleCategories.Services,
        Severity.Error,
        Description: "A Service whose selector matches no pod has no endpoints: every connection to it times out or is refused.",
        HelpText: "Make the Service selector a subset of the pod template's labels.",
        IsCrossResource: true);

    public override IReadOnlyList<RuleDescriptor> SupportedRules => [Rule];

    public override void Initialize(AnalysisContext context) => context.RegisterResourceAction(Analyze, "Service");

    private static void Analyze(ResourceAnalysisContext context)
    {
        var service = context.Resource;
        if (!ServiceSelection.SelectsPods(service))
        {
            return; // No selector semantics (ExternalName, no selector): endpoints are managed by hand or by DNS.
        }

        var spec = service.Spec!;
        var selector = LabelSelector.FromMap(spec.MappingAt("selector")!);
        var selection = context.World.SelectPods(service, service.Namespace!, selector);
        if (selection is not { IsAbsent: true, Evidence: { } evidence })
        {
            return; // Selects pods, or may select pods the input cannot see (an operator's, another repository's).
        }

        context.ReportMissing(Rule, service, service.KeyLocationOf(spec, "selector"), evidence, [service.Name, selector, service.Namespace],
            "make the Service selector a subset of the pod template labels of the workload it serves");
    }
}
