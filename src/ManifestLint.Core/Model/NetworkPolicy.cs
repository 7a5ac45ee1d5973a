using ManifestLint.Core.Index;
using ManifestLint.Core.Yaml;

namespace ManifestLint.Core.Model;

public enum PolicyDirection
{
    Ingress,
    Egress,
}

/// <summary>
/// A networking.k8s.io NetworkPolicy with the API's semantics. Questions whose answer depends on something the
/// input cannot know (an ipBlock against a pod IP, the labels of an undeclared namespace) answer null, so that
/// rules can stay quiet on them.
/// </summary>
public sealed class NetworkPolicy
{
    private NetworkPolicy(Resource resource, string @namespace, LabelSelector podSelector)
    {
        Resource = resource;
        Namespace = @namespace;
        PodSelector = podSelector;
        var spec = resource.Spec!;
        IngressRules = ReadRules(spec, "ingress", "from", PolicyDirection.Ingress);
        EgressRules = ReadRules(spec, "egress", "to", PolicyDirection.Egress);
        if (spec.SequenceAt("policyTypes") is { } types)
        {
            var values = types.Items.OfType<ScalarNode>().Select(t => t.Value).ToList();
            AffectsIngress = values.Contains("Ingress");
            AffectsEgress = values.Contains("Egress");
        }
        else
        {
            // The API's defaulting: every policy affects ingress, whether or not it has an ingress section;
            // a policy affects egress when it has an egress section.
            AffectsIngress = true;
            AffectsEgress = spec.Get("egress") is not null;
        }
    }

    public Resource Resource { get; }

    public string Namespace { get; }

    public LabelSelector PodSelector { get; }

    public bool AffectsIngress { get; }

    public bool AffectsEgress { get; }

    public IReadOnlyList<NetworkPolicyRule> IngressRules { get; }

    public IReadOnlyList<NetworkPolicyRule> EgressRules { get; }

    /// <summary>Whether the resource is a Kubernetes NetworkPolicy (networking.k8s.io, or the old extensions/v1beta1 with the same spec).</summary>
    public static bool IsNetworkPolicy(Resource resource) =>
        resource.Kind == "NetworkPolicy" && resource.Group is "networking.k8s.io" or "extensions" && resource.Namespace is not null;

    /// <summary>Reads a NetworkPolicy; null when it is another kind or its podSelector is missing or invalid.</summary>
    public static NetworkPolicy? TryRead(Resource resource)
    {
        if (!IsNetworkPolicy(resource) || resource.Namespace is not { } ns)
        {
            return null;
        }

        if (resource.Spec?.MappingAt("podSelector") is not { } selectorNode || LabelSelector.FromLabelSelector(selectorNode) is not { } selector)
        {
            return null;
        }

        return new NetworkPolicy(resource, ns, selector);
    }

    /// <summary>Whether the policy applies to pods of the template (same namespace, podSelector matches).</summary>
    public bool Selects(PodTemplate pod) => pod.Namespace == Namespace && PodSelector.Matches(pod.Labels);

    /// <summary>
    /// Whether some ingress rule admits traffic from <paramref name="source"/> to container port
    /// <paramref name="port"/>/<paramref name="protocol"/> of <paramref name="destination"/>; null when unknowable.
    /// </summary>
    public bool? AdmitsIngress(ManifestIndex index, PodTemplate source, PodTemplate destination, int port, string protocol) =>
        TriState.Any(IngressRules.Select(rule => rule.Admits(index, Namespace, source, destination, port, protocol)));

    /// <summary>
    /// The pods that traffic matched by the rule goes to, whose ports the rule's ports name: for an ingress rule,
    /// the pods the policy selects; for an egress rule, the pods its peers select. Null when the input cannot know
    /// them all (an egress rule to every destination, an ipBlock, a namespace outside the input).
    /// </summary>
    public IReadOnlyList<PodTemplate>? DestinationPods(ManifestIndex index, NetworkPolicyRule rule)
    {
        if (rule.Direction == PolicyDirection.Ingress)
        {
            return NamespaceLabels.HasClusterManagedPods(Namespace) ? null : index.SelectPods(Namespace, PodSelector);
        }

        if (rule.Peers is null)
        {
            return null;
        }

        var result = new List<PodTemplate>();
        foreach (var peer in rule.Peers)
        {
            if (peer.SelectedPods(index, Namespace) is not { } pods)
            {
                return null;
            }

            result.AddRange(pods);
        }

        return [.. result.Distinct()];
    }

