using ManifestLint.Core.Index;
using ManifestLint.Core.Model;

namespace ManifestLint.Core.Connectivity;

/// <summary>
/// The pods that one peer of the connectivity report stands for, with every pod template the input gives for
/// them (several for bare Pods that share a controlling owner) and the container ports they declare.
/// </summary>
public sealed class Workload
{
    private readonly List<PodTemplate> _templates = [];
    private readonly List<ContainerPort> _ports = [];

    internal Workload(WorkloadPeer peer) => Peer = peer;

    public WorkloadPeer Peer { get; }

    public string Namespace => Peer.Namespace;

    public IReadOnlyList<PodTemplate> Templates => _templates;

    /// <summary>Ports declared by containers that serve traffic, in every template of the workload.</summary>
    public IReadOnlyList<ContainerPort> Ports => _ports;

    /// <summary>
    /// The port numbers a NetworkPolicy port name stands for on these pods: the containers' ports with that name
    /// and protocol (a name declared for another protocol does not count).
    /// </summary>
    public PortSet NamedPort(string name, string protocol) =>
        PortSet.Of(_ports.Where(p => p.Name == name && p.Protocol == protocol && p.Number is not null).Select(p => new PortRange(p.Number!.Value, p.Number.Value)));

    internal void Add(PodTemplate template)
    {
        _templates.Add(template);
        _ports.AddRange(template.ServingPorts().Select(p => p.Port));
    }
}

/// <summary>
/// Turns the index's pod templates into the workloads the report names. A controller object (Deployment,
/// StatefulSet, CronJob, …) is a workload named after itself. A bare Pod belongs to its controlling owner
/// (the <c>ownerReferences</c> entry with <c>controller: true</c>), named and typed as that reference says and not
/// traced further (a Deployment's pods show as its ReplicaSet); a reference without a kind reads as a Pod, and a
/// Node owner (a static pod) is no workload of its own, so such a pod is. Pods that share an owner are one workload.
/// </summary>
public sealed class WorkloadCatalog
{
    private readonly Dictionary<PodTemplate, Workload> _byTemplate = new(ReferenceEqualityComparer.Instance);

    private WorkloadCatalog(List<Workload> workloads, ManifestIndex index)
    {
        Workloads = workloads;
        Index = index;
        foreach (var workload in workloads)
        {
            foreach (var template in workload.Templates)
            {
                _byTemplate[template] = workload;
            }
        }
    }

    public ManifestIndex Index { get; }

    /// <summary>Every workload, ordered by its display name.</summary>
    public IReadOnlyList<Workload> Workloads { get; }

    public static WorkloadCatalog From(ManifestIndex index)
    {
        var byPeer = new Dictionary<WorkloadPeer, Workload>();
        foreach (var template in index.PodTemplates)
        {
            var peer = PeerOf(template);
            if (!byPeer.TryGetValue(peer, out var workload))
            {
                byPeer[peer] = workload = new Workload(peer);
            }

            workload.Add(template);
        }

        var ordered = byPeer.Values.OrderBy(w => w.Peer.DisplayName, StringComparer.Ordinal).ToList();
        return new WorkloadCatalog(ordered, index);
    }

    /// <summary>The workload a pod template belongs to.</summary>
    public Workload Of(PodTemplate template) => _byTemplate[template];

    /// <summary>The workloads of some pod templates, each once, in catalogue order of first appearance.</summary>
    public IEnumerable<Workload> Of(IEnumerable<PodTemplate> templates) => templates.Select(Of).Distinct();

    private static WorkloadPeer PeerOf(PodTemplate template)
    {
        var owner = template.Owner;
        if (template.OwnerKind.Kind == "Pod" && ControllerReference(owner) is { } reference)
        {
            return reference;
        }

        return new WorkloadPeer(template.Namespace, owner.Name, owner.Kind);
    }

    private static WorkloadPeer? ControllerReference(Resource pod)
    {
        foreach (var reference in pod.Root.SequenceAt("metadata", "ownerReferences")?.Mappings() ?? [])
        {
            if (reference.ScalarAt("controller")?.AsBoolean() != true || reference.StringAt("name") is not { Length: > 0 } name)
            {
                continue;
            }

            var kind = reference.StringAt("kind") is { Length: > 0 } k ? k : "Pod";
            return kind == "Node" ? null : new WorkloadPeer(pod.Namespace ?? "", name, kind);
        }

        return null;
    }
}
