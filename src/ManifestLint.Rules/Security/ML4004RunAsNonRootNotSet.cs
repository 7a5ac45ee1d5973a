using ManifestLint.Core.Engine;
using ManifestLint.Rules.SingleObject;

namespace ManifestLint.Rules.Security;

/// <summary>ML4004: a container that may run as root because nothing requires otherwise. Opinionated, so off by default. See rules/ML4004.md.</summary>
public sealed class ML4004RunAsNonRootNotSet() : ContainerRule(Rule, ContainerScope.All)
{
    public static readonly RuleDescriptor Rule = new(
        RuleIds.RunAsNonRootNotSet,
        "Container is not required to run as non-root",
        "{0} sets neither runAsNonRoot: true nor a non-zero runAsUser, so it runs as whatever user the image names, often root",
        RuleCategories.Security,
        Severity.Warning,
        EnabledByDefault: false,
        Description: "Without runAsNonRoot: true (or an explicit non-zero runAsUser) on the container or its pod, the image's USER decides, and most images run as root. The kubelet refuses to start a root container only when runAsNonRoot is true.",
        HelpText: "Set securityContext.runAsNonRoot: true on the pod (and a non-zero runAsUser when the image has no numeric USER).",
        SecuritySeverity: "5.0");

    protected override IEnumerable<Finding> Inspect(WorkloadContainer container)
    {
        if (container.EffectiveSecuritySetting("runAsNonRoot")?.AsBoolean() == true)
        {
            yield break;
        }

        if (container.EffectiveSecuritySetting("runAsUser") is not null)
        {
            yield break; // A non-zero user is not root; user 0 is ML4003's.
        }

        yield return Finding.At(container.NameNode, container.Description);
    }
}
