using ManifestLint.Core.Engine;
using ManifestLint.Rules.SingleObject;

namespace ManifestLint.Rules.Security;

/// <summary>ML4005: a pod that shares the node's network, process or IPC namespace. See rules/ML4005.md.</summary>
public sealed class ML4005HostNamespaceShared() : PodRule(Rule)
{
    public static readonly RuleDescriptor Rule = new(
        RuleIds.HostNamespaceShared,
        "Pod shares a host namespace",
        "{0} '{1}' sets {2}: {3}",
        RuleCategories.Security,
        Severity.Warning,
        Description: "hostNetwork, hostPID and hostIPC remove the isolation between the pod and its node: the pod sees (and can reach) the node's network interfaces and localhost services, every process on the node, or its shared memory.",
        HelpText: "Remove the setting; a pod that needs a node port can use a Service (NodePort) or a hostPort instead of the whole host network.",
        SecuritySeverity: "8.0");

    /// <summary>The template's parameters: each pod-level switch and what it gives away.</summary>
    private static readonly (string Key, string Consequence)[] HostNamespaces =
    [
        ("hostNetwork", "the pod uses the node's network stack, so it can bind the node's ports and reach services that listen only on the node's localhost (the kubelet, cloud metadata)"),
        ("hostPID", "the pod sees every process of the node and, as root, can read their memory and environment (other pods' secrets) or signal them"),
        ("hostIPC", "the pod shares the node's System V IPC and shared memory, where other processes' data can be read and written"),
    ];

    protected override IEnumerable<Finding> Inspect(WorkloadPod pod)
    {
        if (SystemNamespace.IsNodeAgent(pod) || pod.Spec is not { } spec)
        {
            yield break;
        }

        foreach (var (key, consequence) in HostNamespaces)
        {
            if (spec.ScalarAt(key)?.AsBoolean() == true)
            {
                yield return Finding.At(spec.KeyOf(key)!, pod.OwnerKind, pod.Owner.Name, $"{key}: true", consequence);
            }
        }
    }
}
