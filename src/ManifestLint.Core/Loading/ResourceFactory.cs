using ManifestLint.Core.Model;
using ManifestLint.Core.World;

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
    /// <param name="units">
    /// When given and <see cref="LoadOptions.InferUnitNamespaces"/> is set, a unit whose objects all omit their namespace
    /// gets the namespace its RBAC subjects name (see <see cref="UnitNamespaces"/>) instead of the run's default.
    /// </param>
    public static IReadOnlyList<Resource> Create(IReadOnlyList<LoadedFile> files, LoadOptions options, ParallelOptions? parallel = null, DeploymentUnits? units = null)
    {
        var crdScopes = new Dictionary<(string Group, string Kind), bool>();
        foreach (var obj in files.SelectMany(f => f.Objects).Where(o => o.Kind == "CustomResourceDefinition"))
        {
            if (KnownKinds.DeclaredBy(obj.Root) is { } declared)
            {
                crdScopes[declared] = obj.Root.StringAt("spec", "scope") == "Cluster";
            }
        }

        bool IsClusterScoped(RawObject obj) =>
            crdScopes.TryGetValue((KnownKinds.GroupOf(obj.ApiVersion), obj.Kind), out var scoped) ? scoped : KnownKinds.IsClusterScopedBuiltIn(obj.Kind);

        var objects = files.SelectMany(file => file.Objects.Select(obj => (File: file, Object: obj))).ToList();
        var unitNamespaces = units is not null && options.InferUnitNamespaces
            ? UnitNamespaces.Infer(objects.Select(o => (units.Of(o.File.Source), o.Object)), IsClusterScoped)
            : new Dictionary<DeploymentUnit, string>();
        var resources = new Resource[objects.Count];
        Parallel.For(0, objects.Count, parallel ?? Sequential, i =>
        {
            var (file, obj) = objects[i];
            var unstated = unitNamespaces.Count > 0 && unitNamespaces.TryGetValue(units!.Of(file.Source), out var inferred) ? inferred : options.DefaultNamespace;
            var ns = IsClusterScoped(obj) ? null : string.IsNullOrEmpty(obj.DeclaredNamespace) ? unstated : obj.DeclaredNamespace;
            resources[i] = new Resource(file.Source, obj.DocumentIndex, obj.Root, obj.ApiVersion, obj.Kind, obj.Name, ns, obj.HelmSource, obj.ListItemIndex) { HasGeneratedName = obj.HasGeneratedName };
        });

        return resources;
    }
}
