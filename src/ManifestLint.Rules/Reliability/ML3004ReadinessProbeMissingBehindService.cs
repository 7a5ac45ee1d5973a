using ManifestLint.Core.Engine;
using ManifestLint.Core.Model;
using ManifestLint.Rules.SingleObject;

namespace ManifestLint.Rules.Reliability;

/// <summary>ML3004: pods that a Service of the input sends traffic to, with no readiness probe. See rules/ML3004.md.</summary>
public sealed class ML3004ReadinessProbeMissingBehindService() : PodRule(Rule)
{
    public static readonly RuleDescriptor Rule = new(
        RuleIds.ReadinessProbeMissingBehindService,
        "Container behind a Service has no readiness probe",
        "{0} has no readinessProbe (nor has any container of its pod), but Service '{1}' sends it traffic: each new or restarted pod receives requests as soon as its process starts, before it can answer them",
        RuleCategories.Reliability,
        Severity.Warning,
        Description: "Without a readiness probe a container is ready as soon as it starts. A Service then routes requests to pods that are still starting, and a rollout replaces working pods with ones that are not serving yet: every deploy and restart drops requests.",
        HelpText: "Add a readinessProbe that succeeds only when the container can serve (an HTTP endpoint, a TCP port or a gRPC health check).",
        IsCrossResource: true);

    protected override IEnumerable<Finding> Inspect(WorkloadPod pod)
    {
        if (pod.RunsToCompletion)
        {
            yield break; // A Job's pods are not long-running backends; a Service in front of them is for discovery.
        }

        var services = RunFacts.ServicesSelecting(pod.Index, pod.Template)
            .Where(s => s.Spec!.ScalarAt("publishNotReadyAddresses")?.AsBoolean() != true)
            .ToList();
        if (services.Count == 0)
        {
            yield break; // No Service sends it traffic, or every one publishes not-ready pods on purpose (peer discovery).
        }

        var running = pod.Containers(ContainerScope.Running).ToList();
        if (running.Any(HasReadinessProbe))
        {
            yield break; // A pod is ready only when all its containers are: one probe gates the traffic to every container.
        }

        var served = running
            .Select(c => (Container: c, Service: services.FirstOrDefault(s => Targets(s, pod.Template, c.Container))))
            .Where(pair => pair.Service is not null)
            .ToList();
        if (served.Count == 0 && running.FirstOrDefault(c => c.Role == ContainerScope.Regular) is { } first)
        {
            served = [(first, services[0])]; // The Service's target ports are not declared: point at the first container.
        }

        foreach (var (container, service) in served)
        {
            yield return Finding.At(container.NameNode, container.Description, service!.Name);
        }
    }

    private static bool HasReadinessProbe(WorkloadContainer container) => container.Node.MappingAt("readinessProbe") is not null;

    private static bool Targets(Resource service, PodTemplate pod, Container container) =>
        ServicePort.Read(service).Any(port => port.ResolveOn(pod) is { } number && container.Ports.Any(p => p.Number == number && p.Protocol == port.Protocol));
}
