using ManifestLint.Core.Engine;
using ManifestLint.Rules.SingleObject;

namespace ManifestLint.Rules.Security;

/// <summary>ML4009: a container whose root filesystem is writable. Opinionated, so off by default. See rules/ML4009.md.</summary>
public sealed class ML4009RootFilesystemWritable() : ContainerRule(Rule, ContainerScope.Running)
{
    public static readonly RuleDescriptor Rule = new(
        RuleIds.RootFilesystemWritable,
        "Container root filesystem is writable",
        "{0} {1}: an attacker who gets code execution can replace the image's binaries and persist tools until the pod is replaced",
        RuleCategories.Security,
        Severity.Warning,
        EnabledByDefault: false,
        Description: "With a writable root filesystem a compromised process can modify the application's own files, drop tools and hide changes inside the container. A read-only root, with emptyDir volumes where the application writes, makes the image the only code that runs.",
        HelpText: "Set securityContext.readOnlyRootFilesystem: true and mount an emptyDir where the application writes (/tmp, caches).",
        SecuritySeverity: "4.0");

    protected override IEnumerable<Finding> Inspect(WorkloadContainer container)
    {
        switch (container.ContainerFlag("readOnlyRootFilesystem"))
        {
            case (true, _):
                yield break;
            case (false, var node):
                yield return Finding.At(node, container.Description, "sets readOnlyRootFilesystem: false");
                break;
            default:
                yield return Finding.At(container.NameNode, container.Description, "does not set readOnlyRootFilesystem: true");
                break;
        }
    }
}
