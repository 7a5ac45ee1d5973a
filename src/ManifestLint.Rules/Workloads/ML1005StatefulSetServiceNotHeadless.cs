using ManifestLint.Core.Engine;
using ManifestLint.Core.Model;

namespace ManifestLint.Rules.Workloads;

/// <summary>ML1005: a StatefulSet's serviceName names no Service, or one that is not headless. See rules/ML1005.md.</summary>
public sealed class ML1005StatefulSetServiceNotHeadless : ManifestAnalyzer
{
    public static readonly RuleDescriptor Rule = new(
        RuleIds.StatefulSetServiceNotHeadless,
        "StatefulSet serviceName is not a headless Service",
        "StatefulSet '{0}' serviceName '{1}' {2}",
        RuleCategories.Workloads,
        Severity.Warning,
        Description: "A StatefulSet's pods get stable DNS names (name-0.service.namespace.svc) only from the headless Service (clusterIP: None) named by spec.serviceName. Without it, peers that find each other by those names cannot.",
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
        var service = context.Index.FindAll("Service", ns, name).FirstOrDefault(s => s.Group == "");
        if (service is null)
        {
            ReportMissing(context, statefulSet, nameNode, ns, name);
            return;
        }

        var clusterIp = service.Spec?.ScalarAt("clusterIP");
        if (clusterIp?.Value == "None")
        {
            return;
        }

        var type = service.Spec?.StringAt("type") ?? "ClusterIP";
        var where = clusterIp is not null ? service.LocationOf(clusterIp) : service.Location;
        var related = new RelatedLocation(where, $"Service '{name}' is {type} with {(clusterIp is null ? "an allocated cluster IP" : $"clusterIP {clusterIp.Value}")}");
        context.Report(Rule, statefulSet, statefulSet.LocationOf(nameNode),
            [statefulSet.Name, name, $"names Service '{name}', which is not headless (clusterIP: None), so its pods get no stable DNS names"], [related],
            $"set clusterIP: None on Service '{name}' (clusterIP is immutable: recreate it), or point serviceName at a headless Service");
    }

    private static void ReportMissing(ResourceAnalysisContext context, Resource statefulSet, Core.Yaml.ScalarNode nameNode, string ns, string name)
    {
        if (context.Index.IsDeclaredExternally("Service", ns, name) || !context.Index.DeclaresKindIn("Service", ns))
        {
            return; // Declared elsewhere, or the input holds no Services of this namespace at all: it cannot know.
        }

        var related = new List<RelatedLocation>();
        var detail = $"names no Service in namespace '{ns}'";
        if (context.Index.FindInAnyNamespace("Service", name).FirstOrDefault(s => s.Group == "") is { } elsewhere)
        {
            detail += $"; a Service with this name exists in namespace '{elsewhere.Namespace}' (a StatefulSet's Service must be in its own namespace)";
            related.Add(new RelatedLocation(elsewhere.Location, $"Service '{name}' in namespace '{elsewhere.Namespace}'"));
        }
        else if (SimilarNames.Closest(name, context.Index.OfKindIn("Service", ns).Where(s => s.Group == ""), s => s.Name) is { } similar)
        {
            detail += $"; did you mean '{similar.Name}'?";
            related.Add(new RelatedLocation(similar.Location, $"Service '{similar.Name}'"));
        }

        context.Report(Rule, statefulSet, statefulSet.LocationOf(nameNode), [statefulSet.Name, name, detail], related,
            $"create a headless Service '{name}' (clusterIP: None) in namespace '{ns}' that selects the StatefulSet's pods");
    }
}
