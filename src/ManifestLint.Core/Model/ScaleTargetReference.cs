using ManifestLint.Core.Yaml;

namespace ManifestLint.Core.Model;

/// <summary>
/// A HorizontalPodAutoscaler's (or KEDA ScaledObject's) <c>spec.scaleTargetRef</c>: the object in its namespace whose
/// scale subresource it drives. <see cref="Group"/> is null when the reference has no apiVersion.
/// </summary>
public sealed record ScaleTargetReference(string? Group, string Kind, string Name, MappingNode Node, ScalarNode NameNode)
{
    /// <summary>Whether the resource scales a workload: an HPA, or a KEDA ScaledObject (which drives an HPA it creates).</summary>
    public static bool IsAutoscaler(Resource resource) => resource.Is("autoscaling", "HorizontalPodAutoscaler") || IsKedaScaledObject(resource);

    public static bool IsKedaScaledObject(Resource resource) => resource.Is("keda.sh", "ScaledObject");

    /// <summary>The autoscaler's target; null for other kinds and for references without kind or name (the API rejects those).</summary>
    public static ScaleTargetReference? Of(Resource autoscaler)
    {
        if (!IsAutoscaler(autoscaler) || autoscaler.Root.MappingAt("spec", "scaleTargetRef") is not { } node)
        {
            return null;
        }

        // KEDA defaults the target to an apps/v1 Deployment; an HPA must name its kind.
        var keda = IsKedaScaledObject(autoscaler);
        var kind = node.StringAt("kind") is { Length: > 0 } declared ? declared : keda ? "Deployment" : null;
        if (kind is null || node.ScalarAt("name") is not { IsNull: false, Value.Length: > 0 } name)
        {
            return null;
        }

        var apiVersion = node.StringAt("apiVersion") ?? (keda && node.StringAt("kind") is null ? "apps/v1" : null);
        var group = apiVersion is null ? null : apiVersion.Contains('/') ? apiVersion[..apiVersion.IndexOf('/')] : "";
        return new ScaleTargetReference(group, kind, name.Value, node, name);
    }

    /// <summary>Whether the candidate is the target by group, kind and name (the caller checks the namespace).</summary>
    public bool Matches(Resource candidate) =>
        candidate.Kind == Kind && candidate.Name == Name && (Group is null || SameGroup(Group, candidate.Group));

    /// <summary>Whether the candidate has the target's group and kind, whatever its name.</summary>
    public bool HasKindOf(Resource candidate) => candidate.Kind == Kind && (Group is null || SameGroup(Group, candidate.Group));

    public override string ToString() => $"{Kind} '{Name}'";

    // Deployments, ReplicaSets and DaemonSets were served by extensions before apps: either group names the same object.
    private static bool SameGroup(string a, string b) => a == b || (a is "apps" or "extensions" && b is "apps" or "extensions");
}
