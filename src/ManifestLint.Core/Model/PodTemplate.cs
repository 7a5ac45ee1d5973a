using ManifestLint.Core.Yaml;

namespace ManifestLint.Core.Model;

/// <summary>
/// A kind that creates pods from a template. <paramref name="TemplatePath"/> is empty for a Pod itself;
/// <paramref name="SelectorPath"/> is where the owner selects its pods, <paramref name="SelectorIsMap"/> when
/// it is a plain label map (ReplicationController, DeploymentConfig) rather than a metav1.LabelSelector.
/// </summary>
public sealed record PodTemplateOwner(
    string Group,
    string Kind,
    string[] TemplatePath,
    string[]? SelectorPath = null,
    bool SelectorIsMap = false,
    bool HasReplicas = true)
{
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
    private PodTemplate(Resource owner, PodTemplateOwner ownerKind, MappingNode template)
    {
        Owner = owner;
        OwnerKind = ownerKind;
        Template = template;
        Labels = template.MappingAt("metadata", "labels")?.ToStringMap() ?? new Dictionary<string, string>();
        Spec = template.MappingAt("spec");
        Containers = ReadContainers(Spec);
    }

    public Resource Owner { get; }

    public PodTemplateOwner OwnerKind { get; }

    /// <summary>The template mapping (with metadata and spec); for a Pod, the Pod itself.</summary>
    public MappingNode Template { get; }

    public string Namespace => Owner.Namespace ?? "";

    public IReadOnlyDictionary<string, string> Labels { get; }

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

            var node = Owner.Root.ScalarAt("spec", "replicas");
            if (node is null)
            {
                return 1;
            }

            return node.TryGetInt32(out var replicas) ? replicas : null;
        }
    }

    public static PodTemplate? TryCreate(Resource resource, PodTemplateOwner owner)
    {
        var template = owner.TemplatePath.Length == 0 ? resource.Root : resource.Root.MappingAt(owner.TemplatePath);
        return template is null ? null : new PodTemplate(resource, owner, template);
    }

    /// <summary>Every port declared by a container that serves traffic.</summary>
    public IEnumerable<(Container Container, ContainerPort Port)> ServingPorts() =>
        Containers.Where(c => c.ServesTraffic).SelectMany(c => c.Ports.Select(p => (c, p)));

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
