using System.Globalization;
using ManifestLint.Core.Engine;
using ManifestLint.Core.Index;
using ManifestLint.Core.Model;

namespace ManifestLint.Rules.Configuration;

/// <summary>ML1306: a pod template mounts a PersistentVolumeClaim that the input does not create. See rules/ML1306.md.</summary>
public sealed class ML1306PersistentVolumeClaimMissing : ManifestAnalyzer
{
    public static readonly RuleDescriptor Rule = new(
        RuleIds.PersistentVolumeClaimMissing,
        "Referenced PersistentVolumeClaim is missing",
        "{0} '{1}' mounts PersistentVolumeClaim '{2}' (volume '{3}'), but the input has no PersistentVolumeClaim '{2}' in namespace '{4}'{5}",
        RuleCategories.Configuration,
        Severity.Error,
        Description: "A pod whose PersistentVolumeClaim does not exist is never scheduled: it stays Pending with \"persistentvolumeclaim not found\".",
        HelpText: "Create the PersistentVolumeClaim in the pod's namespace, or fix claimName.",
        IsCrossResource: true);

    private const string Kind = "PersistentVolumeClaim";

    public override IReadOnlyList<RuleDescriptor> SupportedRules => [Rule];

    public override void Initialize(AnalysisContext context) => context.RegisterRunStartAction(start =>
    {
        // The claims StatefulSets create from volumeClaimTemplates: <template>-<statefulset>-<ordinal>.
        var templateClaims = start.Index.OfKind("apps", "StatefulSet")
            .Where(s => s.Namespace is not null)
            .SelectMany(s => VolumeClaimTemplateNames(s).Select(t => (Namespace: s.Namespace!, Prefix: $"{t}-{s.Name}-")))
            .ToList();
        start.RegisterResourceAction(c => Analyze(c, templateClaims));
    });

    private static void Analyze(ResourceAnalysisContext context, List<(string Namespace, string Prefix)> templateClaims)
    {
        if (context.PodTemplate is not { Spec: { } spec } template || template.Owner.Namespace is not { } ns)
        {
            return;
        }

        if (!context.Index.DeclaresKindIn(Kind, ns))
        {
            return; // The input declares no claim here: claims are provisioned by hand or by another repository.
        }

        var owner = template.Owner;
        var ownTemplates = owner.Is("apps", "StatefulSet") ? VolumeClaimTemplateNames(owner) : [];
        foreach (var volume in spec.SequenceAt("volumes")?.Mappings() ?? [])
        {
            var volumeName = volume.StringAt("name") ?? "?";
            if (ownTemplates.Contains(volumeName))
            {
                continue; // A volumeClaimTemplate of the same name takes precedence over this volume.
            }

            if (volume.ScalarAt("persistentVolumeClaim", "claimName") is not { IsNull: false, Value.Length: > 0 } claimNode)
            {
                continue; // Ephemeral volumes create their own claim; other volume types need none.
            }

            var claim = claimNode.Value;
            if (context.Index.WillExist(Kind, ns, claim) || templateClaims.Any(t => t.Namespace == ns && IsOrdinalOf(claim, t.Prefix)))
            {
                continue;
            }

            var (detail, related) = Explain(context.Index, ns, claim);
            context.Report(Rule, owner, owner.LocationOf(claimNode), [owner.Kind, owner.Name, claim, volumeName, ns, detail], related,
                $"create PersistentVolumeClaim '{claim}' in namespace '{ns}' (or declare it under externalObjects in .manifestlint.yaml), or fix claimName");
        }
    }

    private static HashSet<string> VolumeClaimTemplateNames(Resource statefulSet) =>
        [.. (statefulSet.Root.SequenceAt("spec", "volumeClaimTemplates")?.Mappings() ?? [])
            .Select(t => t.StringAt("metadata", "name"))
            .OfType<string>()];

    private static bool IsOrdinalOf(string claim, string prefix) =>
        claim.Length > prefix.Length && claim.StartsWith(prefix, StringComparison.Ordinal) &&
        int.TryParse(claim.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out _);

    private static (string Detail, List<RelatedLocation> Related) Explain(ManifestIndex index, string ns, string claim)
    {
        if (index.FindInAnyNamespace(Kind, claim).FirstOrDefault() is { } elsewhere)
        {
            return ($"; a claim with this name exists in namespace '{elsewhere.Namespace}' (pods only mount claims of their own namespace)",
                [new RelatedLocation(elsewhere.Location, $"PersistentVolumeClaim '{claim}' in namespace '{elsewhere.Namespace}'")]);
        }

        if (SimilarNames.Closest(claim, index.OfKindIn(Kind, ns), r => r.Name) is { } similar)
        {
            return ($"; did you mean '{similar.Name}'?", [new RelatedLocation(similar.Location, $"PersistentVolumeClaim '{similar.Name}'")]);
        }

        return ("", []);
    }
}
