using ManifestLint.Core.Engine;
using ManifestLint.Rules.SingleObject;

namespace ManifestLint.Rules.Security;

/// <summary>ML4007: a container that adds a capability that amounts to root on the node. See rules/ML4007.md.</summary>
public sealed class ML4007DangerousCapabilityAdded() : ContainerRule(Rule, ContainerScope.Running)
{
    public static readonly RuleDescriptor Rule = new(
        RuleIds.DangerousCapabilityAdded,
        "Container adds a dangerous capability",
        "{0} adds capability {1}: {2}",
        RuleCategories.Security,
        Severity.Warning,
        Description: "Some Linux capabilities are root in all but name: SYS_ADMIN mounts file systems and escapes the container, SYS_MODULE loads kernel code, SYS_PTRACE reads other processes' memory, DAC_READ_SEARCH reads any file. A compromised container with one of them owns the node.",
        HelpText: "Remove the capability; if the workload needs it, document why and suppress the finding on that line.",
        SecuritySeverity: "8.0");

    /// <summary>The template's parameters: capabilities that break the container boundary, and how.</summary>
    private static readonly Dictionary<string, string> Dangerous = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ALL"] = "it gets every capability, the same as a privileged container without the devices",
        ["SYS_ADMIN"] = "it can mount file systems, use namespaces and BPF: a known container escape",
        ["SYS_MODULE"] = "it can load kernel modules, which run as the kernel",
        ["SYS_PTRACE"] = "it can trace and read the memory of other processes it can see",
        ["SYS_RAWIO"] = "it can read and write raw devices and I/O ports",
        ["SYS_BOOT"] = "it can reboot the node",
        ["DAC_READ_SEARCH"] = "it can read any file whatever its permissions, and open host files by handle (the 'shocker' escape)",
        ["DAC_OVERRIDE"] = "it can read and write any file whatever its permissions",
        ["NET_ADMIN"] = "it can reconfigure the pod's network: firewall rules, routes, interfaces, sniffing",
        ["BPF"] = "it can load BPF programs into the kernel",
        ["PERFMON"] = "it can read kernel and other processes' performance data",
        ["MAC_ADMIN"] = "it can change the AppArmor or SELinux policy that confines it",
        ["MAC_OVERRIDE"] = "it can bypass AppArmor or SELinux",
    };

    protected override IEnumerable<Finding> Inspect(WorkloadContainer container)
    {
        if (SystemNamespace.IsNodeAgent(container.Pod) || container.IsPrivileged)
        {
            yield break; // Node agents need it; a privileged container has them all and ML4001 says so.
        }

        foreach (var capability in container.Capabilities("add"))
        {
            var name = capability.Value.StartsWith("CAP_", StringComparison.OrdinalIgnoreCase) ? capability.Value[4..] : capability.Value;
            if (Dangerous.TryGetValue(name, out var power))
            {
                yield return Finding.At(capability, container.Description, capability.Value, power);
            }
        }
    }
}
