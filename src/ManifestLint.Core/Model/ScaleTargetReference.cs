using ManifestLint.Core.Yaml;

namespace ManifestLint.Core.Model;

/// <summary>
/// A HorizontalPodAutoscaler's <c>spec.scaleTargetRef</c>: the object in the HPA's namespace whose scale
/// subresource it drives. <see cref="Group"/> is null when the reference has no apiVersion.
/// </summary>
public sealed record ScaleTargetReference(string? Group, string Kind, string Name, MappingNode Node, ScalarNode NameNode)
{
    public static bool IsAutoscaler(Resource resource) => resource.Is("autoscaling", "HorizontalPodAutoscaler");

    /// <summary>The HPA's target; null for other kinds and for references without kind or name (the API rejects those).</summary>
    public static ScaleTargetReference? Of(Resource autoscaler)
    {
        if (!IsAutoscaler(autoscaler) || autoscaler.Root.MappingAt("spec", "scaleTargetRef") is not { } node)
        {
            return null;
        }

        if (node.StringAt("kind") is not { Length: > 0 } kind || node.ScalarAt("name") is not { IsNull: false, Value.Length: > 0 } name)
        {
            return null;
        }

        var apiVersion = node.StringAt("apiVersion");
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
