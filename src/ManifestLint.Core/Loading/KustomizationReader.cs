using ManifestLint.Core.Model;
using ManifestLint.Core.Yaml;

namespace ManifestLint.Core.Loading;

/// <summary>
/// Recognizes kustomize's own configuration files among the inputs (they are not Kubernetes objects, even when
/// they carry <c>apiVersion: kustomize.config.k8s.io/v1beta1</c>) and reads the ConfigMaps and Secrets their
/// generators create, so references to those objects are not reported as missing.
/// </summary>
public static class KustomizationReader
{
    public const string ConfigGroup = "kustomize.config.k8s.io";

    /// <summary>The file names kustomize looks for in a directory.</summary>
    public static IReadOnlyList<string> FileNames { get; } = ["kustomization.yaml", "kustomization.yml", "Kustomization"];

    public static bool IsKustomizationFileName(string path) => FileNames.Contains(Path.GetFileName(path), StringComparer.Ordinal);

    /// <summary>
    /// Whether a document is a Kustomization or Component: its apiVersion is in kustomize's config group, or it
    /// sits in a kustomization file without an apiVersion (kustomize defaults it). Flux's
    /// <c>kustomize.toolkit.fluxcd.io</c> Kustomization is a real cluster object and is not matched.
    /// </summary>
    public static bool IsKustomization(SourceFile file, MappingNode root)
    {
        var apiVersion = root.StringAt("apiVersion");
        if (apiVersion is not null)
        {
            return apiVersion.StartsWith(ConfigGroup + "/", StringComparison.Ordinal);
        }

        return IsKustomizationFileName(file.Path) && root.StringAt("kind") is null or "Kustomization" or "Component";
    }

    /// <summary>
    /// One object per <c>configMapGenerator</c> and <c>secretGenerator</c> entry with a name. The namespace is the
    /// kustomization's <c>namespace:</c> (kustomize sets it on everything it emits), else the generator's own,
    /// else null (any namespace).
    /// </summary>
    public static IReadOnlyList<KustomizeGeneratedObject> GeneratedObjects(SourceFile file, MappingNode root)
    {
        var result = new List<KustomizeGeneratedObject>();
        var kustomizationNamespace = NonEmpty(root.StringAt("namespace"));
        foreach (var (field, kind) in new[] { ("configMapGenerator", "ConfigMap"), ("secretGenerator", "Secret") })
        {
            foreach (var generator in root.SequenceAt(field)?.Mappings() ?? [])
            {
                if (generator.ScalarAt("name") is { IsNull: false, Value.Length: > 0 } nameNode)
                {
                    var ns = kustomizationNamespace ?? NonEmpty(generator.StringAt("namespace"));
                    result.Add(new KustomizeGeneratedObject(kind, ns, nameNode.Value, file, nameNode));
                }
            }
        }

        return result;
    }

    /// <summary>
    /// The files a kustomization applies as patches (<c>patches</c>, <c>patchesStrategicMerge</c>, <c>patchesJson6902</c>;
    /// an entry is a path or has <c>path:</c>), as full paths. A patch holds only the fields it changes, so it is not a
    /// whole object: a field its kind requires may well be missing from it.
    /// </summary>
    public static IReadOnlyList<string> PatchPaths(SourceFile file, MappingNode root)
    {
        if (file.FullPath is null || Path.GetDirectoryName(file.FullPath) is not { } directory)
        {
            return [];
        }

        var result = new List<string>();
        foreach (var field in new[] { "patches", "patchesStrategicMerge", "patchesJson6902" })
        {
            foreach (var entry in root.SequenceAt(field)?.Items ?? [])
            {
                var path = entry switch
                {
                    ScalarNode { IsNull: false } scalar when !scalar.Value.Contains('\n') => scalar.Value, // an inline patch is YAML text, not a path
                    MappingNode mapping => mapping.StringAt("path"),
                    _ => null,
                };
                if (!string.IsNullOrWhiteSpace(path))
                {
                    result.Add(Path.GetFullPath(path, directory));
                }
            }
        }

        return result;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
