using ManifestLint.Core.Yaml;

namespace ManifestLint.Rules.SingleObject;

/// <summary>
/// A container's resource requests and limits, with what a LimitRange of its namespace fills in: the API server
/// sets <c>default</c> as the limit and <c>defaultRequest</c> as the request of containers that omit them, and a
/// request a container omits defaults to its own limit.
/// </summary>
public static class ContainerResources
{
    public static ScalarNode? Limit(WorkloadContainer container, string resource) =>
        container.Node.ScalarAt("resources", "limits", resource) is { IsNull: false } limit ? limit : null;

    public static ScalarNode? Request(WorkloadContainer container, string resource) =>
        container.Node.ScalarAt("resources", "requests", resource) is { IsNull: false } request ? request : null;

    public static bool HasLimit(WorkloadContainer container, string resource) =>
        Limit(container, resource) is not null || NamespaceDefault(container.Pod, "default", resource);

    public static bool HasRequest(WorkloadContainer container, string resource) =>
        Request(container, resource) is not null || HasLimit(container, resource) || NamespaceDefault(container.Pod, "defaultRequest", resource);

    /// <summary>Where a finding about missing resources points: the <c>resources</c> key when present, else the container's name.</summary>
    public static ManifestNode Anchor(WorkloadContainer container) =>
        (ManifestNode?)container.Node.KeyOf("resources") ?? container.NameNode;

    /// <summary>Whether a LimitRange of the input, in the pod's namespace, gives containers a default for the resource.</summary>
    private static bool NamespaceDefault(WorkloadPod pod, string field, string resource) =>
        pod.Index.OfKindIn("LimitRange", pod.Template.Namespace).Any(range =>
            range.Group == "" && (range.Spec?.SequenceAt("limits")?.Mappings() ?? []).Any(limit =>
                limit.StringAt("type") == "Container" && limit.StringAt(field, resource) is not null));
}
