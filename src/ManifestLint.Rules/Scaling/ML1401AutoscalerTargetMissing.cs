using ManifestLint.Core.Engine;
using ManifestLint.Core.Model;
using ManifestLint.Core.World;

namespace ManifestLint.Rules.Scaling;

/// <summary>ML1401: a HorizontalPodAutoscaler's scaleTargetRef names an object the input does not have. See rules/ML1401.md.</summary>
public sealed class ML1401AutoscalerTargetMissing : ManifestAnalyzer
{
    public static readonly RuleDescriptor Rule = new(
        RuleIds.AutoscalerTargetMissing,
        "HorizontalPodAutoscaler target is missing",
        "{0} '{1}' scales {2}, but the input has no such object in namespace '{3}'{4}",
        RuleCategories.Scaling,
        Severity.Error,
        Description: "An HPA whose target does not exist never scales anything: it reports FailedGetScale while the real workload stays at its fixed replica count.",
        HelpText: "Make scaleTargetRef's apiVersion, kind and name those of the workload, in the HPA's namespace.",
        IsCrossResource: true);

    public override IReadOnlyList<RuleDescriptor> SupportedRules => [Rule];

    public override void Initialize(AnalysisContext context) => context.RegisterResourceAction(Analyze, "HorizontalPodAutoscaler", "ScaledObject");

    private static void Analyze(ResourceAnalysisContext context)
    {
        var autoscaler = context.Resource;
        if (autoscaler.Namespace is not { } ns || ScaleTargetReference.Of(autoscaler) is not { } target || TemplatePlaceholders.IsPlaceholder(target.Name))
        {
            return;
        }

        var resolution = context.World.ResolveObject(autoscaler, new ObjectQuery(target.Kind, ns, target.Name, target.HasKindOf));
        if (resolution.Presence == Presence.Present)
        {
            return;
        }

        // The right name with the wrong kind (a StatefulSet scaled as a Deployment, a Rollout after a migration) is evidence
        // on its own; otherwise the world model's.
        var wrongKind = context.Index.PodTemplatesIn(ns)
            .Where(t => t.OwnerKind.HasReplicas && t.Owner.Name == target.Name && t.Owner.Kind != target.Kind)
            .Select(t => t.Owner)
            .FirstOrDefault();
        var evidence = wrongKind is not null
            ? new Evidence(EvidenceKind.NearMiss, $"; {wrongKind.Kind} '{wrongKind.Name}' exists (apiVersion {wrongKind.ApiVersion}): is scaleTargetRef's kind wrong?",
                [new RelatedLocation(wrongKind.Location, $"{wrongKind.Kind} '{wrongKind.Name}'")], $"set scaleTargetRef to apiVersion {wrongKind.ApiVersion}, kind {wrongKind.Kind}")
            : resolution.Evidence;
        if (evidence is null)
        {
            return; // The workload may be deployed from elsewhere.
        }

        context.ReportMissing(Rule, autoscaler, autoscaler.LocationOf(target.NameNode), evidence, [autoscaler.Kind, autoscaler.Name, target, ns],
            "point scaleTargetRef at the workload (apiVersion, kind and name), or declare the target under externalObjects in .manifestlint.yaml");
    }
}
