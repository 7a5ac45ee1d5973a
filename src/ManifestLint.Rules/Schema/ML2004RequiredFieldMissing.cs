using ManifestLint.Core.Engine;
using ManifestLint.Core.Schema;

namespace ManifestLint.Rules.Schema;

/// <summary>ML2004: an object lacks a field its type requires (a container port without containerPort). See rules/ML2004.md.</summary>
public sealed class ML2004RequiredFieldMissing : ManifestAnalyzer
{
    public static readonly RuleDescriptor Rule = new(
        RuleIds.RequiredFieldMissing,
        "Required field is missing",
        "{0} ({1}) lacks the required field '{2}'",
        RuleCategories.Schema,
        Severity.Error,
        Description: "The API server rejects an object whose type requires a field that is absent or null (\"Required value\").",
        HelpText: "Add the field; `kubectl explain KIND.FIELD` shows what it holds.");

    public override IReadOnlyList<RuleDescriptor> SupportedRules => [Rule];

    public override void Initialize(AnalysisContext context) => SchemaFindings.OnViolations(context, SchemaViolationKind.MissingRequired, Analyze);

    private static void Analyze(ResourceAnalysisContext context)
    {
        foreach (var violation in SchemaFindings.Of(context.Resource, SchemaViolationKind.MissingRequired))
        {
            context.Report(Rule, context.Resource, SchemaFindings.LocationOf(context.Resource, violation),
                [SchemaFindings.Where(context.Resource, violation.Path), violation.TypeName, violation.Name]);
        }
    }
}
