using ManifestLint.Core.Engine;
using ManifestLint.Core.Model;
using ManifestLint.Core.World;

namespace ManifestLint.Rules.Ingress;

/// <summary>ML1101: an Ingress backend names a Service that does not exist in the Ingress's namespace. See rules/ML1101.md.</summary>
public sealed class ML1101IngressBackendServiceMissing : ManifestAnalyzer
{
    public static readonly RuleDescriptor Rule = new(
        RuleIds.IngressBackendServiceMissing,
        "Ingress backend Service does not exist",
        "Ingress '{0}' sends traffic to Service '{1}', which does not exist in namespace '{2}'{3}",
        RuleCategories.Ingress,
        Severity.Error,
        Description: "An Ingress can only send traffic to Services of its own namespace. A backend naming a Service that is not there answers every request on that route with an error (typically 503).",
        HelpText: "Name a Service of the Ingress's namespace, create the Service, or move the Ingress to the Service's namespace.",
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

        var ns = ingress.Namespace!;

        // Report each missing name once, at its first backend; the other backends naming it become related locations.
        foreach (var backends in IngressRoutes.ServiceBackends(ingress).GroupBy(b => b.ServiceName, StringComparer.Ordinal))
        {
            var name = backends.Key;
            if (context.World.ResolveObject(ingress, new ObjectQuery("Service", ns, name, s => s.Group == "")) is not { IsAbsent: true, Evidence: { } evidence })
            {
                continue; // Present, or may be created outside the input.
            }

            var related = backends.Skip(1).Select(b => new RelatedLocation(ingress.LocationOf(b.NameNode), $"also a backend of Ingress '{ingress.Name}'")).ToList();
            context.ReportMissing(Rule, ingress, ingress.LocationOf(backends.First().NameNode), evidence, [ingress.Name, name, ns],
                $"create Service '{name}' in namespace '{ns}' (or declare it under externalObjects in .manifestlint.yaml)", related);
        }
    }
}
