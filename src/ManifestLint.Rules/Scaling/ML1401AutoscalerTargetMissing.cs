using ManifestLint.Core.Engine;
using ManifestLint.Core.Index;
using ManifestLint.Core.Model;

namespace ManifestLint.Rules.Scaling;

/// <summary>ML1401: a HorizontalPodAutoscaler's scaleTargetRef names an object the input does not have. See rules/ML1401.md.</summary>
public sealed class ML1401AutoscalerTargetMissing : ManifestAnalyzer
{
    public static readonly RuleDescriptor Rule = new(
        RuleIds.AutoscalerTargetMissing,
        "HorizontalPodAutoscaler target is missing",
        "HorizontalPodAutoscaler '{0}' scales {1}, but the input has no such object in namespace '{2}'{3}",
        RuleCategories.Scaling,
        Severity.Error,
        Description: "An HPA whose target does not exist never scales anything: it reports FailedGetScale while the real workload stays at its fixed replica count.",
        HelpText: "Make scaleTargetRef's apiVersion, kind and name those of the workload, in the HPA's namespace.",
        IsCrossResource: true);

    public override IReadOnlyList<RuleDescriptor> SupportedRules => [Rule];

    public override void Initialize(AnalysisContext context) => context.RegisterResourceAction(Analyze, "HorizontalPodAutoscaler");

    private static void Analyze(ResourceAnalysisContext context)
    {
        var autoscaler = context.Resource;
        if (autoscaler.Namespace is not { } ns || ScaleTargetReference.Of(autoscaler) is not { } target)
        {
            return;
        }

        var index = context.Index;
        if (index.FindAll(target.Kind, ns, target.Name).Any(target.Matches) || index.IsDeclaredExternally(target.Kind, ns, target.Name))
        {
            return;
        }

        var sameKind = index.OfKindIn(target.Kind, ns).Where(target.HasKindOf).ToList();
        if (sameKind.Count == 0)
        {
            return; // The input has no object of the target's kind here: the workload is deployed from elsewhere.
        }

        var (detail, related) = Explain(index, target, ns, sameKind);
        context.Report(Rule, autoscaler, autoscaler.LocationOf(target.NameNode), [autoscaler.Name, target, ns, detail], related,
            "point scaleTargetRef at the workload (apiVersion, kind and name), or declare the target under externalObjects in .manifestlint.yaml");
    }

    private static (string Detail, List<RelatedLocation> Related) Explain(ManifestIndex index, ScaleTargetReference target, string ns, List<Resource> sameKind)
    {
        // The right name with the wrong kind: a StatefulSet scaled as a Deployment, a Rollout after a migration.
        var otherKind = index.PodTemplatesIn(ns)
            .Where(t => t.OwnerKind.HasReplicas && t.Owner.Name == target.Name && t.Owner.Kind != target.Kind)
            .Select(t => t.Owner)
            .FirstOrDefault();
        if (otherKind is not null)
        {
            return ($"; {otherKind.Kind} '{otherKind.Name}' exists (apiVersion {otherKind.ApiVersion}): is scaleTargetRef's kind wrong?",
                [new RelatedLocation(otherKind.Location, $"{otherKind.Kind} '{otherKind.Name}'")]);
        }

        if (index.FindInAnyNamespace(target.Kind, target.Name).FirstOrDefault(target.Matches) is { } elsewhere)
        {
            return ($"; it exists in namespace '{elsewhere.Namespace}' (an HPA only scales objects of its own namespace)",
                [new RelatedLocation(elsewhere.Location, $"{elsewhere.Kind} '{elsewhere.Name}' in namespace '{elsewhere.Namespace}'")]);
        }

        if (SimilarNames.Closest(target.Name, sameKind, r => r.Name) is { } similar)
        {
            return ($"; did you mean '{similar.Name}'?", [new RelatedLocation(similar.Location, $"{similar.Kind} '{similar.Name}'")]);
        }

        return ("", []);
    }
}
