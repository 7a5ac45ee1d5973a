using ManifestLint.Core.Engine;
using ManifestLint.Core.Schema;

namespace ManifestLint.Rules.Schema;

/// <summary>ML2009: a field or kind that came after the target Kubernetes release. See rules/ML2009.md.</summary>
public sealed class ML2009NewerThanTargetVersion : ManifestAnalyzer
{
    public static readonly RuleDescriptor Rule = new(
        RuleIds.NewerThanTargetVersion,
        "Field or kind is newer than the target Kubernetes version",
        "{0} of {1} came in Kubernetes {2}, after the target {3}",
        RuleCategories.Schema,
        Severity.Error,
        Description: "A cluster running an older release does not know a field added later: strict field validation rejects the object, and lenient clients drop the field silently; a kind it does not serve cannot be applied at all.",
        HelpText: "Upgrade the cluster (and --kubernetes-version), or leave the field out for clusters of the target release.");

    public override IReadOnlyList<RuleDescriptor> SupportedRules => [Rule];

    public override void Initialize(AnalysisContext context) => SchemaFindings.OnViolations(context, SchemaViolationKind.NewerThanTarget, Analyze);

    private static void Analyze(ResourceAnalysisContext context)
    {
        foreach (var violation in SchemaFindings.Of(context.Resource, SchemaViolationKind.NewerThanTarget))
        {
            var what = violation.Path == "apiVersion" ? $"apiVersion {violation.Name}" : violation.Path;
            context.Report(Rule, context.Resource, SchemaFindings.LocationOf(context.Resource, violation),
                [what, violation.TypeName, violation.Expected[0], violation.Actual]);
        }
    }
}
