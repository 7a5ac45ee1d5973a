using ManifestLint.Core.Index;

namespace ManifestLint.Core.Connectivity;

/// <summary>One allowed connection: <see cref="Connections"/> is never empty.</summary>
public sealed record ConnectionRow(ConnectivityPeer Source, ConnectivityPeer Destination, ConnectionSet Connections);

/// <summary>Every allowed connection between distinct peers, ordered by source then destination name (ordinal).</summary>
public sealed record ConnectivityReport(IReadOnlyList<ConnectionRow> Rows);

/// <summary>
/// Which peers may connect to which, and on what, under the input's NetworkPolicies (and Ingress objects), with
/// the Kubernetes semantics netpol-analyzer implements: a workload selected by no policy for a direction is open
/// in that direction; once selected, only the union of the selecting policies' rules is allowed; a connection
/// between workloads needs the source's egress and the destination's ingress, so it is their intersection.
/// External addresses are cut into ranges that every ipBlock admits whole (sources and destinations separately);
/// the ingress controller reaches what Ingress routes, as far as policies admit a pod the input does not show.
/// </summary>
public static class ConnectivityAnalyzer
{
    public static ConnectivityReport Analyze(ManifestIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        var catalog = WorkloadCatalog.From(index);
        var namespaces = new NamespaceLabelView(catalog);
        var isolation = new Dictionary<Workload, WorkloadIsolation>();
        WorkloadIsolation IsolationOf(Workload w) => isolation.TryGetValue(w, out var i) ? i : isolation[w] = new WorkloadIsolation();

        var ingressAddresses = new List<Ipv4Range>();
        var egressAddresses = new List<Ipv4Range>();
        foreach (var policy in index.OfKind("NetworkPolicy").Select(index.NetworkPolicyOf).OfType<Model.NetworkPolicy>())
        {
            var ingressRules = policy.IngressRules.Select(r => PolicyRuleEvaluation.Resolve(r, policy.Namespace, catalog, namespaces)).ToList();
            var egressRules = policy.EgressRules.Select(r => PolicyRuleEvaluation.Resolve(r, policy.Namespace, catalog, namespaces)).ToList();

            // Every ipBlock of the input cuts the External ranges, whether or not its policy selects anything.
            ingressAddresses.AddRange(ingressRules.SelectMany(r => r.AdmittedAddresses));
            egressAddresses.AddRange(egressRules.SelectMany(r => r.AdmittedAddresses));
            foreach (var workload in catalog.Of(index.SelectPods(policy.Namespace, policy.PodSelector)))
            {
                var state = IsolationOf(workload);
                if (policy.AffectsIngress)
                {
                    state.IngressIsolated = true;
                    state.IngressRules.AddRange(ingressRules);
                }

                if (policy.AffectsEgress)
                {
                    state.EgressIsolated = true;
                    state.EgressRules.AddRange(egressRules);
                }
            }
        }

        var open = new WorkloadIsolation();
        var evaluation = new Evaluation(
            catalog,
            w => isolation.GetValueOrDefault(w) ?? open,
            [.. Ipv4Range.Partition(ingressAddresses).Select(r => new ExternalPeer(r))],
            [.. Ipv4Range.Partition(egressAddresses).Select(r => new ExternalPeer(r))],
            IngressRouting.RoutedPorts(catalog));
        return new ConnectivityReport(SortedByName(evaluation.Rows()));
    }

    /// <summary>
    /// Rows by source then destination name. The names are ranked once and rows sorted by rank: a crowded namespace
    /// gives hundreds of thousands of rows, and comparing their names in every step of the sort was most of the run.
    /// </summary>
    private static ConnectionRow[] SortedByName(List<ConnectionRow> rows)
    {
        var rank = rows.SelectMany(r => new[] { r.Source, r.Destination }).Distinct()
            .OrderBy(p => p.DisplayName, StringComparer.Ordinal)
            .Select((peer, i) => (peer, i))
            .ToDictionary(x => x.peer, x => (long)x.i);
        var keys = rows.Select(r => rank[r.Source] << 32 | rank[r.Destination]).ToArray();
        var sorted = rows.ToArray();
        Array.Sort(keys, sorted);
        return sorted;
    }

    /// <summary>Whether policies select a workload per direction, and the rules of every policy that does.</summary>
    private sealed class WorkloadIsolation
    {
        public bool IngressIsolated { get; set; }

        public bool EgressIsolated { get; set; }

        public List<PolicyRuleEvaluation> IngressRules { get; } = [];

        public List<PolicyRuleEvaluation> EgressRules { get; } = [];
    }

