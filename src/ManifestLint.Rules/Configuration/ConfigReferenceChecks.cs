using ManifestLint.Core.Engine;
using ManifestLint.Core.Index;
using ManifestLint.Core.Model;

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

        if (!context.Index.DeclaresKindIn(kind, ns))
        {
            return; // The input creates no object of this kind here: they come from kubectl, CI or an operator.
        }

        var missing = context.Index.ConfigReferencesOf(template)
            .Where(r => r.Kind == kind && !r.Optional && !context.Index.WillExist(kind, ns, r.Name))
            .Where(r => r.Use != ConfigReferenceUse.ImagePullSecret || DeclaresPullSecretIn(context.Index, ns))
            .GroupBy(r => r.Name, StringComparer.Ordinal);
        var owner = template.Owner;
        foreach (var references in missing)
        {
            var first = references.First();
            var related = references.Skip(1).Select(r => new RelatedLocation(owner.LocationOf(r.NameNode), $"also referenced by {r.Where}")).ToList();
            var canBeOptional = references.Any(r => r.Use != ConfigReferenceUse.ImagePullSecret);
            var (detail, help) = ExplainMissingObject(context.Index, kind, ns, first.Name, canBeOptional, related);
            context.Report(rule, owner, owner.LocationOf(first.NameNode), [owner.Kind, owner.Name, first.Name, first.Where, ns, detail], related, help);
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

            if (DeclaredKeys(context.Index, kind, ns, reference.Name) is not var (objects, keys))
            {
                continue;
            }

            foreach (var key in reference.Keys.Where(k => !keys.Contains(k.Key)))
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

    /// <summary>The objects of the input with this name and the union of their keys; null when the keys cannot be known.</summary>
    private static (IReadOnlyList<Resource> Objects, IReadOnlySet<string> Keys)? DeclaredKeys(ManifestIndex index, string kind, string ns, string name)
    {
        var objects = index.FindAll(kind, ns, name);
        if (objects.Count == 0)
        {
            return null; // Missing (ML1301/ML1303), generated, or external: its keys are not in the input.
        }

        if (index.FindGenerated(kind, ns, name) is not null || index.FindKustomizeGenerated(kind, ns, name) is not null)
        {
            return null; // cert-manager, External Secrets or a kustomize generator with behavior: merge writes its keys.
        }

        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var obj in objects)
        {
            if (index.DeclaredKeysOf(obj) is not { } declared)
            {
                return null;
            }

            keys.UnionWith(declared);
        }

        return (objects, keys);
    }

    private static (string Detail, string Help) ExplainMissingObject(
        ManifestIndex index, string kind, string ns, string name, bool canBeOptional, List<RelatedLocation> related)
    {
        if (index.FindInAnyNamespace(kind, name).FirstOrDefault() is { } elsewhere)
        {
            related.Insert(0, new RelatedLocation(elsewhere.Location, $"{kind} '{name}' in namespace '{elsewhere.Namespace}'"));
            return ($"; a {kind} with this name exists in namespace '{elsewhere.Namespace}' (pods only see objects of their own namespace)",
                $"create {kind} '{name}' in namespace '{ns}', or move the workload to namespace '{elsewhere.Namespace}'");
        }

        if (SimilarNames.Closest(name, index.OfKindIn(kind, ns), r => r.Name) is { } similar)
        {
            related.Insert(0, new RelatedLocation(similar.Location, $"{kind} '{similar.Name}'"));
            return ($"; did you mean '{similar.Name}'?", $"refer to '{similar.Name}', or create {kind} '{name}' in namespace '{ns}'");
        }

        var optional = canBeOptional ? ", or mark the reference optional: true if the pod can run without it" : "";
        return ("", $"create {kind} '{name}' in namespace '{ns}' (or declare it under externalObjects in .manifestlint.yaml){optional}");
    }

    private static string FormatKeys(IReadOnlySet<string> keys)
    {
        var sorted = keys.Order(StringComparer.Ordinal).ToList();
        var shown = string.Join(", ", sorted.Take(8));
        return sorted.Count > 8 ? $"{sorted.Count} keys: {shown}, …" : $"the keys {shown}";
    }
}