    private static List<NetworkPolicyRule> ReadRules(MappingNode spec, string key, string peersKey, PolicyDirection direction)
    {
        var rules = new List<NetworkPolicyRule>();
        foreach (var rule in spec.SequenceAt(key)?.Mappings() ?? [])
        {
            // An absent or empty peer list means every source (destination); an absent or empty ports list, every port.
            var peers = rule.SequenceAt(peersKey) is { Count: > 0 } peerList ? peerList.Mappings().Select(NetworkPolicyPeer.Read).ToList() : null;
            var ports = rule.SequenceAt("ports") is { Count: > 0 } portList ? portList.Mappings().Select(NetworkPolicyPort.Read).ToList() : null;
            rules.Add(new NetworkPolicyRule(direction, rule, peers, ports));
        }

        return rules;
    }
}

/// <summary>One ingress or egress rule. <see cref="Peers"/> null means every peer; <see cref="Ports"/> null, every port.</summary>
public sealed record NetworkPolicyRule(PolicyDirection Direction, MappingNode Node, IReadOnlyList<NetworkPolicyPeer>? Peers, IReadOnlyList<NetworkPolicyPort>? Ports)
{
    public bool? AdmitsPeer(ManifestIndex index, string policyNamespace, PodTemplate pod) =>
        Peers is null ? true : TriState.Any(Peers.Select(p => p.Admits(index, policyNamespace, pod)));

    /// <summary>Whether the rule's ports cover container port <paramref name="port"/> of <paramref name="destination"/>.</summary>
    public bool? CoversPort(PodTemplate destination, int port, string protocol) =>
        Ports is null ? true : TriState.Any(Ports.Select(p => p.Covers(destination, port, protocol)));

    public bool? Admits(ManifestIndex index, string policyNamespace, PodTemplate peer, PodTemplate destination, int port, string protocol) =>
        CoversPort(destination, port, protocol) switch
        {
            false => false,
            true => AdmitsPeer(index, policyNamespace, peer),
            null => AdmitsPeer(index, policyNamespace, peer) == false ? false : null,
        };
}

/// <summary>
/// A <c>from</c>/<c>to</c> peer. A podSelector alone means pods of the policy's namespace; with a
/// namespaceSelector, pods of the selected namespaces; a namespaceSelector alone, every pod there.
/// </summary>
public sealed record NetworkPolicyPeer(MappingNode Node, LabelSelector? PodSelector, LabelSelector? NamespaceSelector, bool IsIpBlock, bool IsValid)
{
    public static NetworkPolicyPeer Read(MappingNode node)
    {
        var podNode = node.MappingAt("podSelector");
        var namespaceNode = node.MappingAt("namespaceSelector");
        var podSelector = podNode is null ? null : LabelSelector.FromLabelSelector(podNode);
        var namespaceSelector = namespaceNode is null ? null : LabelSelector.FromLabelSelector(namespaceNode);
        var isIpBlock = node.Get("ipBlock") is not null;

        // Exactly one of ipBlock or the selectors, each parseable: anything else the API rejects, and rules ignore.
        var valid = isIpBlock
            ? podNode is null && namespaceNode is null
            : (podNode is not null || namespaceNode is not null) && (podNode is null || podSelector is not null) && (namespaceNode is null || namespaceSelector is not null);
        return new NetworkPolicyPeer(node, podSelector, namespaceSelector, isIpBlock, valid);
    }

    /// <summary>Whether the peer admits pods of the template; null for ipBlocks and for namespace labels the input does not know.</summary>
    public bool? Admits(ManifestIndex index, string policyNamespace, PodTemplate pod)
    {
        if (!IsValid || IsIpBlock)
        {
            return null;
        }

        if (PodSelector is not null && !PodSelector.Matches(pod.Labels))
        {
            return false;
        }

        return NamespaceSelector is null ? pod.Namespace == policyNamespace : NamespaceLabels.Matches(index, NamespaceSelector, pod.Namespace);
    }

