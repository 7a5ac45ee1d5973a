using System.Globalization;
using ManifestLint.Core.Engine;
using ManifestLint.Core.Model;
using ManifestLint.Core.World;
using ManifestLint.Core.Yaml;
using Policy = ManifestLint.Core.Model.NetworkPolicy;

namespace ManifestLint.Core.Graph;

/// <summary>
/// Builds the <see cref="ResourceGraph"/> of a run by asking the world model about every reference, exactly as the rules
/// do: <see cref="WorldModel.SelectPods"/> for selectors, <see cref="WorldModel.SelectPeer"/> for NetworkPolicy peers,
/// <see cref="WorldModel.ResolveObject"/> for references by name. It decides nothing itself: an edge is broken when the
/// world model says its target is absent or the run reported a finding (warning or above) on the reference, and it
/// carries the IDs of the findings whose resource is the referrer and whose location lies on the reference.
/// </summary>
internal sealed class ResourceGraphBuilder
{
    private readonly WorldModel _world;
    private readonly ILookup<ResourceReference, Diagnostic> _findings;
    private readonly Dictionary<string, GraphNode> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<(string From, string To, EdgeKind Kind, string Label), GraphEdge> _edges = [];

    private ResourceGraphBuilder(AnalysisResult result)
    {
        _world = result.World ?? new WorldModel(result.Index);
        _findings = result.Active.Where(d => d.Resource is not null && d.Location.Path.Length > 0).ToLookup(d => d.Resource!);
    }

    public static ResourceGraph Build(AnalysisResult result)
    {
        var builder = new ResourceGraphBuilder(result);
        var index = result.Index;
        foreach (var resource in index.Resources.Where(r => IsTopologyObject(index, r)))
        {
            builder.AddNode(resource);
        }

        foreach (var resource in index.Resources)
        {
            builder.AddEdgesOf(resource);
        }

        foreach (var template in index.PodTemplates)
        {
            builder.AddPodReferences(template);
        }

        var nodes = builder._nodes.Values
            .OrderBy(n => n.Namespace ?? "", StringComparer.Ordinal).ThenBy(n => n.Id, StringComparer.Ordinal).ToList();
        var edges = builder._edges.Values
            .OrderBy(e => e.From, StringComparer.Ordinal).ThenBy(e => e.To, StringComparer.Ordinal)
            .ThenBy(e => e.Kind).ThenBy(e => e.Label, StringComparer.Ordinal).ToList();
        return new ResourceGraph(nodes, edges);
    }

    public static string IdOf(string kind, string? @namespace, string name) => @namespace is null ? $"{kind}//{name}" : $"{kind}/{@namespace}/{name}";

    private static string IdOf(Resource resource) => IdOf(resource.Kind, resource.Namespace, resource.Name);

    /// <summary>The kinds the topology shows: what routes, selects, scales, protects, or is mounted or run as.</summary>
    private static bool IsTopologyObject(Index.ManifestIndex index, Resource resource) =>
        index.PodTemplateOf(resource) is not null ||
        (resource.Group == "" && resource.Kind is "Service" or "ConfigMap" or "Secret" or "ServiceAccount" or "PersistentVolumeClaim") ||
        IngressRoutes.IsIngress(resource) || Policy.IsNetworkPolicy(resource) || ScaleTargetReference.IsAutoscaler(resource) ||
        resource.Is("policy", "PodDisruptionBudget") ||
        CustomResources.MayCreateUnseenPods(resource, isModelledPodOwner: false);

    private string AddNode(Resource resource)
    {
        var id = IdOf(resource);
        _nodes.TryAdd(id, new GraphNode(id, resource.Kind, resource.Namespace, resource.Name, resource.Location));
        return id;
    }

