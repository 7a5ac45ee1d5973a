using ManifestLint.Core.Engine;
using ManifestLint.Core.Model;
using ManifestLint.Core.Yaml;

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
        var selectorNode = spec.MappingAt("selector")!;
        var @namespace = service.Namespace!;

        var candidates = context.Index.PodTemplatesIn(@namespace);
        if (candidates.Count == 0)
        {
            return; // The input declares no workloads here: they live elsewhere, so we cannot know.
        }

        var selector = LabelSelector.FromMap(selectorNode);
        if (context.Index.SelectPods(@namespace, selector).Count > 0)
        {
            return;
        }

        var related = new List<RelatedLocation>();
        var detail = "";
        string? help = null;
        if (SelectorNearMiss.Closest(selector, context.Index, @namespace) is { } near)
        {
            var unmet = selector.Unmet(near.Labels);
            var owner = near.Owner;
            detail = $"; {owner.Kind} '{owner.Name}' comes closest but lacks {string.Join(", ", unmet)}";
            related.Add(new RelatedLocation(owner.LocationOf(near.LabelsNode), $"{owner.Kind} '{owner.Name}' has {FormatLabels(near.Labels)}"));
            help = $"add {string.Join(", ", unmet.Select(u => u.Split(' ')[0]))} to the pod template labels of {owner.Kind} '{owner.Name}', or remove it from the Service selector";
        }
        else if (OtherNamespaceMatch(context, selector, @namespace) is { } elsewhere)
        {
            detail = $"; pods with these labels exist in namespace '{elsewhere.Namespace}'";
            related.Add(new RelatedLocation(elsewhere.Owner.LocationOf(elsewhere.LabelsNode), $"{elsewhere.Owner.Kind} '{elsewhere.Owner.Name}' in namespace '{elsewhere.Namespace}' matches"));
            help = "move the Service to the workload's namespace (a Service only selects pods in its own namespace)";
        }

        context.Report(Rule, service, service.KeyLocationOf(spec, "selector"), [service.Name, selector, @namespace, detail], related, help);
    }


    private static PodTemplate? OtherNamespaceMatch(ResourceAnalysisContext context, LabelSelector selector, string serviceNamespace) =>
        context.Index.Namespaces
            .Where(ns => ns != serviceNamespace)
            .Select(ns => context.Index.SelectPods(ns, selector).FirstOrDefault())
            .FirstOrDefault(t => t is not null);

    private static string FormatLabels(IReadOnlyDictionary<string, string> labels) =>
        labels.Count == 0 ? "no labels" : string.Join(", ", labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}")) + " only";
}
