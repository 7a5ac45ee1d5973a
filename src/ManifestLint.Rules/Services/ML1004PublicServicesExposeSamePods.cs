using ManifestLint.Core.Engine;
using ManifestLint.Core.Index;
using ManifestLint.Core.Model;

namespace ManifestLint.Rules.Services;

/// <summary>ML1004: two LoadBalancer/NodePort Services expose the same pods on the same container port. See rules/ML1004.md.</summary>
public sealed class ML1004PublicServicesExposeSamePods : ManifestAnalyzer
{
    public static readonly RuleDescriptor Rule = new(
        RuleIds.PublicServicesExposeSamePods,
        "Two public Services expose the same pods on the same port",
        "{0} Service '{1}' exposes the same pods on container port {2}/{3} as {4} Service '{5}': two public entry points for one app",
        RuleCategories.Services,
        Severity.Warning,
        Description: "Each LoadBalancer Service gets its own external address (and each NodePort Service its own node port). Two of them for the same pods and port mean two public entry points: DNS, firewalls and TLS end up pointing at one while the other drifts.",
        HelpText: "Keep one public Service per app and port; delete the duplicate, or make it ClusterIP if only the cluster needs it.",
        IsCrossResource: true);

    public override IReadOnlyList<RuleDescriptor> SupportedRules => [Rule];

    public override void Initialize(AnalysisContext context) =>
        context.RegisterRunStartAction(start =>
        {
            // Built once: the public Services of each namespace with the pods they select.
            var exposures = start.Index.OfKind("Service")
                .Select(s => Exposure.TryCreate(start.Index, s))
                .OfType<Exposure>()
                .ToLookup(e => e.Service.Namespace);
            start.RegisterResourceAction(context => Analyze(context, exposures), "Service");
        });

    private static void Analyze(ResourceAnalysisContext context, ILookup<string?, Exposure> exposures)
    {
        var service = context.Resource;
        if (exposures[service.Namespace].FirstOrDefault(e => ReferenceEquals(e.Service, service)) is not { } current)
        {
            return;
        }

        // Report each pair once, on the Service that comes later in output order; the same object declared twice
        // (a base and an overlay in one input) is one Service, not two.
        foreach (var earlier in exposures[service.Namespace].Where(e => e.Service.Reference != service.Reference && ResourceOrder.Instance.Compare(e.Service, service) < 0))
        {
            if (earlier.Internal != current.Internal || earlier.LoadBalancerClass != current.LoadBalancerClass || !SamePods(earlier, current))
            {
                continue; // An internal and an external load balancer for one app is a common, deliberate pair.
            }

            if (SharedPort(current, earlier) is not var (port, other, number))
            {
                continue;
            }

            var related = new RelatedLocation(earlier.Service.LocationOf(other.TargetOrPortNode),
                $"{earlier.Type} Service '{earlier.Service.Name}' sends port {other.Port} to container port {number}");
            context.Report(Rule, service, service.LocationOf(port.TargetOrPortNode),
                [current.Type, service.Name, number, port.Protocol, earlier.Type, earlier.Service.Name], [related],
                $"keep one of '{earlier.Service.Name}' and '{service.Name}' and delete the other, or make one ClusterIP");
            return;
        }
    }

    private static bool SamePods(Exposure a, Exposure b) =>
        a.Pods.Count == b.Pods.Count && a.Pods.ToHashSet(ReferenceEqualityComparer.Instance).SetEquals(b.Pods);

    /// <summary>The first port of <paramref name="current"/> that reaches the same container port on every pod as a port of <paramref name="earlier"/>.</summary>
    private static (ServicePort Port, ServicePort Other, int Number)? SharedPort(Exposure current, Exposure earlier)
    {
        foreach (var port in current.Ports)
        {
            foreach (var other in earlier.Ports.Where(o => o.Protocol == port.Protocol))
            {
                var targets = current.Pods.Select(p => (Mine: port.ResolveOn(p), Theirs: other.ResolveOn(p))).ToList();
                if (targets.All(t => t.Mine is not null && t.Mine == t.Theirs))
                {
                    return (port, other, targets[0].Mine!.Value);
                }
            }
        }

        return null;
    }

    private sealed record Exposure(Resource Service, string Type, IReadOnlyList<PodTemplate> Pods, IReadOnlyList<ServicePort> Ports, bool Internal, string? LoadBalancerClass)
    {
        public static Exposure? TryCreate(ManifestIndex index, Resource service)
        {
            if (service.Spec?.StringAt("type") is not ("LoadBalancer" or "NodePort") || ServiceSelection.SelectedPods(index, service) is not { Count: > 0 } pods)
            {
                return null;
            }

            var ports = ServicePort.Read(service);
            return ports.Count == 0 ? null
                : new Exposure(service, service.Spec.StringAt("type")!, pods, ports, IsInternal(service), service.Spec.StringAt("loadBalancerClass"));
        }

        /// <summary>
        /// Cloud annotations that make a load balancer private: AWS, Azure, OCI and OpenStack "…internal…" flags,
        /// GKE's load-balancer-type: Internal, and the AWS Load Balancer Controller's scheme: internal.
        /// </summary>
        private static bool IsInternal(Resource service) => service.Annotations.Any(a =>
            (a.Key.Contains("internal", StringComparison.OrdinalIgnoreCase) && a.Value is not ("" or "false" or "False")) ||
            (a.Key.EndsWith("load-balancer-type", StringComparison.Ordinal) && a.Value.Equals("Internal", StringComparison.OrdinalIgnoreCase)) ||
            (a.Key.EndsWith("load-balancer-scheme", StringComparison.Ordinal) && a.Value.Equals("internal", StringComparison.OrdinalIgnoreCase)));
    }
}
