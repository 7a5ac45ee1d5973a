using ManifestLint.Core.Engine;
using ManifestLint.Core.Model;

namespace ManifestLint.Rules.NetworkPolicy;

/// <summary>The report ML1203 and ML1204 share: a policy port, the pods it applies to, and what they declare.</summary>
internal static class NetworkPolicyPorts
{
    /// <summary>
    /// The pods whose container ports a rule's ports name, when the input shows all of them and their containers; null
    /// otherwise (unknown destinations, or an operator's pods whose containers the input does not hold).
    /// </summary>
    public static IReadOnlyList<PodTemplate>? KnownDestinationPods(Core.Index.ManifestIndex index, Core.Model.NetworkPolicy policy, NetworkPolicyRule rule) =>
        policy.DestinationPods(index, rule) is { Count: > 0 } pods && pods.All(p => p.HasKnownContainers) ? pods : null;

    public static void Report(ResourceAnalysisContext context, RuleDescriptor rule, Core.Model.NetworkPolicy policy, NetworkPolicyRule policyRule,
        NetworkPolicyPort port, IReadOnlyList<PodTemplate> pods, string shownPort)
    {
        var resource = policy.Resource;
        var whose = policyRule.Direction == PolicyDirection.Ingress ? "selected" : "destination";
        var direction = policyRule.Direction == PolicyDirection.Ingress ? "an ingress" : "an egress";
        var declared = pods.SelectMany(p => p.ServingPorts()).Select(x => x.Port.ToString()).Distinct().ToList();
        var shownDeclared = declared.Count == 0 ? "they declare no ports" : "they declare " + string.Join(", ", declared.Take(8));
        var related = pods.Take(3)
            .Select(p => new RelatedLocation(p.Owner.LocationOf(p.Containers.FirstOrDefault(c => c.Ports.Count > 0)?.Node.KeyOf("ports") ?? (Core.Yaml.ManifestNode)p.Template),
                $"{p.Owner.Kind} '{p.Owner.Name}' declares {string.Join(", ", p.ServingPorts().Select(x => x.Port.ToString()).DefaultIfEmpty("no ports"))}"))
            .ToList();
        context.Report(rule, resource, resource.LocationOf(port.PortNode!), [resource.Name, direction, shownPort, whose, shownDeclared], related,
            "allow a container port of the destination pods (for traffic through a Service, its targetPort, not its port)");
    }
}