    private void AddEdgesOf(Resource resource)
    {
        if (resource.Namespace is not { } ns)
        {
            return;
        }

        if (resource.Kind == "Service" && resource.Group == "" && ServiceSelection.SelectsPods(resource))
        {
            AddServiceSelection(resource, ns);
        }
        else if (IngressRoutes.IsIngress(resource))
        {
            AddIngressRoutes(resource, ns);
        }
        else if (ScaleTargetReference.IsAutoscaler(resource) && ScaleTargetReference.Of(resource) is { } target && !TemplatePlaceholders.IsPlaceholder(target.Name))
        {
            var resolution = _world.ResolveObject(resource, new ObjectQuery(target.Kind, ns, target.Name, target.HasKindOf));
            AddObjectEdge(resource, resolution, target.Kind, ns, target.Name, EdgeKind.Scales, "", [resource.LocationOf(target.NameNode)]);
        }
        else if (resource.Is("policy", "PodDisruptionBudget"))
        {
            AddBudgetSelection(resource, ns);
        }
        else if (_world.Index.NetworkPolicyOf(resource) is { } policy)
        {
            AddPolicy(resource, policy, ns);
        }
    }

    private void AddServiceSelection(Resource service, string ns)
    {
        var spec = service.Spec!;
        var selector = LabelSelector.FromMap(spec.MappingAt("selector")!);
        var ports = ServicePort.Read(service);
        List<Location> references = [service.KeyLocationOf(spec, "selector"), .. ports.Select(p => service.LocationOf(p.TargetOrPortNode))];
        string PortsOn(PodTemplate? pod) => string.Join(",", ports.Select(p =>
            $"{p.Port}→{(pod is not null && p.ResolveOn(pod) is { } number ? number.ToString(CultureInfo.InvariantCulture) : p.TargetName ?? p.TargetNumber?.ToString(CultureInfo.InvariantCulture) ?? "?")}"));
        AddSelection(service, _world.SelectPods(service, ns, selector), EdgeKind.Selects, PortsOn, references, selector.ToString(), reversed: false);
    }

    private void AddIngressRoutes(Resource ingress, string ns)
    {
        foreach (var backends in IngressRoutes.ServiceBackends(ingress).GroupBy(b => (b.ServiceName, b.PortText)))
        {
            var (name, port) = backends.Key;
            var resolution = _world.ResolveObject(ingress, new ObjectQuery("Service", ns, name, s => s.Group == ""));
            var references = backends.SelectMany(b => b.PortNode is null ? [ingress.LocationOf(b.NameNode)] : new[] { ingress.LocationOf(b.NameNode), ingress.LocationOf(b.PortNode) }).ToList();
            AddObjectEdge(ingress, resolution, "Service", ns, name, EdgeKind.RoutesTo, "port " + port.Trim('\''), references);
        }
    }

    private void AddBudgetSelection(Resource budget, string ns)
    {
        if (budget.Spec?.MappingAt("selector") is not { } selectorNode || LabelSelector.FromLabelSelector(selectorNode) is not { } selector ||
            (selector.IsEmpty && budget.Version == "v1beta1"))
        {
            return; // No pods selected by construction; ML1403 reports it on the budget itself.
        }

        AddSelection(budget, _world.SelectPods(budget, ns, selector), EdgeKind.Protects, _ => "", [budget.KeyLocationOf(budget.Spec!, "selector")], selector.ToString(), reversed: false);
    }

    private void AddPolicy(Resource resource, Policy policy, string ns)
    {
        var directions = string.Join("+", new[] { policy.AffectsIngress ? "ingress" : null, policy.AffectsEgress ? "egress" : null }.OfType<string>());
        var podSelectorAt = resource.Spec?.KeyOf("podSelector") is { } key ? resource.LocationOf(key) : resource.Location;
        AddSelection(resource, _world.SelectPods(resource, ns, policy.PodSelector), EdgeKind.Selects, _ => "for " + directions, [podSelectorAt], policy.PodSelector.ToString(), reversed: false);

        foreach (var rule in policy.IngressRules.Where(r => r.Peers is not null))
        {
            var ports = rule.Ports is null ? "all ports" : string.Join(",", rule.Ports.Select(p => p.ToString()));
            foreach (var peer in rule.Peers!.Where(p => p.IsValid && !p.IsIpBlock))
            {
                AddSelection(resource, _world.SelectPeer(resource, peer, ns), EdgeKind.Admits, _ => ports, [resource.LocationOf(peer.Node)], peer.ToString(), reversed: true);
            }
        }
    }

