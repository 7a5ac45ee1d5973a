using ManifestLint.Core.Engine;
using ManifestLint.Rules.SingleObject;

namespace ManifestLint.Rules.Security;

/// <summary>ML4001: a container that runs privileged. See rules/ML4001.md.</summary>
public sealed class ML4001PrivilegedContainer() : ContainerRule(Rule, ContainerScope.All)
{
    public static readonly RuleDescriptor Rule = new(
        RuleIds.PrivilegedContainer,
        "Container runs privileged",
        "{0} runs privileged: it has every capability and every host device, so whoever controls it controls the node",
        RuleCategories.Security,
        Severity.Warning,
        Description: "A privileged container runs with all Linux capabilities, no seccomp or AppArmor confinement and access to the host's devices. Escaping to the node is a matter of mounting its disk; a compromise of the application becomes a compromise of the node and of every pod on it.",
        HelpText: "Remove privileged: true and add only the capabilities the container needs; node agents that really need it belong in a namespace with the privileged Pod Security level.",
        SecuritySeverity: "9.0");

    protected override IEnumerable<Finding> Inspect(WorkloadContainer container)
    {
        if (SystemNamespace.IsNodeAgent(container.Pod) || container.ContainerFlag("privileged") is not (true, var node))
        {
            yield break;
        }

        yield return Finding.At(node, container.Description);
    }
}
