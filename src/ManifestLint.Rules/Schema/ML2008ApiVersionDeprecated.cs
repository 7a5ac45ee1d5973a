using ManifestLint.Core.Engine;
using ManifestLint.Core.Schema;

namespace ManifestLint.Rules.Schema;

/// <summary>ML2008: an apiVersion the target Kubernetes release serves but has deprecated. See rules/ML2008.md.</summary>
public sealed class ML2008ApiVersionDeprecated : ManifestAnalyzer
{
    public static readonly RuleDescriptor Rule = new(
        RuleIds.ApiVersionDeprecated,
        "apiVersion is deprecated",
        "{0} {1} is deprecated since Kubernetes {2}{3}{4}",
        RuleCategories.Schema,
        Severity.Warning,
        Description: "A deprecated apiVersion still works, with a warning from the API server, until the release that stops serving it; manifests that keep it break on that upgrade.",
        HelpText: "Move the object to the replacement apiVersion before the release that removes it.");

    public override IReadOnlyList<RuleDescriptor> SupportedRules => [Rule];

    public override void Initialize(AnalysisContext context) => SchemaFindings.OnViolations(context, SchemaViolationKind.DeprecatedApiVersion, Analyze);

    private static void Analyze(ResourceAnalysisContext context)
    {
        foreach (var violation in SchemaFindings.Of(context.Resource, SchemaViolationKind.DeprecatedApiVersion))
        {
            var (removedIn, replacement) = (violation.Expected[1], violation.Expected[2].StartsWith('<') ? "" : violation.Expected[2]);
            context.Report(Rule, context.Resource, SchemaFindings.LocationOf(context.Resource, violation),
                [violation.Name, violation.TypeName, violation.Expected[0], removedIn.Length == 0 ? "" : $" and is removed in {removedIn}",
                    replacement.Length == 0 ? "; it has no replacement" : $"; use {replacement}"],
                help: replacement.Length == 0 ? null : $"use {replacement}");
        }
    }
}
