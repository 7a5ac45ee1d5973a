using ManifestLint.Core.Engine;
using ManifestLint.Core.Index;
using ManifestLint.Core.Model;
using ManifestLint.Core.World;

namespace ManifestLint.Rules.Configuration;

/// <summary>
/// The checks ML1301-ML1304 share: the same references (see <see cref="ConfigReferences"/>), the same notion of
/// "will exist", and the same explanations, for ConfigMaps and for Secrets.
/// </summary>
internal static class ConfigReferenceChecks
{
    /// <summary>
    /// Reports each ConfigMap or Secret a pod template needs that will not exist, once per name, at its first
    /// reference; the other references to the same name become related locations.
    /// </summary>
    public static void ReportMissingObjects(ResourceAnalysisContext context, RuleDescriptor rule, string kind)
    {
        if (context.PodTemplate is not { } template || template.Owner.Namespace is not { } ns)
        {
            return;
        }

        var owner = template.Owner;
        var references = context.Index.ConfigReferencesOf(template);
        List<string>? asked = null; // a template names a few objects: a list is cheaper than grouping every template's references
        foreach (var first in references)
        {
            if (first.Kind != kind || first.Optional || (asked ??= []).Contains(first.Name, StringComparer.Ordinal))
            {
                continue;
            }

            asked.Add(first.Name);
            if (context.World.ResolveObject(owner, new ObjectQuery(kind, ns, first.Name)) is not { IsAbsent: true, Evidence: { } evidence })
            {
                continue; // Present, generated, declared external, or made outside the input as far as anyone can tell.
            }

            var sameName = references.Where(r => r.Kind == kind && !r.Optional && r.Name == first.Name).ToList();

            var pullSecretOnly = sameName.All(r => r.Use == ConfigReferenceUse.ImagePullSecret);
            if (pullSecretOnly && evidence.Kind == EvidenceKind.UnitManagesKind && !DeclaresPullSecretIn(context.Index, ns))
            {
                continue; // Registry credentials are provisioned per namespace by the platform, even beside an app's own Secrets.
            }

            var related = sameName.Skip(1).Select(r => new RelatedLocation(owner.LocationOf(r.NameNode), $"also referenced by {r.Where}")).ToList();
            var optional = pullSecretOnly ? "" : ", or mark the reference optional: true if the pod can run without it";
            context.ReportMissing(rule, owner, owner.LocationOf(first.NameNode), evidence, [owner.Kind, owner.Name, first.Name, first.Where, ns],
                $"create {kind} '{first.Name}' in namespace '{ns}' (or declare it under externalObjects in .manifestlint.yaml){optional}", related);
        }
    }

    /// <summary>
    /// Reports each key a pod template needs from a ConfigMap or Secret of the input that the object does not
    /// declare. Objects whose keys are written by someone else (a controller, a kustomize generator merging into
    /// them, or a placeholder declared without keys) are not judged.
    /// </summary>
    public static void ReportMissingKeys(ResourceAnalysisContext context, RuleDescriptor rule, string kind)
    {
        if (context.PodTemplate is not { } template || template.Owner.Namespace is not { } ns)
        {
            return;
        }

        var owner = template.Owner;
        foreach (var reference in context.Index.ConfigReferencesOf(template))
        {
            if (reference.Kind != kind || reference.Optional || reference.Keys.Count == 0)
            {
                continue;
            }

            if (DeclaredKeys(context, owner, kind, ns, reference.Name) is not var (objects, keys))
            {
                continue;
            }

            foreach (var key in reference.Keys.Where(k => !keys.Contains(k.Key) && !k.Node.IsPlaceholder))
            {
                var target = objects[0];
                var keysNode = target.Root.KeyOf("data") ?? target.Root.KeyOf(kind == ConfigReferences.Secret ? "stringData" : "binaryData");
                var related = new List<RelatedLocation>
                {
                    new(keysNode is null ? target.Location : target.LocationOf(keysNode), $"{kind} '{target.Name}' declares {FormatKeys(keys)}"),
                };
                var similar = SimilarNames.Closest(key.Key, keys, k => k);
                var detail = similar is null ? "" : $"; did you mean '{similar}'?";
                var help = similar is null
                    ? $"add '{key.Key}' to {kind} '{reference.Name}', or mark the reference optional: true if the pod can run without it"
                    : $"use the key '{similar}', or add '{key.Key}' to {kind} '{reference.Name}'";
                context.Report(rule, owner, owner.LocationOf(key.Node), [kind, reference.Name, key.Key, reference.Where, owner.Kind, owner.Name, detail], related, help);
            }
        }
    }

    /// <summary>
    /// Registry credentials are usually provisioned per namespace by the platform (by hand, or copied in by a
    /// controller), even where an application's other Secrets are in the input. Only an input that declares a
    /// registry credential Secret in the namespace shows that it manages them there.
    /// </summary>
    private static bool DeclaresPullSecretIn(ManifestIndex index, string ns) =>
        index.OfKindIn(ConfigReferences.Secret, ns).Any(s => s.Root.StringAt("type") is "kubernetes.io/dockerconfigjson" or "kubernetes.io/dockercfg");

    /// <summary>
    /// The nearest definitions of the object (a base and an overlay may both define it) and the union of their keys, the
    /// declared set a key must belong to; null when the keys cannot be known.
    /// </summary>
    private static (IReadOnlyList<Resource> Objects, IReadOnlySet<string> Keys)? DeclaredKeys(ResourceAnalysisContext context, Resource owner, string kind, string ns, string name)
    {
        var index = context.Index;
        var objects = index.FindAll(kind, ns, name);
        if (objects.Count == 0)
        {
            return null; // Missing (ML1301/ML1303), generated, or external: its keys are not in the input.
        }

        if (index.FindGenerated(kind, ns, name) is not null || index.FindKustomizeGenerated(kind, ns, name) is not null)
        {
            return null; // cert-manager, External Secrets or a kustomize generator with behavior: merge writes its keys.
        }

        var nearest = context.World.Nearest(owner, objects);
        if (nearest.Count == 1)
        {
            return index.DeclaredKeysOf(nearest[0]) is { } only ? (nearest, only) : null; // the usual case: no union to build
        }

        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var obj in nearest)
        {
            if (index.DeclaredKeysOf(obj) is not { } declared)
            {
                return null;
            }

            keys.UnionWith(declared);
        }

        return (nearest, keys);
    }

    private static string FormatKeys(IReadOnlySet<string> keys)
    {
        var sorted = keys.Order(StringComparer.Ordinal).ToList();
        var shown = string.Join(", ", sorted.Take(8));
        return sorted.Count > 8 ? $"{sorted.Count} keys: {shown}, …" : $"the keys {shown}";
    }
}
