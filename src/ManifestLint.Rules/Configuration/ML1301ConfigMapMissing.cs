using ManifestLint.Core.Engine;
using ManifestLint.Core.Model;

namespace ManifestLint.Rules.Configuration;

/// <summary>ML1301: a pod template needs a ConfigMap that the input does not create. See rules/ML1301.md.</summary>
public sealed class ML1301ConfigMapMissing : ManifestAnalyzer
{
    public static readonly RuleDescriptor Rule = new(
        RuleIds.ConfigMapMissing,
        "Referenced ConfigMap is missing",
        "{0} '{1}' refers to ConfigMap '{2}' ({3}), but the input has no ConfigMap '{2}' in namespace '{4}'{5}",
        RuleCategories.Configuration,
        Severity.Error,
        Description: "A pod that needs a missing ConfigMap does not start: an env reference leaves the container in CreateContainerConfigError, a volume leaves the pod in ContainerCreating (FailedMount).",
        HelpText: "Create the ConfigMap in the pod's namespace, fix the name, or mark the reference optional: true.",
        IsCrossResource: true);

    public override IReadOnlyList<RuleDescriptor> SupportedRules => [Rule];

    public override void Initialize(AnalysisContext context) =>
        context.RegisterPodTemplateAction(c => ConfigReferenceChecks.ReportMissingObjects(c, Rule, ConfigReferences.ConfigMap));
}
