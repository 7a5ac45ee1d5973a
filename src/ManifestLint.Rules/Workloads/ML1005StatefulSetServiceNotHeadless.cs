using System.Text.RegularExpressions;
using ManifestLint.Core.Engine;
using ManifestLint.Core.Model;
using ManifestLint.Core.World;
using ManifestLint.Core.Yaml;

namespace ManifestLint.Rules.Workloads;

/// <summary>ML1005: a StatefulSet's serviceName names no Service, or one that is not headless. See rules/ML1005.md.</summary>
public sealed class ML1005StatefulSetServiceNotHeadless : ManifestAnalyzer
{
    public static readonly RuleDescriptor Rule = new(
        RuleIds.StatefulSetServiceNotHeadless,
        "StatefulSet serviceName is not a headless Service",
        "StatefulSet '{0}' serviceName '{1}' {2}{3}",
        RuleCategories.Workloads,
        Severity.Warning,
        Description: "A StatefulSet's pods get stable DNS names (name-0.service.namespace.svc) only from the headless Service (clusterIP: None) named by spec.serviceName. Without it, peers that find each other by those names cannot. An ordinary Service works for everything else, so it is reported only when something in the input uses a per-pod name.",
        HelpText: "Create a headless Service (clusterIP: None) with that name that selects the StatefulSet's pods, or correct serviceName.",
        IsCrossResource: true);

    public override IReadOnlyList<RuleDescriptor> SupportedRules => [Rule];

    public override void Initialize(AnalysisContext context) => context.RegisterResourceAction(Analyze, "StatefulSet");

    private static void Analyze(ResourceAnalysisContext context)
    {
        var statefulSet = context.Resource;
        if (statefulSet.Group != "apps" || statefulSet.Namespace is not { } ns || statefulSet.Spec?.ScalarAt("serviceName") is not { IsNull: false, Value.Length: > 0 } nameNode)
        {
            return; // serviceName is optional since Kubernetes 1.32: without it the pods simply get no per-pod DNS names.
        }

        var name = nameNode.Value;
        var resolution = context.World.ResolveObject(statefulSet, new ObjectQuery("Service", ns, name, s => s.Group == ""));
        if (resolution is { IsAbsent: true, Evidence: { } evidence })
        {
            context.ReportMissing(Rule, statefulSet, statefulSet.LocationOf(nameNode), evidence, [statefulSet.Name, name, $"names no Service in namespace '{ns}'"],
                $"create a headless Service '{name}' (clusterIP: None) in namespace '{ns}' that selects the StatefulSet's pods");
            return;
        }

        if (resolution.Presence != Presence.Present || resolution.Targets.FirstOrDefault() is not { } service)
        {
            return; // Unknowable: the Service may be created outside the input.
        }

        var clusterIp = service.Spec?.ScalarAt("clusterIP");
        if (clusterIp?.Value == "None" || PerPodAddressUser(context, statefulSet, name) is not { } user)
        {
            return; // Headless, or nothing in the input relies on per-pod DNS names: an ordinary Service works.
        }

        var type = service.Spec?.StringAt("type") ?? "ClusterIP";
        var where = clusterIp is not null ? service.LocationOf(clusterIp) : service.Location;
        var related = new List<RelatedLocation>
        {
            new(where, $"Service '{name}' is {type} with {(clusterIp is null ? "an allocated cluster IP" : $"clusterIP {clusterIp.Value}")}"),
            new(user.Location, $"{user.Owner} uses the per-pod name {user.Address}"),
        };
        context.Report(Rule, statefulSet, statefulSet.LocationOf(nameNode),
            [statefulSet.Name, name, $"names Service '{name}', which is not headless (clusterIP: None), so the per-pod name {user.Address} that {user.Owner} uses does not resolve", ""], related,
            $"set clusterIP: None on Service '{name}' (clusterIP is immutable: recreate it), or point serviceName at a headless Service");
    }

    /// <summary>
    /// The first place in the namespace that uses a per-pod DNS name of the StatefulSet (<c>db-0.db</c>, in a container's
    /// env, args or command, or a ConfigMap's data): the evidence that the missing per-pod names break something.
    /// </summary>
    private static (string Owner, string Address, Location Location)? PerPodAddressUser(ResourceAnalysisContext context, Resource statefulSet, string service)
    {
        var pattern = new Regex($@"(?<![A-Za-z0-9.\-]){Regex.Escape(statefulSet.Name)}-[0-9]+\.{Regex.Escape(service)}(?![A-Za-z0-9\-])", RegexOptions.CultureInvariant);
        foreach (var template in context.Index.PodTemplatesIn(statefulSet.Namespace!))
        {
            foreach (var container in template.Containers)
            {
                var values = (container.Node.SequenceAt("command")?.Items ?? []).Concat(container.Node.SequenceAt("args")?.Items ?? [])
                    .Concat((container.Node.SequenceAt("env")?.Mappings() ?? []).Select(e => e.Get("value")).OfType<ManifestNode>())
                    .OfType<ScalarNode>();
                foreach (var value in values)
                {
                    if (pattern.Match(value.Value) is { Success: true } match)
                    {
                        return ($"{template.Owner.Kind} '{template.Owner.Name}'", match.Value, template.Owner.LocationOf(value));
                    }
                }
            }
        }

        foreach (var configMap in context.Index.OfKindIn("ConfigMap", statefulSet.Namespace!))
        {
            foreach (var entry in configMap.Root.MappingAt("data")?.Entries ?? [])
            {
                if (entry.Value is ScalarNode value && pattern.Match(value.Value) is { Success: true } match)
                {
                    return ($"ConfigMap '{configMap.Name}'", match.Value, configMap.LocationOf(value));
                }
            }
        }

        return null;
    }
}
