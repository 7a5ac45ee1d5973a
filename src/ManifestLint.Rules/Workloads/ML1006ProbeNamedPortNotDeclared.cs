using ManifestLint.Core.Engine;
using ManifestLint.Core.Model;

namespace ManifestLint.Rules.Workloads;

/// <summary>ML1006: a probe uses a named port that the probed container does not declare. See rules/ML1006.md.</summary>
public sealed class ML1006ProbeNamedPortNotDeclared : ManifestAnalyzer
{
    public static readonly RuleDescriptor Rule = new(
        RuleIds.ProbeNamedPortNotDeclared,
        "Probe uses a named port the container does not declare",
        "{0} of container '{1}' uses port '{2}', which container '{1}' does not declare{3}",
        RuleCategories.Workloads,
        Severity.Error,
        Description: "The kubelet resolves a probe's named port only among the ports of the probed container. A name it does not declare makes every probe fail: a liveness probe restarts the container forever, a readiness probe keeps the pod out of every Service.",
        HelpText: "Declare the port with that name on the probed container, or use the port's number or a name the container declares.");

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
            if (probe.Name is not { } name || probe.Container.Ports.Any(p => p.Name == name))
            {
                continue;
            }

            var related = new List<RelatedLocation>();
            var detail = probe.Container.Ports.Count == 0 ? " (it declares no ports)" : $" (it declares {string.Join(", ", probe.Container.Ports)})";
            var elsewhere = pod.Containers.Where(c => c.ServesTraffic && !ReferenceEquals(c, probe.Container))
                .SelectMany(c => c.Ports.Where(p => p.Name == name).Select(p => (Container: c, Port: p)))
                .FirstOrDefault();
            if (elsewhere.Port is { } other)
            {
                detail += $"; container '{elsewhere.Container.Name}' declares it, but a probe's named port is resolved only in the probed container";
                related.Add(new RelatedLocation(owner.LocationOf(other.Node), $"container '{elsewhere.Container.Name}' declares port '{name}'"));
            }

            var help = elsewhere.Port?.Number is { } number
                ? $"use port {number} (pods share one network namespace), or declare '{name}' on container '{probe.Container.Name}'"
                : $"declare a port named '{name}' on container '{probe.Container.Name}', or probe a port it declares";
            context.Report(Rule, owner, owner.LocationOf(probe.PortNode), [probe.ToString(), probe.Container.Name, name, detail], related, help);
        }
    }
}
