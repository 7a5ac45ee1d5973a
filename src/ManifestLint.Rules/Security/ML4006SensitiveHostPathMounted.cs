using ManifestLint.Core.Engine;
using ManifestLint.Rules.SingleObject;

namespace ManifestLint.Rules.Security;

/// <summary>ML4006: a hostPath volume of a sensitive node path (container runtime sockets, /, /etc, /proc…). See rules/ML4006.md.</summary>
public sealed class ML4006SensitiveHostPathMounted() : PodRule(Rule)
{
    public static readonly RuleDescriptor Rule = new(
        RuleIds.SensitiveHostPathMounted,
        "Pod mounts a sensitive host path",
        "Volume '{0}' mounts the node's {1}: {2}",
        RuleCategories.Security,
        Severity.Warning,
        Description: "A hostPath volume gives the pod the node's own files. Container runtime sockets let it start privileged containers on the node; /, /etc, /root, /var/lib/kubelet hold credentials and configuration it can read or rewrite; /proc, /sys, /dev and /boot expose the kernel and the hardware.",
        HelpText: "Mount what the pod needs another way (a ConfigMap, a Secret, an emptyDir, a CSI volume); an agent that must read host files mounts the narrowest path, read-only.",
        SecuritySeverity: "8.8");

    /// <summary>The template's parameters: sensitive paths (the path itself and everything below it) and why.</summary>
    private static readonly (string Path, string Why)[] SensitivePaths =
    [
        ("/var/run/docker.sock", "the Docker socket, through which it can start a privileged container on the node"),
        ("/run/docker.sock", "the Docker socket, through which it can start a privileged container on the node"),
        ("/var/run/containerd", "the containerd socket directory, through which it can start a privileged container on the node"),
        ("/run/containerd", "the containerd socket directory, through which it can start a privileged container on the node"),
        ("/var/run/crio", "the CRI-O socket directory, through which it can start a privileged container on the node"),
        ("/run/crio", "the CRI-O socket directory, through which it can start a privileged container on the node"),
        ("/var/lib/kubelet", "the kubelet's directory, with every pod's secrets and the kubelet's credentials"),
        ("/var/lib/docker", "the container runtime's storage, with every container's files"),
        ("/var/lib/containerd", "the container runtime's storage, with every container's files"),
        ("/etc", "configuration directory /etc, with the node's credentials and the kubelet's configuration"),
        ("/root", "root's home directory, with its keys and credentials"),
        ("/proc", "/proc, the kernel's view of every process on the node"),
        ("/sys", "/sys, the kernel's and the hardware's settings"),
        ("/dev", "/dev, the node's devices, including its disks"),
        ("/boot", "/boot, the node's kernel and boot loader"),
    ];

    /// <summary>Public, read-mostly files under /etc that agents commonly mount: CA bundles and the time zone.</summary>
    private static readonly string[] HarmlessUnderEtc = ["/etc/ssl", "/etc/pki", "/etc/ca-certificates", "/etc/localtime", "/etc/timezone", "/etc/machine-id"];

    protected override IEnumerable<Finding> Inspect(WorkloadPod pod)
    {
        if (SystemNamespace.IsNodeAgent(pod))
        {
            yield break;
        }

        foreach (var volume in pod.Spec?.SequenceAt("volumes")?.Mappings() ?? [])
        {
            if (volume.ScalarAt("hostPath", "path") is not { IsNull: false } pathNode)
            {
                continue;
            }

            var path = Normalize(pathNode.Value);
            if (path == "/")
            {
                yield return Finding.At(pathNode, volume.StringAt("name"), "root filesystem /", "everything on the node, including its credentials and every pod's secrets");
                continue;
            }

            if (HarmlessUnderEtc.Any(h => IsAtOrBelow(path, h)))
            {
                continue;
            }

            if (SensitivePaths.FirstOrDefault(s => IsAtOrBelow(path, s.Path) || IsAtOrBelow(s.Path, path)) is { Path: not null } match)
            {
                yield return Finding.At(pathNode, volume.StringAt("name"), path, match.Why);
            }
        }
    }

    private static string Normalize(string path) => path.Length > 1 ? path.TrimEnd('/') : path;

    private static bool IsAtOrBelow(string path, string root) =>
        path == root || path.StartsWith(root + "/", StringComparison.Ordinal);
}
