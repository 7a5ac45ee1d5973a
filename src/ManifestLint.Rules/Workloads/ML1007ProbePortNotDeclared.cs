using ManifestLint.Core.Engine;
using ManifestLint.Core.Model;

namespace ManifestLint.Rules.Workloads;

/// <summary>ML1007: a probe's numeric port is declared by no container of the pod. See rules/ML1007.md.</summary>
public sealed class ML1007ProbePortNotDeclared : ManifestAnalyzer
{
    public static readonly RuleDescriptor Rule = new(
        RuleIds.ProbePortNotDeclared,
        "Probe port is not declared by any container",
        "{0} of container '{1}' uses port {2}, which no container of the pod declares (container '{1}' declares {3})",
        RuleCategories.Workloads,
        Severity.Info,
        Description: "A probe on a port nobody listens on fails every time. When the probed container declares its ports and none of the pod's containers declares the probed one, the probe may point at the wrong port (or at a health port the container does not declare).",
        HelpText: "Probe a port the container declares, or declare the port the application listens on.");

    public override IReadOnlyList<RuleDescriptor> SupportedRules => [Rule];

    public override void Initialize(AnalysisContext context) => context.RegisterPodTemplateAction(Analyze);

    private static void Analyze(ResourceAnalysisContext context)
    {
        if (context.PodTemplate is not { } pod)
        {
            return;
        }

        var owner = pod.Owner;
        foreach (var probe in ContainerProbes.PortsOf(pod))
        {
            if (probe.Number is not { } number || probe.HasHost)
            {
                continue; // Named ports are ML1006's; a probe with a host checks another machine.
            }

            if (probe.Container.Ports.Count == 0)
            {
                continue; // Declaring containerPort is optional: a container that declares none may listen anywhere.
            }

            // Containers of a pod share one network namespace: a port any serving container declares is fine.
            if (pod.ServingPorts().Any(p => p.Port.Number == number))
            {
                continue;
            }

            var declared = string.Join(", ", probe.Container.Ports);
            var portsNode = probe.Container.Node.KeyOf("ports") ?? (Core.Yaml.ManifestNode)probe.Container.Node;
            var related = new RelatedLocation(owner.LocationOf(portsNode), $"container '{probe.Container.Name}' declares {declared}");
            context.Report(Rule, owner, owner.LocationOf(probe.PortNode), [probe.ToString(), probe.Container.Name, number, declared], [related],
                $"probe one of the declared ports ({declared}), or add containerPort {number} if the application listens there");
        }
    }
}