    /// <summary>
    /// Every pod template the peer selects, when the input holds all of them: the candidate namespaces are the
    /// policy's own or those a namespaceSelector pins by name, and each must have workloads in the input.
    /// Null when the peer may select pods the input does not show.
    /// </summary>
    public IReadOnlyList<PodTemplate>? SelectedPods(ManifestIndex index, string policyNamespace)
    {
        if (!IsValid || IsIpBlock)
        {
            return null;
        }

        IEnumerable<string> candidates;
        if (NamespaceSelector is null)
        {
            // The policy's own namespace: the index's shared answer as it is, not a copy per peer (a thousand policies
            // admitting "team: platform" would otherwise copy the namespace's pods a thousand times).
            return index.PodTemplatesIn(policyNamespace).Count == 0 || NamespaceLabels.HasClusterManagedPods(policyNamespace) ? null
                : PodSelector is null ? index.PodTemplatesIn(policyNamespace) : index.SelectPods(policyNamespace, PodSelector);
        }

        if (NamespaceLabels.PinnedNames(NamespaceSelector) is { } pinned)
        {
            candidates = pinned.Order(StringComparer.Ordinal);
        }
        else
        {
            return null;
        }

        var result = new List<PodTemplate>();
        foreach (var ns in candidates)
        {
            if (index.PodTemplatesIn(ns).Count == 0 || NamespaceLabels.HasClusterManagedPods(ns))
            {
                return null; // The input does not hold this namespace's workloads (all of them).
            }

            var pods = PodSelector is null ? index.PodTemplatesIn(ns) : index.SelectPods(ns, PodSelector);
            if (pods.Count == 0)
            {
                continue;
            }

            var namespaceMatches = NamespaceSelector is null ? true : NamespaceLabels.Matches(index, NamespaceSelector, ns);
            if (namespaceMatches is null)
            {
                return null;
            }

            if (namespaceMatches == true)
            {
                result.AddRange(pods);
            }
        }

        return result;
    }

    public override string ToString()
    {
        if (IsIpBlock)
        {
            return "ipBlock " + (Node.StringAt("ipBlock", "cidr") ?? "?");
        }

        var pods = PodSelector is null ? "all pods" : PodSelector.IsEmpty ? "all pods" : $"pods {PodSelector}";
        return NamespaceSelector is null ? pods
            : NamespaceSelector.IsEmpty ? $"{pods} in all namespaces"
            : $"{pods} in namespaces {NamespaceSelector}";
    }
}

/// <summary>A rule's port: a number (optionally up to <see cref="EndPort"/>), a container port name, or every port of the protocol.</summary>
public sealed record NetworkPolicyPort(string Protocol, int? Number, string? Name, int? EndPort, MappingNode Node, bool IsValid)
{
    /// <summary>The <c>port</c> value, for locations.</summary>
    public ScalarNode? PortNode => Node.ScalarAt("port");

    public static NetworkPolicyPort Read(MappingNode node)
    {
        var protocol = node.StringAt("protocol") ?? "TCP";
        int? endPort = node.ScalarAt("endPort") is { } end && end.TryGetInt32(out var e) ? e : null;
        if (node.ScalarAt("port") is not { IsNull: false } port)
        {
            return new NetworkPolicyPort(protocol, null, null, endPort, node, node.Get("port") is null);
        }

        if (port.TryGetInt32(out var number))
        {
            return new NetworkPolicyPort(protocol, number, null, endPort, node, true);
        }

        // A named port must contain a letter (IANA service name); digits in quotes are rejected by the API.
        var valid = port.Value.Any(char.IsLetter);
        return new NetworkPolicyPort(protocol, null, port.Value, endPort, node, valid);
    }

    /// <summary>
    /// Whether traffic to container port <paramref name="port"/> of pods of <paramref name="destination"/> is
    /// covered. A name covers the port when a container of the destination declares that name for that number.
    /// Null for a port entry the API would reject.
    /// </summary>
    public bool? Covers(PodTemplate destination, int port, string protocol)
    {
        if (!IsValid)
        {
            return null;
        }

        if (Protocol != protocol)
        {
            return false;
        }

        if (Number is { } number)
        {
            return port >= number && port <= (EndPort ?? number);
        }

        if (Name is { } name)
        {
            return destination.ServingPorts().Any(p => p.Port.Name == name && p.Port.Number == port && p.Port.Protocol == protocol);
        }

        return true;
    }

    public override string ToString() =>
        (Number, Name, EndPort) switch
        {
            ({ } n, _, { } end) => $"{n}-{end}/{Protocol}",
            ({ } n, _, _) => $"{n}/{Protocol}",
            (_, { } name, _) => $"'{name}'/{Protocol}",
            _ => $"all {Protocol} ports",
        };
}

/// <summary>Three-valued logic for questions the input may not be able to answer (null = unknown).</summary>
public static class TriState
{
    /// <summary>True when any is true; otherwise null when any is unknown; otherwise false (false for none).</summary>
    public static bool? Any(IEnumerable<bool?> values)
    {
        var unknown = false;
        foreach (var value in values)
        {
            if (value == true)
            {
                return true;
            }

            unknown |= value is null;
        }

        return unknown ? null : false;
    }
}