    private sealed class Evaluation(
        WorkloadCatalog catalog,
        Func<Workload, WorkloadIsolation> isolationOf,
        IReadOnlyList<ExternalPeer> externalSources,
        IReadOnlyList<ExternalPeer> externalDestinations,
        IReadOnlyDictionary<Workload, PortSet> routedByIngress)
    {
        public List<ConnectionRow> Rows()
        {
            var rows = new List<ConnectionRow>();
            foreach (var destination in catalog.Workloads)
            {
                AddRowsInto(destination, rows);
            }

            foreach (var source in catalog.Workloads)
            {
                foreach (var external in externalDestinations)
                {
                    Add(rows, source.Peer, external, EgressTo(source, external.Range));
                }
            }

            return rows;
        }

        /// <summary>Every row into one destination: from workloads, from External ranges, from the ingress controller.</summary>
        private void AddRowsInto(Workload destination, List<ConnectionRow> rows)
        {
            var ingress = isolationOf(destination);

            // What ingress admits from any workload, and per workload on top of it: only the sources a rule admits
            // are visited, so a destination whose policies admit few workloads costs few pairs.
            var fromEveryWorkload = ingress.IngressIsolated ? ConnectionSet.None : ConnectionSet.All;
            var fromSome = new Dictionary<Workload, ConnectionSet>();
            foreach (var rule in ingress.IngressRules)
            {
                var ports = rule.PortsOn(destination);
                if (ports.IsEmpty)
                {
                    continue;
                }

                if (rule.AdmitsEveryPeer)
                {
                    fromEveryWorkload = fromEveryWorkload.Union(ports);
                    continue;
                }

                foreach (var source in rule.AdmittedWorkloads)
                {
                    fromSome[source] = fromSome.TryGetValue(source, out var earlier) ? earlier.Union(ports) : ports;
                }
            }

            var sources = fromEveryWorkload.IsEmpty ? (IEnumerable<Workload>)fromSome.Keys : catalog.Workloads;
            foreach (var source in sources)
            {
                if (source == destination)
                {
                    continue; // Pods of one workload talking among themselves are never listed.
                }

                var admitted = fromSome.TryGetValue(source, out var extra) ? fromEveryWorkload.Union(extra) : fromEveryWorkload;
                Add(rows, source.Peer, destination.Peer, admitted.IsEmpty ? admitted : admitted.Intersect(EgressTo(source, destination)));
            }

            foreach (var external in externalSources)
            {
                Add(rows, external, destination.Peer, IngressFrom(destination, rule => rule.AdmitsAddresses(external.Range)));
            }

            if (routedByIngress.TryGetValue(destination, out var routed) && !routed.IsEmpty)
            {
                var admitted = IngressFrom(destination, rule => rule.AdmitsUnknownInClusterPod);
                Add(rows, IngressControllerPeer.Instance, destination.Peer, admitted.Intersect(ConnectionSet.Of(TransportProtocol.TCP, routed)));
            }
        }

        /// <summary>What the destination's ingress admits from a peer that is not a workload of the input.</summary>
        private ConnectionSet IngressFrom(Workload destination, Func<PolicyRuleEvaluation, bool> admitsPeer)
        {
            var ingress = isolationOf(destination);
            if (!ingress.IngressIsolated)
            {
                return ConnectionSet.All;
            }

            var result = ConnectionSet.None;
            foreach (var rule in ingress.IngressRules.Where(admitsPeer))
            {
                result = result.Union(rule.PortsOn(destination));
            }

            return result;
        }

        private ConnectionSet EgressTo(Workload source, Workload destination)
        {
            var egress = isolationOf(source);
            if (!egress.EgressIsolated)
            {
                return ConnectionSet.All;
            }

            var result = ConnectionSet.None;
            foreach (var rule in egress.EgressRules)
            {
                if (rule.AdmitsEveryPeer || rule.AdmittedWorkloads.Contains(destination))
                {
                    result = result.Union(rule.PortsOn(destination));
                }
            }

            return result;
        }

        private ConnectionSet EgressTo(Workload source, Ipv4Range addresses)
        {
            var egress = isolationOf(source);
            if (!egress.EgressIsolated)
            {
                return ConnectionSet.All;
            }

            var result = ConnectionSet.None;
            foreach (var rule in egress.EgressRules.Where(r => r.AdmitsAddresses(addresses)))
            {
                result = result.Union(rule.PortsOn(null));
            }

            return result;
        }

        private static void Add(List<ConnectionRow> rows, ConnectivityPeer source, ConnectivityPeer destination, ConnectionSet connections)
        {
            if (!connections.IsEmpty)
            {
                rows.Add(new ConnectionRow(source, destination, connections));
            }
        }
    }
}
