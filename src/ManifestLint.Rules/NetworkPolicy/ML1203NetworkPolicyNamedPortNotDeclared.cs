using ManifestLint.Core.Engine;
using ManifestLint.Core.Model;

namespace ManifestLint.Rules.NetworkPolicy;

/// <summary>ML1203: a NetworkPolicy port given by name that no destination pod declares. See rules/ML1203.md.</summary>
public sealed class ML1203NetworkPolicyNamedPortNotDeclared : ManifestAnalyzer
{
    public static readonly RuleDescriptor Rule = new(
        RuleIds.NetworkPolicyNamedPortNotDeclared,
        "NetworkPolicy named port is not declared by the pods",
        "NetworkPolicy '{0}' {1} rule allows port '{2}', but no container of the {3} pods declares a port with that name ({4})",
        RuleCategories.NetworkPolicy,
        Severity.Warning,
        Description: "A named port in a NetworkPolicy is resolved, per pod, among the container ports of the destination pods. A name that none of them declares matches no traffic, so the rule allows nothing.",
        HelpText: "Use a port name the destination containers declare, or the port number.",
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
            var named = (rule.Ports ?? []).Where(p => p is { IsValid: true, Name: not null, PortNode: not null }).ToList();
            if (named.Count == 0 || NetworkPolicyPorts.KnownDestinationPods(context.Index, policy, rule) is not { } pods)
            {
                continue; // Destination pods unknown (or none: ML1201/ML1202 say so).
            }

            foreach (var port in named.Where(p => !pods.Any(pod => pod.ServingPorts().Any(x => x.Port.Name == p.Name))))
            {
                NetworkPolicyPorts.Report(context, Rule, policy, rule, port, pods, port.Name!);
            }
        }
    }
}
