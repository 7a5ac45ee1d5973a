using ManifestLint.Core.Engine;
using ManifestLint.Core.Model;

namespace ManifestLint.Rules.Configuration;

/// <summary>ML1303: a pod template needs a Secret that the input does not create. See rules/ML1303.md.</summary>
public sealed class ML1303SecretMissing : ManifestAnalyzer
{
    public static readonly RuleDescriptor Rule = new(
        RuleIds.SecretMissing,
        "Referenced Secret is missing",
        "{0} '{1}' refers to Secret '{2}' ({3}), but the input has no Secret '{2}' in namespace '{4}'{5}",
        RuleCategories.Configuration,
        Severity.Error,
        Description: "A pod that needs a missing Secret does not start (CreateContainerConfigError for env, FailedMount for volumes); a missing image pull Secret makes private image pulls fail.",
        HelpText: "Create the Secret in the pod's namespace, fix the name, declare it under externalObjects, or mark the reference optional: true.",
        IsCrossResource: true);

    public override IReadOnlyList<RuleDescriptor> SupportedRules => [Rule];

    public override void Initialize(AnalysisContext context) =>
        context.RegisterPodTemplateAction(c => ConfigReferenceChecks.ReportMissingObjects(c, Rule, ConfigReferences.Secret));
}
