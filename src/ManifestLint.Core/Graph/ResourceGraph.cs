using ManifestLint.Core.Engine;

namespace ManifestLint.Core.Graph;

/// <summary>What a graph node stands for.</summary>
public enum NodeRole
{
    /// <summary>An object of the input.</summary>
    Object,

    /// <summary>A reference's target the world model says is absent: drawn so the broken edge has somewhere to point.</summary>
    Missing,

    /// <summary>A reference's target the input cannot show (it may exist outside it).</summary>
    Unknown,
}

/// <summary>
/// One object of the topology (or a stand-in for a target the input lacks). <see cref="Id"/> is stable and unique:
/// <c>Kind/namespace/name</c> for objects, so two definitions of one object (a base and its overlay) are one node.
/// </summary>
public sealed record GraphNode(string Id, string Kind, string? Namespace, string Name, Location? Location, NodeRole Role = NodeRole.Object);

/// <summary>What a reference from one object to another does.</summary>
public enum EdgeKind
{
    /// <summary>A Service, PodDisruptionBudget or NetworkPolicy selects a workload's pods.</summary>
    Selects,

    /// <summary>An Ingress backend routes to a Service port.</summary>
    RoutesTo,

    /// <summary>An autoscaler scales its target.</summary>
    Scales,

    /// <summary>A PodDisruptionBudget protects a workload's pods from eviction.</summary>
    Protects,

    /// <summary>A pod mounts or reads a ConfigMap, Secret or PersistentVolumeClaim.</summary>
    Mounts,

    /// <summary>A pod runs as a ServiceAccount.</summary>
    RunsAs,

    /// <summary>A NetworkPolicy ingress rule admits a workload's pods (edge from the admitted peer to the policy).</summary>
    Admits,

    /// <summary>A workload is configured to call a Service (its address in an env value or argument).</summary>
    Calls,
}

/// <summary>What the run knows about an edge's reference.</summary>
public enum EdgeState
{
    Resolved,

    /// <summary>The world model says the target is absent, or a finding was reported on the reference.</summary>
    Broken,

    /// <summary>The target may exist outside the input.</summary>
    Unknowable,
}

/// <summary>
/// A typed reference between two nodes. <see cref="Label"/> is what a person needs beside the kind (a port, a key);
/// <see cref="FindingIds"/> are the rule IDs the run reported on the reference; <see cref="References"/> are where the
/// reference is written (the selector, the backend's name), which is how findings are matched to it.
/// </summary>
public sealed record GraphEdge(string From, string To, EdgeKind Kind, string Label, EdgeState State, IReadOnlyList<string> FindingIds, IReadOnlyList<Location> References)
{
    public bool IsBroken => State == EdgeState.Broken;
}

/// <summary>
/// The typed topology of a run, next to the index: nodes for workloads, Services, Ingresses, NetworkPolicies, autoscalers,
/// PodDisruptionBudgets, ConfigMaps, Secrets, ServiceAccounts, PersistentVolumeClaims and operator-owned custom resources,
/// and the edges between them, each resolved, broken or unknowable as the world model answers. Built by
/// <see cref="ResourceGraphBuilder"/>; nodes and edges are in a fixed order, so every output of the graph is deterministic.
/// </summary>
public sealed class ResourceGraph(IReadOnlyList<GraphNode> nodes, IReadOnlyList<GraphEdge> edges)
{
    private readonly Dictionary<string, GraphNode> _byId = nodes.ToDictionary(n => n.Id, StringComparer.Ordinal);

    public IReadOnlyList<GraphNode> Nodes { get; } = nodes;

    public IReadOnlyList<GraphEdge> Edges { get; } = edges;

    public GraphNode Node(string id) => _byId[id];

    /// <summary>The namespaces that have nodes, in order ("" stands for cluster-scoped objects).</summary>
    public IReadOnlyList<string> Namespaces => [.. Nodes.Select(n => n.Namespace ?? "").Distinct().Order(StringComparer.Ordinal)];

    public static ResourceGraph Build(AnalysisResult result) => ResourceGraphBuilder.Build(result);
}
