using ManifestLint.Core.Engine;
using ManifestLint.Core.Yaml;
using ManifestLint.Rules.SingleObject;

namespace ManifestLint.Rules.Security;

/// <summary>ML4008: a container that keeps the default NET_RAW capability. Opinionated, so off by default. See rules/ML4008.md.</summary>
public sealed class ML4008NetRawNotDropped() : ContainerRule(Rule, ContainerScope.Running)
{
    public static readonly RuleDescriptor Rule = new(
        RuleIds.NetRawNotDropped,
        "Container keeps the NET_RAW capability",
        "{0} does not drop NET_RAW (or ALL): it can forge packets and spoof other pods on the node's network",
        RuleCategories.Security,
        Severity.Warning,
        EnabledByDefault: false,
        Description: "Container runtimes grant NET_RAW by default. It lets a process craft raw packets: ARP and DNS spoofing of other pods on the same node, and several kernel exploits start from it. Few applications need it (ping does, and works without it on current kernels).",
        HelpText: "Add capabilities: {drop: [ALL]} to the container's securityContext (or at least drop NET_RAW).",
        SecuritySeverity: "4.5");

    protected override IEnumerable<Finding> Inspect(WorkloadContainer container)
    {
        if (container.IsPrivileged || container.Capabilities("drop").Any(c => c.Value is "ALL" or "NET_RAW" or "CAP_NET_RAW"))
        {
            yield break;
        }

        yield return Finding.At((ManifestNode?)container.SecurityContext?.KeyOf("capabilities") ?? container.NameNode, container.Description);
    }
}
