using ManifestLint.Core.Engine;
using ManifestLint.Core.Model;

namespace ManifestLint.Rules.Configuration;

/// <summary>ML1302: a pod template needs a key that a ConfigMap of the input does not declare. See rules/ML1302.md.</summary>
public sealed class ML1302ConfigMapKeyMissing : ManifestAnalyzer
{
    public static readonly RuleDescriptor Rule = new(
        RuleIds.ConfigMapKeyMissing,
        "Referenced ConfigMap key is missing",
        "{0} '{1}' has no key '{2}' ({4} '{5}' reads it in {3}){6}",
        RuleCategories.Configuration,
        Severity.Error,
        Description: "A key missing from a ConfigMap fails like a missing ConfigMap: CreateContainerConfigError for env, FailedMount for volume items.",
        HelpText: "Add the key to the ConfigMap's data or binaryData, fix the key, or mark the reference optional: true.",
        IsCrossResource: true);

    public override IReadOnlyList<RuleDescriptor> SupportedRules => [Rule];

    public override void Initialize(AnalysisContext context) =>
        context.RegisterPodTemplateAction(c => ConfigReferenceChecks.ReportMissingKeys(c, Rule, ConfigReferences.ConfigMap));
}
