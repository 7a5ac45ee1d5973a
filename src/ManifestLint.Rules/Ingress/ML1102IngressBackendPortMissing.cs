using System.Globalization;
using ManifestLint.Core.Engine;
using ManifestLint.Core.Model;
using ManifestLint.Core.World;

namespace ManifestLint.Rules.Ingress;

/// <summary>ML1102: an Ingress backend port is not a port of the Service. See rules/ML1102.md.</summary>
public sealed class ML1102IngressBackendPortMissing : ManifestAnalyzer
{
    public static readonly RuleDescriptor Rule = new(
        RuleIds.IngressBackendPortMissing,
        "Ingress backend port is not a port of the Service",
        "Ingress '{0}' sends traffic to port {1} of Service '{2}', which has no such port (it has {3}){4}",
        RuleCategories.Ingress,
        Severity.Error,
        Description: "An Ingress backend names a Service port: port.number must be one of the Service's ports[].port (not a targetPort or container port), port.name one of its ports[].name. Otherwise the controller has no endpoints for the route and answers with an error.",
        HelpText: "Use a port (number or name) that the Service declares in spec.ports.",
        IsCrossResource: true);

    public override IReadOnlyList<RuleDescriptor> SupportedRules => [Rule];

    public override void Initialize(AnalysisContext context) => context.RegisterResourceAction(Analyze, "Ingress");

    private static void Analyze(ResourceAnalysisContext context)
    {
        var ingress = context.Resource;
        if (!IngressRoutes.IsIngress(ingress))
        {
            return;
        }

        foreach (var backend in IngressRoutes.ServiceBackends(ingress))
        {
            if (backend.PortNode is not { } portNode || (backend.PortNumber is null && backend.PortName is null))
            {
                continue;
            }

            var services = context.World.ResolveObject(ingress, new ObjectQuery("Service", ingress.Namespace, backend.ServiceName, s => s.Group == "")).Targets;
            if (services.Count == 0)
            {
                continue; // A missing Service is ML1101's finding.
            }

            // Variants of the Service (a base and an overlay) are all equally near: the port must be missing from each.
            var service = services[0];
            var ports = ServicePort.Read(service);
            if (services.Any(s => ServicePort.Read(s) is var declared && (declared.Count == 0 || declared.Any(p => backend.PortNumber is { } n ? p.Port == n : p.Name == backend.PortName))))
            {
                continue;
            }

            var detail = "";
            var help = "use a port that the Service declares in spec.ports";
            if (backend.PortNumber is { } number && ports.FirstOrDefault(p => p.TargetNumber == number) is { } byTarget)
            {
                detail = $"; {number} is the targetPort of Service port {byTarget.Port}: a backend names the Service's port, not the container's";
                help = $"use port number {byTarget.Port}" + (byTarget.Name is null ? "" : $" or name '{byTarget.Name}'");
            }
            else if (backend.PortName is { } name && SimilarNames.Closest(name, ports.Where(p => p.Name is not null), p => p.Name!) is { } similar)
            {
                detail = $"; did you mean '{similar.Name}'?";
                help = $"use port name '{similar.Name}'";
            }

            var portsKey = service.Spec!.KeyOf("ports")!;
            var related = new RelatedLocation(service.LocationOf(portsKey), $"Service '{service.Name}' declares {Describe(ports)}");
            context.Report(Rule, ingress, ingress.LocationOf(portNode), [ingress.Name, backend.PortText, service.Name, Describe(ports), detail], [related], help);
        }
    }

    private static string Describe(IReadOnlyList<ServicePort> ports) =>
        string.Join(", ", ports.Select(p => p.Name is null ? p.Port.ToString(CultureInfo.InvariantCulture) : $"{p.Port} ('{p.Name}')"));
}
