using ManifestLint.Core.Engine;
using ManifestLint.Core.Schema;

namespace ManifestLint.Rules.Schema;

/// <summary>ML2001: a key the object's type does not have (a typo, a field at the wrong level). See rules/ML2001.md.</summary>
public sealed class ML2001UnknownField : ManifestAnalyzer
{
    public static readonly RuleDescriptor Rule = new(
        RuleIds.UnknownField,
        "Unknown field",
        "{0} is not a field of {1}{2}",
        RuleCategories.Schema,
        Severity.Error,
        Description: "The API server's strict field validation (kubectl's default since 1.27) rejects an object with a field its type does not have; lenient clients drop the field silently, so the setting it was meant to make never happens.",
        HelpText: "Fix the spelling or move the field to the level where it belongs; `kubectl explain KIND.FIELD` lists the fields of each type.");

    public override IReadOnlyList<RuleDescriptor> SupportedRules => [Rule];

    public override void Initialize(AnalysisContext context) => SchemaFindings.OnViolations(context, SchemaViolationKind.UnknownField, Analyze);

    private static void Analyze(ResourceAnalysisContext context)
    {
        foreach (var violation in SchemaFindings.Of(context.Resource, SchemaViolationKind.UnknownField))
        {
            var suggestion = violation.Expected.Count > 0 ? violation.Expected[0] : null;
            var help = suggestion is null
                ? $"remove '{violation.Name}', or move it to the object that has such a field"
                : $"rename '{violation.Name}' to '{suggestion}'";
            context.Report(Rule, context.Resource, SchemaFindings.LocationOf(context.Resource, violation),
                [violation.Path, violation.TypeName, suggestion is null ? "" : $"; did you mean '{suggestion}'?"], help: help);
        }
    }
}
