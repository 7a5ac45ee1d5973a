using ManifestLint.Core.Engine;
using ManifestLint.Core.Model;
using ManifestLint.Core.World;
using ManifestLint.Core.Yaml;

namespace ManifestLint.Rules.Services;

/// <summary>ML1003: a Service's targetPort is not a port that the selected pods declare. See rules/ML1003.md.</summary>
public sealed class ML1003ServiceTargetPortNotDeclared : ManifestAnalyzer
{
    public static readonly RuleDescriptor Rule = new(
        RuleIds.ServiceTargetPortNotDeclared,
        "Service targetPort is not declared by the selected pods",
        "Service '{0}' targetPort {1} is not declared by any container of the pods it selects{2}",
        RuleCategories.Services,
        Severity.Error,
        Description: "Traffic to the Service is forwarded to targetPort on each pod. A named port that no container declares gets no endpoints; a number no container declares usually means the app listens elsewhere.",
        HelpText: "Point targetPort at a port the container declares (by name or number), or declare the port on the container.",
        IsCrossResource: true);

    public override IReadOnlyList<RuleDescriptor> SupportedRules => [Rule];

    public override void Initialize(AnalysisContext context) => context.RegisterResourceAction(Analyze, "Service");

    private static void Analyze(ResourceAnalysisContext context)
    {
        var service = context.Resource;
        if (!ServiceSelection.SelectsPods(service) ||
            context.World.SelectPods(service, service.Namespace!, LabelSelector.FromMap(service.Spec!.MappingAt("selector")!)) is not { Presence: Presence.Present } selection)
        {
            return; // Selects no pods by design, or selects none of the input's: ML1001's finding, not ours.
        }

        var pods = selection.Pods;
        if (pods.Any(p => !p.HasKnownContainers))
        {
            return; // An operator builds some of these pods: their containers, and so their ports, are not in the input.
        }

        foreach (var port in ServicePort.Read(service))
        {
            if (TemplatePlaceholders.IsPlaceholder(port.TargetName))
            {
                continue; // Filled in by a tool before it is applied: the real value is unknown.
            }

            if (port.TargetName is { } name)
            {
                CheckName(context, service, pods, name, port.Protocol, port.TargetOrPortNode);
            }
            else
            {
                CheckNumber(context, service, pods, port.TargetNumber!.Value, port.Protocol, port.TargetOrPortNode, defaulted: port.TargetNode is not { IsNull: false });
            }
        }
    }

    private static void CheckNumber(ResourceAnalysisContext context, Resource service, IReadOnlyList<PodTemplate> pods, int number, string protocol, ManifestNode at, bool defaulted)
    {
        // Declaring containerPort is optional: a pod that declares no ports may still listen, so only judge pods that declare some.
        if (pods.Any(p => !p.ServingPorts().Any()))
        {
            return;
        }

        if (pods.Any(p => p.ServingPorts().Any(x => x.Port.Number == number && x.Port.Protocol == protocol)))
        {
            return;
        }

        // The declared ports are the evidence only when they are the whole story: a port named in the container's
        // arguments, environment or mounted configuration (--metrics-bind-address=:8443) is listened on undeclared.
        if (pods.Any(p => context.World.MayListenUndeclared(p, number)))
        {
            return;
        }

        var shown = defaulted ? $"{number} (defaulted from port)" : number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Report(context, service, pods, at, $"{shown}/{protocol}");
    }

    private static void CheckName(ResourceAnalysisContext context, Resource service, IReadOnlyList<PodTemplate> pods, string name, string protocol, ManifestNode at)
    {
        if (name.All(char.IsAsciiDigit))
        {
            // A quoted number is a string, and a string targetPort is a port name; port names must contain a letter.
            context.Report(Rule, service, service.LocationOf(at),
                [service.Name, $"'{name}'/{protocol}", $" (the quotes make it a port name, not the number {name}; a port name must contain a letter, so the API server rejects the Service)"], [],
                $"write targetPort: {name} without quotes");
            return;
        }

        if (pods.Any(p => p.ServingPorts().Any(x => x.Port.Name == name && x.Port.Protocol == protocol)))
        {
            return;
        }

        var otherProtocol = pods.SelectMany(p => p.ServingPorts()).FirstOrDefault(x => x.Port.Name == name);
        var shown = otherProtocol.Port is { } p2 ? $"'{name}'/{protocol} (the pods declare '{name}' with protocol {p2.Protocol})" : $"'{name}'/{protocol}";
        Report(context, service, pods, at, shown);
    }

    private static void Report(ResourceAnalysisContext context, Resource service, IReadOnlyList<PodTemplate> pods, ManifestNode at, string shownPort)
    {
        var first = pods[0];
        var detail = first.ServingPorts().Any() ? $" ({first.Owner.Kind} '{first.Owner.Name}' declares {Describe(first)})" : "";
        var related = pods.Take(3)
            .Select(p => new RelatedLocation(p.Owner.LocationOf(p.Containers.FirstOrDefault(c => c.Ports.Count > 0)?.Node.Get("ports") ?? p.Template),
                $"{p.Owner.Kind} '{p.Owner.Name}' declares {Describe(p)}"))
            .ToList();
        // A mistake in the pods' ports (a misspelled containerPort) is often the cause: the schema rules report it, and
        // this finding points there, so the two read as one problem with one fix.
        var cause = pods.SelectMany(p => p.Owner.SchemaViolations.Select(v => (Pod: p, Violation: v)))
            .FirstOrDefault(x => x.Violation.Pointer.Contains("ontainers/", StringComparison.Ordinal) && x.Violation.Pointer.Contains("/ports", StringComparison.Ordinal));
        if (cause.Violation is { } violation)
        {
            detail += $"; the pods' ports have a schema error at {violation.Path}, which likely explains it";
            related.Insert(0, new RelatedLocation(new Location(cause.Pod.Owner.File.Path, violation.Span, cause.Pod.Owner.HelmSource),
                $"schema error in the ports of {cause.Pod.Owner.Kind} '{cause.Pod.Owner.Name}': {violation.Path}"));
        }

        context.Report(Rule, service, service.LocationOf(at), [service.Name, shownPort, detail], related,
            cause.Violation is null
                ? "set targetPort to a port the container declares, or add the port to the container's ports"
                : "fix the schema error in the container's ports first (ML2001-ML2004 report it)");
    }

    private static string Describe(PodTemplate pod)
    {
        var ports = pod.ServingPorts().Select(x => x.Port.ToString()).ToList();
        return ports.Count == 0 ? "no ports" : string.Join(", ", ports);
    }
}