    private void AddPodReferences(PodTemplate template)
    {
        var owner = template.Owner;
        if (owner.Namespace is not { } ns || !_nodes.ContainsKey(IdOf(owner)))
        {
            return;
        }

        foreach (var sameObject in _world.Index.ConfigReferencesOf(template).GroupBy(r => (r.Kind, r.Name)))
        {
            var (kind, name) = sameObject.Key;
            var resolution = _world.ResolveObject(owner, new ObjectQuery(kind, ns, name));
            if (resolution.Presence != Presence.Present && sameObject.All(r => r.Optional))
            {
                resolution = ObjectResolution.Unknowable; // The pod starts without it.
            }

            var uses = string.Join(",", sameObject.Select(r => UseName(r.Use)).Distinct());
            var references = sameObject.SelectMany(r => r.Keys.Select(k => owner.LocationOf(k.Node)).Prepend(owner.LocationOf(r.NameNode))).ToList();
            AddObjectEdge(owner, resolution, kind, ns, name, EdgeKind.Mounts, uses, references);
        }

        if (template.Spec is not { } spec)
        {
            return;
        }

        var account = NonEmpty(spec.ScalarAt("serviceAccountName")) ?? NonEmpty(spec.ScalarAt("serviceAccount"));
        if (account is not null && account.Value != "default")
        {
            AddObjectEdge(owner, _world.ResolveObject(owner, new ObjectQuery("ServiceAccount", ns, account.Value)), "ServiceAccount", ns, account.Value,
                EdgeKind.RunsAs, "", [owner.LocationOf(account)]);
        }

        // Volumes named like the StatefulSet's own volumeClaimTemplates are those templates' claims, not references.
        var claimTemplates = (owner.Root.SequenceAt("spec", "volumeClaimTemplates")?.Mappings() ?? []).Select(t => t.StringAt("metadata", "name")).ToHashSet();
        foreach (var volume in spec.SequenceAt("volumes")?.Mappings() ?? [])
        {
            if (NonEmpty(volume.ScalarAt("persistentVolumeClaim", "claimName")) is { } claim && !claimTemplates.Contains(volume.StringAt("name")))
            {
                AddObjectEdge(owner, _world.ResolveObject(owner, new ObjectQuery("PersistentVolumeClaim", ns, claim.Value)), "PersistentVolumeClaim", ns, claim.Value,
                    EdgeKind.Mounts, "volume " + (volume.StringAt("name") ?? "?"), [owner.LocationOf(claim)]);
            }
        }

        foreach (var call in ServiceCalls.Of(template))
        {
            var serviceNamespace = call.Address.Namespace ?? ns;
            var resolution = _world.ResolveObject(owner, new ObjectQuery("Service", serviceNamespace, call.Address.Service, s => s.Group == ""));
            if (resolution.Presence == Presence.Present)
            {
                // Only calls to Services of the input: an address elsewhere may name anything outside it.
                var port = call.Address.ImpliedPort is { } number ? "port " + number.ToString(CultureInfo.InvariantCulture) : "";
                AddObjectEdge(owner, resolution, "Service", serviceNamespace, call.Address.Service, EdgeKind.Calls, port, [owner.LocationOf(call.Text)]);
            }
        }
    }

    private static string UseName(ConfigReferenceUse use) => use switch
    {
        ConfigReferenceUse.EnvValueFrom => "env",
        ConfigReferenceUse.EnvFrom => "envFrom",
        ConfigReferenceUse.Volume or ConfigReferenceUse.ProjectedVolume => "volume",
        _ => "imagePullSecret",
    };

    private static ScalarNode? NonEmpty(ScalarNode? node) => node is { IsNull: false, Value.Length: > 0 } ? node : null;

