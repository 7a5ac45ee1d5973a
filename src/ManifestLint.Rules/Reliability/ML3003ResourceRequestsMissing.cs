using ManifestLint.Core.Engine;
using ManifestLint.Rules.SingleObject;

namespace ManifestLint.Rules.Reliability;

/// <summary>ML3003: a running container that requests no CPU or no memory. Opinionated, so off by default. See rules/ML3003.md.</summary>
public sealed class ML3003ResourceRequestsMissing() : ContainerRule(Rule, ContainerScope.Running)
{
    public static readonly RuleDescriptor Rule = new(
        RuleIds.ResourceRequestsMissing,
        "Container has no resource requests",
        "{0} requests no {1}: the scheduler places it as if it needed none, and under pressure its pod is among the first evicted",
        RuleCategories.Reliability,
        Severity.Warning,
        EnabledByDefault: false,
        Description: "The scheduler places pods by their requests. A container that requests nothing lands on nodes that are already full, and a pod whose containers request nothing is BestEffort, the first class the kubelet evicts.",
        HelpText: "Set resources.requests.cpu and resources.requests.memory to what the container uses normally.");

    private static readonly string[] Resources = ["cpu", "memory"];

    protected override IEnumerable<Finding> Inspect(WorkloadContainer container)
    {
        var missing = Resources.Where(r => !ContainerResources.HasRequest(container, r)).ToList();
        if (missing.Count == 0)
        {
            yield break;
        }

        yield return Finding.At(ContainerResources.Anchor(container), container.Description, string.Join(" and no ", missing));
    }
}
