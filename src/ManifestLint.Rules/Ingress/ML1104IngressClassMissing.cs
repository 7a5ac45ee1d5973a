using ManifestLint.Core.Engine;
using ManifestLint.Core.Model;
using ManifestLint.Core.World;

namespace ManifestLint.Rules.Ingress;

/// <summary>ML1104: an Ingress's ingressClassName names no IngressClass of the input. See rules/ML1104.md.</summary>
public sealed class ML1104IngressClassMissing : ManifestAnalyzer
{
    public static readonly RuleDescriptor Rule = new(
        RuleIds.IngressClassMissing,
        "Ingress class does not exist",
        "Ingress '{0}' asks for IngressClass '{1}', but the input declares only {2}{3}",
        RuleCategories.Ingress,
        Severity.Warning,
        Description: "No controller serves an Ingress whose ingressClassName names no IngressClass: it gets no address and its routes are never served.",
        HelpText: "Use the name of an IngressClass the cluster has.",
        IsCrossResource: true);

    public override IReadOnlyList<RuleDescriptor> SupportedRules => [Rule];

    public override void Initialize(AnalysisContext context) => context.RegisterResourceAction(Analyze, "Ingress");

    private static void Analyze(ResourceAnalysisContext context)
    {
        var ingress = context.Resource;
        if (!IngressRoutes.IsIngress(ingress) || ingress.Spec?.ScalarAt("ingressClassName") is not { IsNull: false, Value.Length: > 0 } nameNode)
        {
            return;
        }

        // An IngressClass is cluster-wide and usually comes with its controller, from outside the input: only a near miss
        // (a class of the unit with a similar name) or a completeness declaration says this one should be in it.
        var name = nameNode.Value;
        if (context.World.ResolveObject(ingress, new ObjectQuery("IngressClass", null, name, c => c.Group == "networking.k8s.io")) is not { IsAbsent: true, Evidence: { } evidence })
        {
            return;
        }

        var declared = context.Index.OfKind("networking.k8s.io", "IngressClass").Select(c => $"'{c.Name}'").Distinct().Take(5).ToList();
        context.ReportMissing(Rule, ingress, ingress.LocationOf(nameNode), evidence, [ingress.Name, name, declared.Count == 0 ? "none" : string.Join(", ", declared)],
            "use one of the declared IngressClasses, or declare the class under externalObjects if the cluster provides it");
    }
}
