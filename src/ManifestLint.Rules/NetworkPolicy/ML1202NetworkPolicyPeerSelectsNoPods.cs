using ManifestLint.Core.Engine;
using ManifestLint.Core.Model;

namespace ManifestLint.Rules.NetworkPolicy;

/// <summary>ML1202: an ingress from / egress to peer of a NetworkPolicy selects no pods. See rules/ML1202.md.</summary>
public sealed class ML1202NetworkPolicyPeerSelectsNoPods : ManifestAnalyzer
{
    public static readonly RuleDescriptor Rule = new(
        RuleIds.NetworkPolicyPeerSelectsNoPods,
        "NetworkPolicy peer selects no pods",
        "NetworkPolicy '{0}' {1} peer ({2}) selects no pods: no pod template in {3} matches{4}",
        RuleCategories.NetworkPolicy,
        Severity.Warning,
        Description: "A from/to peer admits traffic only from (to) the pods it selects. A peer that selects none admits nothing, so the traffic the rule was written for is dropped once the pods are isolated.",
        HelpText: "Make the peer's podSelector (and namespaceSelector) match the pods that should be allowed.",
        IsCrossResource: true);

    public override IReadOnlyList<RuleDescriptor> SupportedRules => [Rule];

    public override void Initialize(AnalysisContext context) => context.RegisterResourceAction(Analyze, "NetworkPolicy");

    private static void Analyze(ResourceAnalysisContext context)
    {
        if (context.Index.NetworkPolicyOf(context.Resource) is not { } policy)
        {
            return;
        }

        var resource = policy.Resource;
        foreach (var rule in policy.IngressRules.Concat(policy.EgressRules))
        {
            foreach (var peer in rule.Peers ?? [])
            {
                if (context.World.SelectPeer(resource, peer, policy.Namespace) is not { IsAbsent: true, Evidence: { } evidence })
                {
                    continue; // Selects something, or may select pods the input does not show.
                }

                var namespaces = peer.NamespaceSelector is null
                    ? [policy.Namespace]
                    : NamespaceLabels.PinnedNames(peer.NamespaceSelector)!.Order(StringComparer.Ordinal).ToList();
                var shownNamespaces = namespaces.Count == 0 ? "any namespace" : namespaces.Count == 1 ? $"namespace '{namespaces[0]}'" : "namespaces " + string.Join(", ", namespaces.Select(n => $"'{n}'"));
                var direction = rule.Direction == PolicyDirection.Ingress ? "ingress from" : "egress to";
                var at = peer.Node.KeyOf("podSelector") ?? peer.Node.KeyOf("namespaceSelector") ?? (Core.Yaml.ManifestNode)peer.Node;
                context.ReportMissing(Rule, resource, resource.LocationOf(at), evidence, [resource.Name, direction, peer, shownNamespaces],
                    "make the peer's selectors match the labels of the pods (and namespace) that should be allowed");
            }
        }
    }
}
