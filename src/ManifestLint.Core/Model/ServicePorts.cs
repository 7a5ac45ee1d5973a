using ManifestLint.Core.Index;
using ManifestLint.Core.Yaml;

namespace ManifestLint.Core.Model;

/// <summary>
/// One entry of a Service's <c>spec.ports</c>: what clients connect to (<see cref="Port"/>) and where the
/// traffic goes on each selected pod (<see cref="TargetNumber"/> or <see cref="TargetName"/>; by default the
/// same number as <see cref="Port"/>).
/// </summary>
public sealed record ServicePort(string? Name, int Port, string Protocol, int? TargetNumber, string? TargetName, MappingNode Node)
{
    /// <summary>The <c>targetPort</c> value, or null when it is defaulted from <c>port</c>.</summary>
    public ScalarNode? TargetNode => Node.ScalarAt("targetPort");

    /// <summary>Where a finding about this port's destination belongs: the targetPort value, else the <c>port</c> key.</summary>
    public ManifestNode TargetOrPortNode => (ManifestNode?)TargetNode ?? (ManifestNode?)Node.KeyOf("port") ?? Node;

    /// <summary>
    /// The ports of a core Service. Entries without a numeric <c>port</c> are skipped (the API rejects them).
    /// A quoted targetPort is a name, as the API reads it; a name of digits only is invalid and resolves nowhere.
    /// </summary>
    public static IReadOnlyList<ServicePort> Read(Resource service)
    {
        var result = new List<ServicePort>();
        foreach (var entry in service.Spec?.SequenceAt("ports")?.Mappings() ?? [])
        {
            if (entry.ScalarAt("port") is not { } portNode || !portNode.TryGetInt32(out var port))
            {
                continue;
            }

            int? targetNumber = port;
            string? targetName = null;
            if (entry.ScalarAt("targetPort") is { IsNull: false } target)
            {
                targetNumber = target.TryGetInt32(out var number) ? number : null;
                targetName = targetNumber is null ? target.Value : null;
            }

            result.Add(new ServicePort(entry.StringAt("name"), port, entry.StringAt("protocol") ?? "TCP", targetNumber, targetName, entry));
        }

        return result;
    }

    /// <summary>
    /// The container port number this Service port forwards to on pods of the template: the number itself, or,
    /// for a named targetPort, the number of the port with that name and protocol in a container that serves
    /// traffic (regular containers and native sidecars, as the EndpointSlice controller resolves it, per pod).
    /// Null when the name is declared by no such container.
    /// </summary>
    public int? ResolveOn(PodTemplate pod)
    {
        if (TargetNumber is { } number)
        {
            return number;
        }

        return pod.ServingPorts().FirstOrDefault(p => p.Port.Name == TargetName && p.Port.Protocol == Protocol).Port?.Number;
    }

    public override string ToString() => Name is null ? $"{Port}/{Protocol}" : $"{Port}/{Protocol} ({Name})";
}

/// <summary>The pods a Service sends traffic to.</summary>
public static class ServiceSelection
{
    /// <summary>Whether the resource is a core Service that selects pods (not ExternalName, with a non-empty selector).</summary>
    public static bool SelectsPods(Resource service) =>
        service.Group == "" && service.Kind == "Service" && service.Namespace is not null &&
        service.Spec is { } spec && spec.StringAt("type") != "ExternalName" && spec.MappingAt("selector") is { Count: > 0 };

    /// <summary>
    /// The pod templates of the input that the Service selects in its namespace; null when the Service selects no
    /// pods by design (ExternalName, no selector), so that callers can tell "selects nothing" from "not applicable".
    /// </summary>
    public static IReadOnlyList<PodTemplate>? SelectedPods(ManifestIndex index, Resource service) =>
        SelectsPods(service) ? index.SelectPods(service.Namespace!, LabelSelector.FromMap(service.Spec!.MappingAt("selector")!)) : null;
}
