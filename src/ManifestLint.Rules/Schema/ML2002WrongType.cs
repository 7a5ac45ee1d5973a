using ManifestLint.Core.Engine;
using ManifestLint.Core.Schema;

namespace ManifestLint.Rules.Schema;

/// <summary>ML2002: a value of the wrong type (a quoted number, a list for an object). See rules/ML2002.md.</summary>
public sealed class ML2002WrongType : ManifestAnalyzer
{
    public static readonly RuleDescriptor Rule = new(
        RuleIds.WrongType,
        "Value has the wrong type",
        "{0} must be {1}, not {2}",
        RuleCategories.Schema,
        Severity.Error,
        Description: "The API server cannot decode a value of the wrong JSON type into its field (\"cannot unmarshal string into Go struct field\"): the whole object is rejected.",
        HelpText: "Write the value in the type the field takes: a number without quotes, a list where a list is expected.");

    public override IReadOnlyList<RuleDescriptor> SupportedRules => [Rule];

    public override void Initialize(AnalysisContext context) => SchemaFindings.OnViolations(context, SchemaViolationKind.WrongType, Analyze);

    private static void Analyze(ResourceAnalysisContext context)
    {
        foreach (var violation in SchemaFindings.Of(context.Resource, SchemaViolationKind.WrongType))
        {
            var expected = string.Join(" or ", violation.Expected.Select(Article));
            context.Report(Rule, context.Resource, SchemaFindings.LocationOf(context.Resource, violation),
                [SchemaFindings.Where(context.Resource, violation.Path), expected, violation.Actual]);
        }
    }

    private static string Article(string type) => type is "object" or "integer" ? "an " + type : "a " + type;
}
