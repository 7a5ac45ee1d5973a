using ManifestLint.Core.Model;

namespace ManifestLint.Core.Loading;

/// <summary>Creates resources once every file is read, so a CRD anywhere in the run can declare its kind's scope.</summary>
public static class ResourceFactory
{
    /// <summary>What per-resource work runs with when the caller allows no concurrency.</summary>
    internal static ParallelOptions Sequential { get; } = new() { MaxDegreeOfParallelism = 1 };

    /// <param name="parallel">
    /// When given, resources are created concurrently (each reads its labels and annotations); the order stays the
    /// files' order either way.
    /// </param>
    public static IReadOnlyList<Resource> Create(IReadOnlyList<LoadedFile> files, LoadOptions options, ParallelOptions? parallel = null)
    {
        var crdScopes = new Dictionary<(string Group, string Kind), bool>();
        foreach (var obj in files.SelectMany(f => f.Objects).Where(o => o.Kind == "CustomResourceDefinition"))
        {
            if (KnownKinds.DeclaredBy(obj.Root) is { } declared)
            {
                crdScopes[declared] = obj.Root.StringAt("spec", "scope") == "Cluster";
            }
        }

        var objects = files.SelectMany(file => file.Objects.Select(obj => (File: file, Object: obj))).ToList();
        var resources = new Resource[objects.Count];
        Parallel.For(0, objects.Count, parallel ?? Sequential, i =>
        {
            var (file, obj) = objects[i];
            var group = KnownKinds.GroupOf(obj.ApiVersion);
            var clusterScoped = crdScopes.TryGetValue((group, obj.Kind), out var scoped) ? scoped : KnownKinds.IsClusterScopedBuiltIn(obj.Kind);
            var ns = clusterScoped ? null : string.IsNullOrEmpty(obj.DeclaredNamespace) ? options.DefaultNamespace : obj.DeclaredNamespace;
            resources[i] = new Resource(file.Source, obj.DocumentIndex, obj.Root, obj.ApiVersion, obj.Kind, obj.Name, ns, obj.HelmSource, obj.ListItemIndex) { HasGeneratedName = obj.HasGeneratedName };
        });

        return resources;
    }
}
