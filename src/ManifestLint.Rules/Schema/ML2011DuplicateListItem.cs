using ManifestLint.Core.Engine;
using ManifestLint.Core.Schema;

namespace ManifestLint.Rules.Schema;

/// <summary>
/// ML2011: an item of a custom resource's list repeats an earlier one where the CRD makes the list a set or a map
/// (<c>x-kubernetes-list-type</c>). Custom resources only: built-in kinds' list-map duplicates are often accepted by the
/// API server, while a CRD's list type is enforced on every write. See rules/ML2011.md.
/// </summary>
public sealed class ML2011DuplicateListItem : ManifestAnalyzer
{
    public static readonly RuleDescriptor Rule = new(
        RuleIds.DuplicateListItem,
        "Duplicate item in a list the CRD keys",
        "{0} of {1} {2}",
        RuleCategories.Schema,
        Severity.Error,
        Description: "A CustomResourceDefinition can make a list a set (`x-kubernetes-list-type: set`: no two equal items) or a map (`x-kubernetes-list-type: map`: no two items with the same values of its `x-kubernetes-list-map-keys`); the API server rejects a custom resource with a duplicate.",
        HelpText: "Remove the repeated item or merge it into the first one; in a map list, give each item its own key values.");

    public override IReadOnlyList<RuleDescriptor> SupportedRules => [Rule];

    public override void Initialize(AnalysisContext context) => SchemaFindings.OnViolations(context, SchemaViolationKind.DuplicateListItem, Analyze);

    private static void Analyze(ResourceAnalysisContext context)
    {
        var resource = context.Resource;
        foreach (var violation in SchemaFindings.Of(resource, SchemaViolationKind.DuplicateListItem))
        {
            var (firstPath, firstSpan) = violation.First!.Value;
            var detail = violation.Expected.Count == 0
                ? $"repeats {firstPath} (the CRD makes '{violation.Name}' a set: x-kubernetes-list-type set)"
                : $"has the same {string.Join(" and ", violation.Expected)} as {firstPath} (the CRD keys '{violation.Name}' by {string.Join(", ", violation.Expected)}: x-kubernetes-list-type map)";
            context.Report(Rule, resource, SchemaFindings.LocationOf(resource, violation), [violation.Path, violation.TypeName, detail],
                [new RelatedLocation(new Location(resource.File.Path, firstSpan, resource.HelmSource), $"the first item: {firstPath}")]);
        }
    }
}
