namespace ManifestLint.Rules.SingleObject;

/// <summary>
/// Node-level components (CNI and CSI plugins, kube-proxy, log and metrics agents) need host access by design and
/// are installed in kube-system, which Pod Security admission leaves privileged. The host-access rules stay quiet
/// there: a finding would describe what the component is for.
/// </summary>
public static class SystemNamespace
{
    public const string Name = "kube-system";

    public static bool IsNodeAgent(WorkloadPod pod) => pod.Template.Namespace == Name;
}
