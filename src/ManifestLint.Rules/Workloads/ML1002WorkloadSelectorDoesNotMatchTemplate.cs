using ManifestLint.Core.Engine;
using ManifestLint.Core.Model;
using ManifestLint.Core.Yaml;

namespace ManifestLint.Rules.Workloads;

/// <summary>ML1002: a workload's selector does not select its own pod template. See rules/ML1002.md.</summary>
public sealed class ML1002WorkloadSelectorDoesNotMatchTemplate : ManifestAnalyzer
{
    public static readonly RuleDescriptor Rule = new(
        RuleIds.WorkloadSelectorDoesNotMatchTemplate,
        "Workload selector does not match its pod template",
        "{0} '{1}' selector {2} does not match its own pod template labels: missing {3}",
        RuleCategories.Workloads,
        Severity.Error,
        Description: "The API server rejects a workload whose selector does not select its template's labels (\"selector does not match template labels\").",
        HelpText: "Make spec.selector a subset of spec.template.metadata.labels.");

    public override IReadOnlyList<RuleDescriptor> SupportedRules => [Rule];

    public override void Initialize(AnalysisContext context) => context.RegisterPodTemplateAction(Analyze);

    private static void Analyze(ResourceAnalysisContext context)
    {
        if (context.PodTemplate is not { OwnerKind.SelectorPath: { } selectorPath } template)
        {
            return;
        }

        var resource = context.Resource;
        if (resource.Root.MappingAt(selectorPath) is not { Count: > 0 } selectorNode)
        {
            return; // Absent selectors are defaulted (Job, old API versions) or rejected by schema validation.
        }

        var selector = template.OwnerKind.SelectorIsMap ? LabelSelector.FromMap(selectorNode) : LabelSelector.FromLabelSelector(selectorNode);
        if (selector is null || selector.IsEmpty || selector.Matches(template.Labels))
        {
            return;
        }

        var parent = resource.Root.MappingAt(selectorPath[..^1])!;
        var related = new RelatedLocation(resource.LocationOf(template.LabelsNode), "the pod template's labels");
        context.Report(Rule, resource, resource.KeyLocationOf(parent, selectorPath[^1]),
            [resource.Kind, resource.Name, selector, string.Join(", ", selector.Unmet(template.Labels))], [related],
            "add the missing labels to spec.template.metadata.labels (spec.selector is immutable after creation)");
    }
}
