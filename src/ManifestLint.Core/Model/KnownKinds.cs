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

    /// <summary>List kinds whose <c>items</c> are expanded into resources (kind: List, ServiceList, …).</summary>
    public static bool IsListKind(string kind) => kind.Length > 4 && kind.EndsWith("List", StringComparison.Ordinal) || kind == "List";
}
