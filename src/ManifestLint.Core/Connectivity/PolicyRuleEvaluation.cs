using ManifestLint.Core.Model;

namespace ManifestLint.Core.Connectivity;

/// <summary>
/// One ingress or egress rule of a NetworkPolicy, resolved once against the input: the workloads and address
/// ranges its peers admit, whether it admits a pod the input does not show, and the ports it opens on a
/// destination. Resolving a rule costs its selectors' lookups in the index, once per rule, not once per pair.
/// </summary>
internal sealed class PolicyRuleEvaluation
{
    private readonly IReadOnlyList<NetworkPolicyPort>? _ports;
    private readonly ConnectionSet? _portsWithoutNames;

    private PolicyRuleEvaluation(
        bool admitsEveryPeer,
        IReadOnlySet<Workload> admittedWorkloads,
        IReadOnlyList<Ipv4Range> admittedAddresses,
        bool admitsUnknownInClusterPod,
        IReadOnlyList<NetworkPolicyPort>? ports)
    {
        AdmitsEveryPeer = admitsEveryPeer;
        AdmittedWorkloads = admittedWorkloads;
        AdmittedAddresses = admittedAddresses;
        AdmitsUnknownInClusterPod = admitsUnknownInClusterPod;
        _ports = ports;

        // Most rules name no port by name: their ports are the same for every destination, computed once.
        if (ports is null || ports.All(p => p.Name is null))
        {
            _portsWithoutNames = PortsOn(null);
        }
    }

    /// <summary>A rule without peers admits every source (destination): workloads, External and unseen pods alike.</summary>
    public bool AdmitsEveryPeer { get; }

    /// <summary>Workloads a podSelector/namespaceSelector peer selects (ipBlocks never select a workload, whatever its IP).</summary>
    public IReadOnlySet<Workload> AdmittedWorkloads { get; }

    /// <summary>The addresses of its ipBlock peers, excepts removed.</summary>
    public IReadOnlyList<Ipv4Range> AdmittedAddresses { get; }

    /// <summary>Whether a pod the input does not show, unlabelled, in a namespace of its own, is admitted (the ingress controller).</summary>
    public bool AdmitsUnknownInClusterPod { get; }

    public static PolicyRuleEvaluation Resolve(NetworkPolicyRule rule, string policyNamespace, WorkloadCatalog catalog, NamespaceLabelView namespaces)
    {
        if (rule.Peers is null)
        {
            return new PolicyRuleEvaluation(true, new HashSet<Workload>(), [], true, rule.Ports);
        }

        var workloads = new HashSet<Workload>();
        var addresses = new List<Ipv4Range>();
        var admitsUnknown = false;
        foreach (var peer in rule.Peers.Where(p => p.IsValid))
        {
            if (peer.IsIpBlock)
            {
                addresses.AddRange(peer.Node.MappingAt("ipBlock") is { } block ? Ipv4Range.OfIpBlock(block) : []);
                continue;
            }

            // A podSelector alone means the policy's namespace; a namespaceSelector, every namespace it selects.
            var candidateNamespaces = peer.NamespaceSelector is { } namespaceSelector
                ? namespaces.WithWorkloads.Where(ns => namespaceSelector.Matches(namespaces.LabelsOf(ns)))
                : [policyNamespace];
            foreach (var ns in candidateNamespaces)
            {
                var templates = peer.PodSelector is { } podSelector ? catalog.Index.SelectPods(ns, podSelector) : catalog.Index.PodTemplatesIn(ns);
                workloads.UnionWith(catalog.Of(templates));
            }

            admitsUnknown |= peer.NamespaceSelector is { } selector && selector.Matches(NamespaceLabelView.UnknownNamespaceLabels)
                && (peer.PodSelector is null || peer.PodSelector.Matches(NamespaceLabelView.NoLabels));
        }

        return new PolicyRuleEvaluation(false, workloads, addresses, admitsUnknown, rule.Ports);
    }

    /// <summary>Whether the rule admits every address of <paramref name="range"/>; pieces of the partition are never half inside an ipBlock.</summary>
    public bool AdmitsAddresses(Ipv4Range range) => AdmitsEveryPeer || AdmittedAddresses.Any(a => a.Contains(range));

    /// <summary>The connections the rule opens to pods of <paramref name="destination"/>; named ports resolve in its containers.</summary>
    public ConnectionSet PortsOn(Workload? destination)
    {
        if (_portsWithoutNames is { } fixedPorts)
        {
            return fixedPorts;
        }

        if (_ports is null)
        {
            return ConnectionSet.All;
        }

        var result = ConnectionSet.None;
        foreach (var port in _ports)
        {
            if (!port.IsValid || ConnectionSet.ParseProtocol(port.Protocol) is not { } protocol)
            {
                continue; // The API rejects it; it opens nothing.
            }

            var numbers = port switch
            {
                { Number: { } first, EndPort: { } last } => PortSet.Range(first, last),
                { Number: { } single } => PortSet.Single(single),
                // A name opens the destination's port of that name and protocol; on an address outside, nothing.
                { Name: { } name } => destination?.NamedPort(name, port.Protocol) ?? PortSet.Empty,
                _ => PortSet.All,
            };
            result = result.Union(ConnectionSet.Of(protocol, numbers));
        }

        return result;
    }
}

/// <summary>
/// Namespace labels as a namespaceSelector sees them: the declared Namespace object's labels (when the input has
/// it), plus the automatic <c>kubernetes.io/metadata.name</c>. A namespace that is used but not declared exists with
/// that label alone.
/// </summary>
internal sealed class NamespaceLabelView(WorkloadCatalog catalog)
{
    /// <summary>The namespace that stands for "somewhere the input does not show" (where an ingress controller runs).</summary>
    public const string UnknownNamespace = "ingress-controller-ns";

    public static IReadOnlyDictionary<string, string> NoLabels { get; } = new Dictionary<string, string>();

    public static IReadOnlyDictionary<string, string> UnknownNamespaceLabels { get; } =
        new Dictionary<string, string> { [NamespaceLabels.NameLabel] = UnknownNamespace };

    private readonly Dictionary<string, IReadOnlyDictionary<string, string>> _labels = new(StringComparer.Ordinal);

    /// <summary>Namespaces that hold workloads, in order: the only ones a selector can admit pods from.</summary>
    public IReadOnlyList<string> WithWorkloads { get; } =
        [.. catalog.Workloads.Select(w => w.Namespace).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    public IReadOnlyDictionary<string, string> LabelsOf(string @namespace)
    {
        if (!_labels.TryGetValue(@namespace, out var labels))
        {
            var declared = catalog.Index.NamespaceObject(@namespace)?.Labels ?? NoLabels;
            _labels[@namespace] = labels = new Dictionary<string, string>(declared, StringComparer.Ordinal) { [NamespaceLabels.NameLabel] = @namespace };
        }

        return labels;
    }
}
