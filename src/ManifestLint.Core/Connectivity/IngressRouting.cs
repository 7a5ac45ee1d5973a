using ManifestLint.Core.Model;

namespace ManifestLint.Core.Connectivity;

/// <summary>
/// The TCP ports an ingress controller sends traffic to on each workload, before NetworkPolicies: every Ingress
/// backend names a Service of the Ingress's namespace; its selector picks the workloads, the backend port
/// (number or name; none means every port) picks Service ports, and each one's targetPort (its port when
/// omitted; a name looked up in the workload's containers) counts only when a container declares it.
/// </summary>
internal static class IngressRouting
{
    public static IReadOnlyDictionary<Workload, PortSet> RoutedPorts(WorkloadCatalog catalog)
    {
        var index = catalog.Index;
        var routed = new Dictionary<Workload, PortSet>();
        foreach (var ingress in index.OfKind("Ingress").Where(IngressRoutes.IsIngress))
        {
            foreach (var backend in IngressRoutes.ServiceBackends(ingress))
            {
                if (index.Find("", "Service", ingress.Namespace, backend.ServiceName) is not { } service
                    || ServiceSelection.SelectedPods(index, service) is not { } pods)
                {
                    continue; // No Service, or one without a selector: nothing the input can route to.
                }

                var servicePorts = ServicePort.Read(service)
                    .Where(p => backend.PortNumber is { } number ? p.Port == number : backend.PortName is not { } name || p.Name == name)
                    .ToList();
                foreach (var workload in catalog.Of(pods))
                {
                    var ports = PortSet.Of(servicePorts
                        .Select(p => TargetOn(p, workload))
                        .OfType<int>()
                        .Select(n => new PortRange(n, n)));
                    routed[workload] = routed.TryGetValue(workload, out var earlier) ? earlier.Union(ports) : ports;
                }
            }
        }

        return routed;
    }

    /// <summary>The container port a Service port forwards to on the workload, when one of its containers declares it (whatever its protocol).</summary>
    private static int? TargetOn(ServicePort servicePort, Workload workload) =>
        servicePort.TargetNumber is { } number
            ? workload.Ports.Any(p => p.Number == number) ? number : null
            : workload.Ports.FirstOrDefault(p => p.Name == servicePort.TargetName && p.Number is not null)?.Number;
}
