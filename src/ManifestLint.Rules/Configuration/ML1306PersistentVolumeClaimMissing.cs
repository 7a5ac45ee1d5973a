using System.Globalization;
using ManifestLint.Core.Engine;
using ManifestLint.Core.Index;
using ManifestLint.Core.Model;
using ManifestLint.Core.World;

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
        start.RegisterPodTemplateAction(c => Analyze(c, templateClaims));
    });

    private static void Analyze(ResourceAnalysisContext context, List<(string Namespace, string Prefix)> templateClaims)
    {
        if (context.PodTemplate is not { Spec: { } spec } template || template.Owner.Namespace is not { } ns)
        {
            return;
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
            if (templateClaims.Any(t => t.Namespace == ns && IsOrdinalOf(claim, t.Prefix)))
            {
                continue; // A claim a StatefulSet's volumeClaimTemplates create.
            }

            if (context.World.ResolveObject(owner, new ObjectQuery(Kind, ns, claim)) is not { IsAbsent: true, Evidence: { } evidence })
            {
                continue; // Present, or provisioned outside the input as far as anyone can tell.
            }

            context.ReportMissing(Rule, owner, owner.LocationOf(claimNode), evidence, [owner.Kind, owner.Name, claim, volumeName, ns],
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
}
