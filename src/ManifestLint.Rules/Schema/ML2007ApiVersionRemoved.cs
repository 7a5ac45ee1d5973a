using ManifestLint.Core.Engine;
using ManifestLint.Core.Schema;

namespace ManifestLint.Rules.Schema;

/// <summary>ML2007: an apiVersion the target Kubernetes release no longer serves. See rules/ML2007.md.</summary>
public sealed class ML2007ApiVersionRemoved : ManifestAnalyzer
{
    public static readonly RuleDescriptor Rule = new(
        RuleIds.ApiVersionRemoved,
        "apiVersion is no longer served",
        "{0} {1} is no longer served since Kubernetes {2} (the target is {3}){4}",
        RuleCategories.Schema,
        Severity.Error,
        Description: "Kubernetes stops serving old apiVersions (extensions/v1beta1, policy/v1beta1, batch/v1beta1…); applying an object of one fails with \"no matches for kind\".",
        HelpText: "Move the object to the replacement apiVersion, adapting the fields that changed; the target release is --kubernetes-version (default 1.36).");

    public override IReadOnlyList<RuleDescriptor> SupportedRules => [Rule];

    public override void Initialize(AnalysisContext context) => SchemaFindings.OnViolations(context, SchemaViolationKind.RemovedApiVersion, Analyze);

    private static void Analyze(ResourceAnalysisContext context)
    {
        foreach (var violation in SchemaFindings.Of(context.Resource, SchemaViolationKind.RemovedApiVersion))
        {
            var replacement = violation.Expected[1].StartsWith('<') ? "" : violation.Expected[1]; // the table writes "<removed>" for none
            context.Report(Rule, context.Resource, SchemaFindings.LocationOf(context.Resource, violation),
                [violation.Name, violation.TypeName, violation.Expected[0], violation.Actual, replacement.Length == 0 ? "; it has no replacement" : $"; use {replacement}"],
                help: replacement.Length == 0 ? null : $"use {replacement}");
        }
    }
}
