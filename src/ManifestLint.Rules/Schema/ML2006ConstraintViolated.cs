using ManifestLint.Core.Engine;
using ManifestLint.Core.Schema;

namespace ManifestLint.Rules.Schema;

/// <summary>ML2006: a custom resource's value breaks a constraint of its CRD (pattern, bounds, oneOf). See rules/ML2006.md.</summary>
public sealed class ML2006ConstraintViolated : ManifestAnalyzer
{
    public static readonly RuleDescriptor Rule = new(
        RuleIds.ConstraintViolated,
        "Value breaks a constraint of its custom resource definition",
        "{0} of {1}: {2}",
        RuleCategories.Schema,
        Severity.Error,
        Description: "A CustomResourceDefinition's schema can bound a value (pattern, minimum, maxLength, maxItems) or require one of several shapes (oneOf, anyOf); the API server rejects a custom resource that breaks one.",
        HelpText: "Change the value to satisfy the constraint; the CRD's schema (or `kubectl explain`) states it.");

    public override IReadOnlyList<RuleDescriptor> SupportedRules => [Rule];

    public override void Initialize(AnalysisContext context) => SchemaFindings.OnViolations(context, SchemaViolationKind.ConstraintViolated, Analyze);

    private static void Analyze(ResourceAnalysisContext context)
    {
        foreach (var violation in SchemaFindings.Of(context.Resource, SchemaViolationKind.ConstraintViolated))
        {
            context.Report(Rule, context.Resource, SchemaFindings.LocationOf(context.Resource, violation),
                [SchemaFindings.Where(context.Resource, violation.Path), violation.TypeName, violation.Actual]);
        }
    }
}
