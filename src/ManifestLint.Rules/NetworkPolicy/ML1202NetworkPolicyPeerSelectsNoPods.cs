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
                if (peer.SelectedPods(context.Index, policy.Namespace) is not { Count: 0 })
                {
                    continue; // Selects something, or may select pods the input does not show.
                }

                var namespaces = peer.NamespaceSelector is null
                    ? [policy.Namespace]
                    : NamespaceLabels.PinnedNames(peer.NamespaceSelector)!.Order(StringComparer.Ordinal).ToList();
                var shownNamespaces = namespaces.Count == 0 ? "any namespace (the namespaceSelector's names contradict each other)"
                    : namespaces.Count == 1 ? $"namespace '{namespaces[0]}'"
                    : "namespaces " + string.Join(", ", namespaces.Select(n => $"'{n}'"));
                var (detail, related) = Explain(context, peer, namespaces);
                var direction = rule.Direction == PolicyDirection.Ingress ? "ingress from" : "egress to";
                var at = peer.Node.KeyOf("podSelector") ?? peer.Node.KeyOf("namespaceSelector") ?? (Core.Yaml.ManifestNode)peer.Node;
                context.Report(Rule, resource, resource.LocationOf(at), [resource.Name, direction, peer, shownNamespaces, detail], related,
                    "make the peer's selectors match the labels of the pods (and namespace) that should be allowed");
            }
        }
    }

    /// <summary>Why nothing matches: the closest pod template, or a declared Namespace whose labels the namespaceSelector misses.</summary>
    private static (string Detail, List<RelatedLocation> Related) Explain(ResourceAnalysisContext context, NetworkPolicyPeer peer, IReadOnlyList<string> namespaces)
    {
        var related = new List<RelatedLocation>();
        foreach (var ns in namespaces)
        {
            if (peer.NamespaceSelector is { } namespaceSelector && NamespaceLabels.Matches(context.Index, namespaceSelector, ns) == false &&
                context.Index.NamespaceObject(ns) is { } declared)
            {
                related.Add(new RelatedLocation(declared.Location, $"Namespace '{ns}' has {Format(declared.Labels)}"));
                return ($"; Namespace '{ns}' does not match the namespaceSelector {namespaceSelector}", related);
            }

            if (peer.PodSelector is { } podSelector && SelectorNearMiss.Closest(podSelector, context.Index, ns) is { } near)
            {
                related.Add(new RelatedLocation(near.Owner.LocationOf(near.LabelsNode), $"{near.Owner.Kind} '{near.Owner.Name}' pod labels"));
                return ($"; {near.Owner.Kind} '{near.Owner.Name}' comes closest but lacks {string.Join(", ", podSelector.Unmet(near.Labels))}", related);
            }
        }

        return ("", related);
    }

    private static string Format(IReadOnlyDictionary<string, string> labels) =>
        labels.Count == 0 ? "no labels" : string.Join(", ", labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));
}
