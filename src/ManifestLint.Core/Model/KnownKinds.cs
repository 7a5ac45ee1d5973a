using ManifestLint.Core.Yaml;

namespace ManifestLint.Core.Model;

/// <summary>Facts about built-in Kubernetes kinds that the loader and index need.</summary>
public static class KnownKinds
{
    /// <summary>Kinds that have no namespace. Custom resources declare their scope in their CRD.</summary>
    private static readonly HashSet<string> ClusterScoped = new(StringComparer.Ordinal)
    {
        "Namespace", "Node", "PersistentVolume", "ClusterRole", "ClusterRoleBinding", "StorageClass", "IngressClass",
        "CustomResourceDefinition", "PriorityClass", "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration",
        "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding", "MutatingAdmissionPolicy", "MutatingAdmissionPolicyBinding",
        "APIService", "CSIDriver", "CSINode", "RuntimeClass", "VolumeAttachment", "PodSecurityPolicy", "ComponentStatus",
        "CertificateSigningRequest", "FlowSchema", "PriorityLevelConfiguration", "VolumeSnapshotClass", "VolumeSnapshotContent",
        "GatewayClass", "ClusterIssuer", "ClusterSecretStore", "ClusterExternalSecret", "IPAddress", "ServiceCIDR",
        "DeviceClass", "ResourceSlice", "StorageVersionMigration", "ClusterTrustBundle",
    };

    public static bool IsClusterScopedBuiltIn(string kind) => ClusterScoped.Contains(kind);

    /// <summary>
    /// The kinds each built-in API group serves, as objects with a name: Kubernetes 1.35's OpenAPI documents and 1.36's
    /// additions (shared/kubernetes-api/derived/kinds-by-version.json), without the nameless request kinds (TokenReview,
    /// SubjectAccessReview…) and subresource kinds (Scale, Eviction), plus the kinds of groups removed since (extensions,
    /// policy's PodSecurityPolicy) that old manifests still use. A file whose object is of another kind is some tool's
    /// configuration (IstioOperator, kube-scheduler's Policy, skaffold's Config) unless a CRD in the file declares it.
    /// </summary>
    private static readonly Dictionary<string, HashSet<string>> BuiltInKindsByGroup = new(StringComparer.Ordinal)
    {
        [""] = Kinds("Binding", "ComponentStatus", "ConfigMap", "Endpoints", "Event", "LimitRange", "Namespace", "Node", "PersistentVolume",
            "PersistentVolumeClaim", "Pod", "PodTemplate", "ReplicationController", "ResourceQuota", "Secret", "Service", "ServiceAccount"),
        ["admissionregistration.k8s.io"] = Kinds("MutatingAdmissionPolicy", "MutatingAdmissionPolicyBinding", "MutatingWebhookConfiguration",
            "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding", "ValidatingWebhookConfiguration"),
        ["apiextensions.k8s.io"] = Kinds("CustomResourceDefinition"),
        ["apiregistration.k8s.io"] = Kinds("APIService"),
        ["apps"] = Kinds("ControllerRevision", "DaemonSet", "Deployment", "ReplicaSet", "StatefulSet"),
        ["autoscaling"] = Kinds("HorizontalPodAutoscaler"),
        ["batch"] = Kinds("CronJob", "Job"),
        ["certificates.k8s.io"] = Kinds("CertificateSigningRequest", "ClusterTrustBundle", "PodCertificateRequest"),
        ["coordination.k8s.io"] = Kinds("Lease", "LeaseCandidate"),
        ["discovery.k8s.io"] = Kinds("EndpointSlice"),
        ["events.k8s.io"] = Kinds("Event"),
        ["extensions"] = Kinds("DaemonSet", "Deployment", "Ingress", "NetworkPolicy", "PodSecurityPolicy", "ReplicaSet"),
        ["flowcontrol.apiserver.k8s.io"] = Kinds("FlowSchema", "PriorityLevelConfiguration"),
        ["internal.apiserver.k8s.io"] = Kinds("StorageVersion"),
        ["networking.k8s.io"] = Kinds("IPAddress", "Ingress", "IngressClass", "NetworkPolicy", "ServiceCIDR"),
        ["node.k8s.io"] = Kinds("RuntimeClass"),
        ["policy"] = Kinds("PodDisruptionBudget", "PodSecurityPolicy"),
        ["rbac.authorization.k8s.io"] = Kinds("ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding"),
        ["resource.k8s.io"] = Kinds("DeviceClass", "DeviceTaintRule", "ResourceClaim", "ResourceClaimTemplate", "ResourcePoolStatusRequest", "ResourceSlice"),
        ["scheduling.k8s.io"] = Kinds("PodGroup", "PriorityClass", "Workload"),
        ["storage.k8s.io"] = Kinds("CSIDriver", "CSINode", "CSIStorageCapacity", "StorageClass", "VolumeAttachment", "VolumeAttributesClass"),
        ["storagemigration.k8s.io"] = Kinds("StorageVersionMigration"),
    };

    private static HashSet<string> Kinds(params string[] kinds) => new(kinds, StringComparer.Ordinal);

    /// <summary>Whether Kubernetes itself serves this kind in this API group ("" is the core group of apiVersion v1).</summary>
    public static bool IsBuiltIn(string group, string kind) => BuiltInKindsByGroup.TryGetValue(group, out var kinds) && kinds.Contains(kind);

    /// <summary>Whether the group is one of Kubernetes' own, whatever the kind.</summary>
    public static bool IsBuiltInGroup(string group) => BuiltInKindsByGroup.ContainsKey(group);

    /// <summary>Whether some built-in group serves a kind of this name (for an object that omits its apiVersion).</summary>
    public static bool IsBuiltInKindOfAnyGroup(string kind) => BuiltInKindsByGroup.Values.Any(kinds => kinds.Contains(kind));

    /// <summary>The API group of an apiVersion: "" for the core group ("v1"), "apps" for "apps/v1".</summary>
    public static string GroupOf(string apiVersion)
    {
        var slash = apiVersion.IndexOf('/');
        return slash < 0 ? "" : apiVersion[..slash];
    }

    /// <summary>The group and kind a CustomResourceDefinition declares; null when it does not say both.</summary>
    public static (string Group, string Kind)? DeclaredBy(MappingNode customResourceDefinition) =>
        customResourceDefinition.StringAt("spec", "group") is { } group && customResourceDefinition.StringAt("spec", "names", "kind") is { } kind
            ? (group, kind)
            : null;

    /// <summary>List kinds whose <c>items</c> are expanded into resources (kind: List, ServiceList, …).</summary>
    public static bool IsListKind(string kind) => kind.Length > 4 && kind.EndsWith("List", StringComparison.Ordinal) || kind == "List";
}
