using System.Globalization;
using ManifestLint.Core.Engine;
using ManifestLint.Core.Model;

namespace ManifestLint.Rules.NetworkPolicy;

/// <summary>ML1204: a numeric NetworkPolicy port that no container of the destination pods declares. See rules/ML1204.md.</summary>
public sealed class ML1204NetworkPolicyPortNotDeclared : ManifestAnalyzer
{
    public static readonly RuleDescriptor Rule = new(
        RuleIds.NetworkPolicyPortNotDeclared,
        "NetworkPolicy port is not declared by the pods",
        "NetworkPolicy '{0}' {1} rule allows port {2}, but no container of the {3} pods declares it ({4})",
        RuleCategories.NetworkPolicy,
        Severity.Info,
        Description: "NetworkPolicy ports are container ports of the destination pods, not Service ports. A number that none of them declares often means the policy names the Service's port instead of the targetPort, and the intended traffic stays blocked.",
        HelpText: "Allow the container port the application listens on (the Service's targetPort), or declare it on the container.",
        IsCrossResource: true);

    public override IReadOnlyList<RuleDescriptor> SupportedRules => [Rule];

    public override void Initialize(AnalysisContext context) => context.RegisterResourceAction(Analyze, "NetworkPolicy");

    private static void Analyze(ResourceAnalysisContext context)
    {
        if (context.Index.NetworkPolicyOf(context.Resource) is not { } policy)
        {
            return;
        }

        foreach (var rule in policy.IngressRules.Concat(policy.EgressRules))
        {
            var numbered = (rule.Ports ?? []).Where(p => p is { IsValid: true, Number: not null, PortNode: not null }).ToList();
            if (numbered.Count == 0 || NetworkPolicyPorts.KnownDestinationPods(context.Index, policy, rule) is not { } pods)
            {
                continue;
            }

            if (pods.Any(p => !p.ServingPorts().Any()))
            {
                continue; // Declaring containerPort is optional: a pod that declares none may listen on any port.
            }

            foreach (var port in numbered)
            {
                var low = port.Number!.Value;
                var high = port.EndPort ?? low;
                if (pods.Any(pod => pod.ServingPorts().Any(x => x.Port.Number >= low && x.Port.Number <= high)))
                {
                    continue;
                }

                var shown = port.EndPort is { } end ? $"{low}-{end}" : low.ToString(CultureInfo.InvariantCulture);
                NetworkPolicyPorts.Report(context, Rule, policy, rule, port, pods, shown);
            }
        }
    }
}
