using ManifestLint.Core.Engine;
using ManifestLint.Rules.SingleObject;

namespace ManifestLint.Rules.Reliability;

/// <summary>ML3002: a running container without a memory limit. See rules/ML3002.md.</summary>
public sealed class ML3002MemoryLimitMissing() : ContainerRule(Rule, ContainerScope.Running)
{
    public static readonly RuleDescriptor Rule = new(
        RuleIds.MemoryLimitMissing,
        "Container has no memory limit",
        "{0} has no memory limit: a leak or a load spike grows it until the node runs out of memory and the kernel kills processes of other pods",
        RuleCategories.Reliability,
        Severity.Warning,
        Description: "Without resources.limits.memory a container may use all the memory of its node. When the node runs out, the kubelet evicts pods and the kernel's OOM killer picks processes, often of healthy neighbours, instead of restarting the one container that grew.",
        HelpText: "Set resources.limits.memory (and a request) to what the container needs at peak, or give the namespace a LimitRange with a default.");

    protected override IEnumerable<Finding> Inspect(WorkloadContainer container)
    {
        if (ContainerResources.HasLimit(container, "memory"))
        {
            yield break;
        }

        yield return Finding.At(ContainerResources.Anchor(container), container.Description);
    }
}