    /// <summary>
    /// Edges for a selector's answer: to (or, <paramref name="reversed"/>, from) each selected workload; to a stand-in for
    /// pods that are absent or unknowable, named by the selector.
    /// </summary>
    private void AddSelection(Resource from, PodResolution resolution, EdgeKind kind, Func<PodTemplate?, string> label, IReadOnlyList<Location> references, string selector, bool reversed)
    {
        var fromId = IdOf(from);
        var findings = FindingsOn(from, references);
        if (resolution.Presence == Presence.Present)
        {
            foreach (var pod in resolution.Pods)
            {
                var podId = AddNode(pod.Owner);
                AddEdge(reversed ? podId : fromId, reversed ? fromId : podId, kind, label(pod), StateOf(Presence.Present, findings), findings, references);
            }

            return;
        }

        var role = resolution.Presence == Presence.Absent ? NodeRole.Missing : NodeRole.Unknown;
        // One stand-in per selector and namespace: every referrer asking for the same pods points at the same box.
        var standIn = $"{(role == NodeRole.Missing ? "missing" : "unknown")}:{from.Namespace}:{selector}";
        _nodes.TryAdd(standIn, new GraphNode(standIn, "Pods", from.Namespace, selector.Length == 0 ? "(every pod)" : selector, null, role));
        AddEdge(reversed ? standIn : fromId, reversed ? fromId : standIn, kind, label(null), StateOf(resolution.Presence, findings), findings, references);
    }

    /// <summary>An edge for a reference by name: to each nearest definition, or to a stand-in for an absent or unknowable target.</summary>
    private void AddObjectEdge(Resource from, ObjectResolution resolution, string kind, string ns, string name, EdgeKind edgeKind, string label, IReadOnlyList<Location> references)
    {
        var findings = FindingsOn(from, references);
        var state = StateOf(resolution.Presence, findings);
        if (resolution.Targets.Count > 0)
        {
            foreach (var target in resolution.Targets)
            {
                AddEdge(IdOf(from), AddNode(target), edgeKind, label, state, findings, references);
            }

            return;
        }

        // Present without a definition (generated by a controller, declared external), absent, or unknowable.
        var role = resolution.Presence switch { Presence.Present => NodeRole.Object, Presence.Absent => NodeRole.Missing, _ => NodeRole.Unknown };
        var id = IdOf(kind, ns, name);
        _nodes.TryAdd(id, new GraphNode(id, kind, ns, name, null, role));
        AddEdge(IdOf(from), id, edgeKind, label, state, findings, references);
    }

    private static EdgeState StateOf(Presence presence, IReadOnlyList<Diagnostic> findings) =>
        presence == Presence.Absent || findings.Any(f => f.Severity >= Severity.Warning) ? EdgeState.Broken
        : presence == Presence.Unknowable ? EdgeState.Unknowable
        : EdgeState.Resolved;

    private void AddEdge(string from, string to, EdgeKind kind, string label, EdgeState state, IReadOnlyList<Diagnostic> findings, IReadOnlyList<Location> references)
    {
        var ids = findings.Select(f => f.Id).Distinct().Order(StringComparer.Ordinal).ToList();
        var key = (from, to, kind, label);
        if (_edges.TryGetValue(key, out var existing))
        {
            // The same reference written twice (two definitions of the referrer): broken if either is, every finding kept.
            _edges[key] = existing with
            {
                State = existing.IsBroken || state == EdgeState.Broken ? EdgeState.Broken : existing.State,
                FindingIds = [.. existing.FindingIds.Union(ids).Order(StringComparer.Ordinal)],
                References = [.. existing.References.Union(references)],
            };
            return;
        }

        _edges[key] = new GraphEdge(from, to, kind, label, state, ids, references);
    }

    /// <summary>The run's findings about <paramref name="referrer"/> that point into one of the places the reference is written.</summary>
    private List<Diagnostic> FindingsOn(Resource referrer, IReadOnlyList<Location> references) =>
        [.. _findings[referrer.Reference].Where(d => references.Any(r => r.Path == d.Location.Path && Contains(r.Span, d.Location.Span.Start)))];

    private static bool Contains(TextSpan span, SourcePosition position) =>
        span.Start.CompareTo(position) <= 0 && (position.CompareTo(span.End) < 0 || position == span.Start);
}
