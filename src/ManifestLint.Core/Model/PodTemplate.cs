using ManifestLint.Core.Yaml;

namespace ManifestLint.Core.Model;

/// <summary>
/// A kind that creates pods. <paramref name="TemplatePath"/> is empty for a Pod itself and null for a custom resource
/// whose operator builds the pods without a template in the manifest (Prometheus, a Kafka cluster): their labels then
/// come from <paramref name="LabelPaths"/> (label maps in the object, such as <c>spec.podMetadata.labels</c>),
/// <paramref name="FixedLabels"/> and <paramref name="NameLabels"/> (keys whose value is the object's name).
/// <paramref name="SelectorPath"/> is where the owner selects its pods, <paramref name="SelectorIsMap"/> when it is a
/// plain label map (ReplicationController, DeploymentConfig) rather than a metav1.LabelSelector.
/// <see cref="OpenLabelKeys"/> are labels the operator adds with values the input cannot tell (a role, a shard), so a
/// selector that asks for one of them may still match.
/// </summary>
public sealed record PodTemplateOwner(
    string Group,
    string Kind,
    string[]? TemplatePath,
    string[]? SelectorPath = null,
    bool SelectorIsMap = false,
    bool HasReplicas = true)
{
    public IReadOnlyList<string[]> LabelPaths { get; init; } = [];

    public IReadOnlyDictionary<string, string> FixedLabels { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<string> NameLabels { get; init; } = [];

    /// <summary>Label keys with values unknown to the input; <c>prefix/*</c> covers a prefix.</summary>
    public IReadOnlyList<string> OpenLabelKeys { get; init; } = [];

    /// <summary>The operator's labels are not known at all: any label may be on its pods.</summary>
    public bool AllLabelsOpen { get; init; }

    public bool IsOpenLabel(string key) =>
        AllLabelsOpen || OpenLabelKeys.Any(open => open.EndsWith("/*", StringComparison.Ordinal)
            ? key.StartsWith(open[..^1], StringComparison.Ordinal)
            : open == key);

    /// <summary>Where the owner names its replica count, when <see cref="HasReplicas"/> (spec.replicas for every built-in kind).</summary>
    public string[] ReplicasPath { get; init; } = ["spec", "replicas"];

    /// <summary>Whether the manifest holds the pods' template (containers, ports, probes), or only the operator knows it.</summary>
    public bool HasTemplate => TemplatePath is not null;

    public static IReadOnlyList<PodTemplateOwner> BuiltIn { get; } =
    [
        new("", "Pod", [], HasReplicas: false),
        new("apps", "Deployment", ["spec", "template"], ["spec", "selector"]),
        new("apps", "StatefulSet", ["spec", "template"], ["spec", "selector"]),
        new("apps", "DaemonSet", ["spec", "template"], ["spec", "selector"], HasReplicas: false),
        new("apps", "ReplicaSet", ["spec", "template"], ["spec", "selector"]),
        new("extensions", "Deployment", ["spec", "template"], ["spec", "selector"]),
        new("extensions", "DaemonSet", ["spec", "template"], ["spec", "selector"], HasReplicas: false),
        new("extensions", "ReplicaSet", ["spec", "template"], ["spec", "selector"]),
        new("", "ReplicationController", ["spec", "template"], ["spec", "selector"], SelectorIsMap: true),
        new("batch", "Job", ["spec", "template"], ["spec", "selector"], HasReplicas: false),
        new("batch", "CronJob", ["spec", "jobTemplate", "spec", "template"], HasReplicas: false),
        new("argoproj.io", "Rollout", ["spec", "template"], ["spec", "selector"]),
        new("apps.openshift.io", "DeploymentConfig", ["spec", "template"], ["spec", "selector"], SelectorIsMap: true),
    ];
}

public sealed record ContainerPort(string? Name, int? Number, string Protocol, MappingNode Node)
{
    public override string ToString() => Name is null ? $"{Number}/{Protocol}" : $"{Name}={Number}/{Protocol}";
}

public sealed record Container(string Name, MappingNode Node, bool IsInit, IReadOnlyList<ContainerPort> Ports)
{
    /// <summary>Init containers with restartPolicy Always are sidecars: they keep running and can serve ports.</summary>
    public bool IsSidecar => IsInit && Node.StringAt("restartPolicy") == "Always";

    public bool ServesTraffic => !IsInit || IsSidecar;
}

/// <summary>The pods a resource creates: their labels, containers and where they are declared.</summary>
public sealed class PodTemplate
{
    private PodTemplate(Resource owner, PodTemplateOwner ownerKind, MappingNode? template)
    {
        Owner = owner;
        OwnerKind = ownerKind;
        Template = template ?? owner.Root;
        HasKnownContainers = template is not null;
        Labels = ReadLabels(owner, ownerKind, template);
        Spec = template?.MappingAt("spec");
        Containers = ReadContainers(Spec);
        ControllerLabels = Model.ControllerLabels.Of(this);
    }

    public Resource Owner { get; }

    public PodTemplateOwner OwnerKind { get; }

    /// <summary>The template mapping (with metadata and spec); for a Pod, the Pod itself; for operator-built pods, the owner.</summary>
    public MappingNode Template { get; }

    public string Namespace => Owner.Namespace ?? "";

    /// <summary>The labels the manifest gives the pods (the template's, or the operator's known ones).</summary>
    public IReadOnlyDictionary<string, string> Labels { get; }

    /// <summary>Labels the pods' controller adds at run time (see <see cref="Model.ControllerLabels"/>).</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>?> ControllerLabels { get; }

    /// <summary>
    /// Whether the manifest shows the pods' containers. Operator-built pods have containers the input cannot see, so
    /// nothing about their ports or probes can be judged.
    /// </summary>
    public bool HasKnownContainers { get; }

    public MappingNode? Spec { get; }

    public IReadOnlyList<Container> Containers { get; }

    /// <summary>The labels mapping node, for related locations; falls back to the template.</summary>
    public ManifestNode LabelsNode => (ManifestNode?)Template.MappingAt("metadata", "labels") ?? Template;

    /// <summary>The owner's declared replicas (default 1); null for kinds whose pod count is not a number (DaemonSet, Job).</summary>
    public int? Replicas
    {
        get
        {
            if (!OwnerKind.HasReplicas)
            {
                return OwnerKind.Kind == "Pod" ? 1 : null;
            }

            var node = Owner.Root.ScalarAt(OwnerKind.ReplicasPath);
            if (node is null)
            {
                return 1;
            }

            return node.TryGetInt32(out var replicas) ? replicas : null;
        }
    }

    public static PodTemplate? TryCreate(Resource resource, PodTemplateOwner owner)
    {
        if (owner.TemplatePath is not { } path)
        {
            return new PodTemplate(resource, owner, null);
        }

        var template = path.Length == 0 ? resource.Root : resource.Root.MappingAt(path);
        return template is null ? null : new PodTemplate(resource, owner, template);
    }

    /// <summary>Every port declared by a container that serves traffic.</summary>
    public IEnumerable<(Container Container, ContainerPort Port)> ServingPorts() =>
        Containers.Where(c => c.ServesTraffic).SelectMany(c => c.Ports.Select(p => (c, p)));

    private static IReadOnlyDictionary<string, string> ReadLabels(Resource owner, PodTemplateOwner ownerKind, MappingNode? template)
    {
        var fromTemplate = template?.MappingAt("metadata", "labels")?.ToStringMap();
        if (ownerKind.LabelPaths.Count == 0 && ownerKind.FixedLabels.Count == 0 && ownerKind.NameLabels.Count == 0)
        {
            return fromTemplate ?? new Dictionary<string, string>();
        }

        // The operator's own labels win over the user's, as they do on the pods it builds.
        var labels = new Dictionary<string, string>(fromTemplate ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        foreach (var path in ownerKind.LabelPaths)
        {
            foreach (var (key, value) in owner.Root.MappingAt(path)?.ToStringMap() ?? new Dictionary<string, string>())
            {
                labels[key] = value;
            }
        }

        foreach (var (key, value) in ownerKind.FixedLabels)
        {
            labels[key] = value;
        }

        foreach (var key in ownerKind.NameLabels)
        {
            labels[key] = owner.Name;
        }

        return labels;
    }

    private static List<Container> ReadContainers(MappingNode? spec)
    {
        var result = new List<Container>();
        if (spec is null)
        {
            return result;
        }

        foreach (var (key, isInit) in new[] { ("containers", false), ("initContainers", true) })
        {
            foreach (var container in spec.SequenceAt(key)?.Mappings() ?? [])
            {
                var ports = new List<ContainerPort>();
                foreach (var port in container.SequenceAt("ports")?.Mappings() ?? [])
                {
                    int? number = port.ScalarAt("containerPort") is { } n && n.TryGetInt32(out var value) ? value : null;
                    ports.Add(new ContainerPort(port.StringAt("name"), number, port.StringAt("protocol") ?? "TCP", port));
                }

                result.Add(new Container(container.StringAt("name") ?? "", container, isInit, ports));
            }
        }

        return result;
    }
}
