using ManifestLint.Core.Loading;

namespace ManifestLint.Core.World;

/// <summary>
/// The namespace an install manifest is meant for when it never says so. Manifests written for
/// <c>kubectl apply -n NS</c> omit every namespace, yet a RoleBinding must name its ServiceAccount subjects'
/// namespace, and it names NS. In such a unit the unstated namespace is NS, not the run's default, or every reference
/// between its objects would look like it crossed namespaces.
/// </summary>
public static class UnitNamespaces
{
    private const string RbacGroup = "rbac.authorization.k8s.io";

    /// <summary>
    /// For each unit whose namespaced objects all omit <c>metadata.namespace</c> and whose role bindings grant to
    /// ServiceAccounts of the unit in exactly one namespace, that namespace.
    /// </summary>
    public static Dictionary<DeploymentUnit, string> Infer(IEnumerable<(DeploymentUnit Unit, RawObject Object)> objects, Func<RawObject, bool> isClusterScoped)
    {
        var result = new Dictionary<DeploymentUnit, string>();
        foreach (var unit in objects.GroupBy(o => o.Unit, o => o.Object))
        {
            var namespaced = unit.Where(o => !isClusterScoped(o)).ToList();
            if (namespaced.Count == 0 || namespaced.Any(o => !string.IsNullOrEmpty(o.DeclaredNamespace)))
            {
                continue; // The unit states its namespaces: an object that omits one is in the run's default (or lost there).
            }

            var accounts = namespaced.Where(o => o.Kind == "ServiceAccount" && o.ApiVersion == "v1").Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
            var named = unit
                .Where(o => o.Kind is "RoleBinding" or "ClusterRoleBinding" && o.ApiVersion.StartsWith(RbacGroup + "/", StringComparison.Ordinal))
                .SelectMany(o => o.Root.SequenceAt("subjects")?.Mappings() ?? [])
                .Where(s => s.StringAt("kind") == "ServiceAccount" && s.StringAt("name") is { } name && accounts.Contains(name))
                .Select(s => s.StringAt("namespace"))
                .OfType<string>()
                .Where(ns => ns.Length > 0)
                .Distinct(StringComparer.Ordinal)
                .ToList();
            if (named.Count == 1)
            {
                result[unit.Key] = named[0];
            }
        }

        return result;
    }
}
