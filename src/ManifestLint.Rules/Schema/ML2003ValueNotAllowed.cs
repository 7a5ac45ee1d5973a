using ManifestLint.Core.Engine;
using ManifestLint.Core.Schema;

namespace ManifestLint.Rules.Schema;

/// <summary>ML2003: a string outside the values its field allows (protocol: HTTP, imagePullPolicy: always). See rules/ML2003.md.</summary>
public sealed class ML2003ValueNotAllowed : ManifestAnalyzer
{
    public static readonly RuleDescriptor Rule = new(
        RuleIds.ValueNotAllowed,
        "Value is not one of the allowed values",
        "{0} is '{1}', which is not one of the allowed values: {2}",
        RuleCategories.Schema,
        Severity.Error,
        Description: "Fields such as protocol, imagePullPolicy, restartPolicy and a Service's type accept only a fixed set of values, spelled exactly; the API server rejects any other.",
        HelpText: "Use one of the listed values, spelled with the same case.");

    public override IReadOnlyList<RuleDescriptor> SupportedRules => [Rule];

    public override void Initialize(AnalysisContext context) => SchemaFindings.OnViolations(context, SchemaViolationKind.NotInEnum, Analyze);

    private static void Analyze(ResourceAnalysisContext context)
    {
        foreach (var violation in SchemaFindings.Of(context.Resource, SchemaViolationKind.NotInEnum))
        {
            var sameButCase = violation.Expected.FirstOrDefault(v => string.Equals(v, violation.Actual, StringComparison.OrdinalIgnoreCase));
            context.Report(Rule, context.Resource, SchemaFindings.LocationOf(context.Resource, violation),
                [violation.Path, violation.Actual, string.Join(", ", violation.Expected)],
                help: sameButCase is null ? null : $"write '{sameButCase}'");
        }
    }
}
