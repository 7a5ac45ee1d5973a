using ManifestLint.Core.Engine;
using ManifestLint.Rules.SingleObject;

namespace ManifestLint.Rules.Security;

/// <summary>ML4002: a container that does not forbid privilege escalation. Opinionated, so off by default. See rules/ML4002.md.</summary>
public sealed class ML4002PrivilegeEscalationAllowed() : ContainerRule(Rule, ContainerScope.All)
{
    public static readonly RuleDescriptor Rule = new(
        RuleIds.PrivilegeEscalationAllowed,
        "Container allows privilege escalation",
        "{0} {1}: a setuid binary in the image can gain more privileges than the container started with",
        RuleCategories.Security,
        Severity.Warning,
        EnabledByDefault: false,
        Description: "Unless allowPrivilegeEscalation is false, the kernel's no_new_privs flag is not set, so setuid and setcap binaries (su, ping, a planted one) can raise a process's privileges inside the container. The restricted Pod Security level requires false.",
        HelpText: "Set securityContext.allowPrivilegeEscalation: false on the container.",
        SecuritySeverity: "5.5");

    protected override IEnumerable<Finding> Inspect(WorkloadContainer container)
    {
        if (container.IsPrivileged)
        {
            yield break; // A privileged container always escalates; ML4001 reports it.
        }

        switch (container.ContainerFlag("allowPrivilegeEscalation"))
        {
            case (false, _):
                yield break;
            case (true, var node):
                yield return Finding.At(node, container.Description, "sets allowPrivilegeEscalation: true");
                break;
            default:
                yield return Finding.At(container.NameNode, container.Description, "does not set allowPrivilegeEscalation: false");
                break;
        }
    }
}
