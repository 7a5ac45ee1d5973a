using ManifestLint.Core.Engine;
using ManifestLint.Core.Model;

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

    public override void Initialize(AnalysisContext context) =>
        context.RegisterRunStartAction(start =>
        {
            var classes = start.Index.OfKind("networking.k8s.io", "IngressClass").ToList();
            if (classes.Count == 0)
            {
                return; // The input declares no IngressClass: the cluster's controllers bring their own.
            }

            start.RegisterResourceAction(context => Analyze(context, classes), "Ingress");
        });

    private static void Analyze(ResourceAnalysisContext context, IReadOnlyList<Resource> classes)
    {
        var ingress = context.Resource;
        if (!IngressRoutes.IsIngress(ingress) || ingress.Spec?.ScalarAt("ingressClassName") is not { IsNull: false, Value.Length: > 0 } nameNode)
        {
            return;
        }

        var name = nameNode.Value;
        if (classes.Any(c => c.Name == name) || context.Index.IsDeclaredExternally("IngressClass", null, name))
        {
            return;
        }

        var declared = string.Join(", ", classes.Select(c => $"'{c.Name}'").Distinct().Take(5));
        var related = classes.Take(3).Select(c => new RelatedLocation(c.Location, $"IngressClass '{c.Name}'")).ToList();
        var similar = SimilarNames.Closest(name, classes, c => c.Name);
        var detail = similar is null ? "" : $"; did you mean '{similar.Name}'?";
        context.Report(Rule, ingress, ingress.LocationOf(nameNode), [ingress.Name, name, declared, detail], related,
            similar is null ? "use one of the declared IngressClasses, or declare the class under externalObjects if the cluster provides it"
                : $"use ingressClassName '{similar.Name}'");
    }
}
