using ManifestLint.Core.Engine;
using ManifestLint.Rules.SingleObject;

namespace ManifestLint.Rules.Security;

/// <summary>ML4003: a container explicitly set to run as user 0. See rules/ML4003.md.</summary>
public sealed class ML4003RunsAsRootUser() : ContainerRule(Rule, ContainerScope.Running)
{
    public static readonly RuleDescriptor Rule = new(
        RuleIds.RunsAsRootUser,
        "Container runs as root",
        "{0} runs as root (runAsUser: 0{1}): a process that breaks out of the container is root on the node",
        RuleCategories.Security,
        Severity.Warning,
        Description: "User 0 in a container is user 0 on the host kernel. Any escape (a kernel bug, a writable host mount, a runtime flaw) then lands as root on the node, and inside the container root can modify the image's binaries and read every mounted secret.",
        HelpText: "Run as an unprivileged user: set runAsUser to a non-zero UID (and runAsNonRoot: true), and build the image with a USER.",
        SecuritySeverity: "7.0");

    protected override IEnumerable<Finding> Inspect(WorkloadContainer container)
    {
        if (container.EffectiveSecuritySetting("runAsUser") is not { } user || !user.TryGetInt32(out var uid) || uid != 0)
        {
            yield break;
        }

        var inherited = container.SecurityContext?.ScalarAt("runAsUser") is null ? ", from the pod's securityContext" : "";
        yield return Finding.At(user, container.Description, inherited);
    }
}
