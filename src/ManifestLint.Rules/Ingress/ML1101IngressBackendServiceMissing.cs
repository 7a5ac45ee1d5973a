using ManifestLint.Core.Engine;
using ManifestLint.Core.Model;

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
        var index = context.Index;

        // Report each missing name once, at its first backend; the other backends naming it become related locations.
        foreach (var backends in IngressRoutes.ServiceBackends(ingress).GroupBy(b => b.ServiceName, StringComparer.Ordinal))
        {
            var name = backends.Key;
            if (index.FindAll("Service", ns, name).Any(s => s.Group == "") || index.IsDeclaredExternally("Service", ns, name))
            {
                continue;
            }

            // Quiet unless the input knows this namespace's Services, or the Service evidently sits in another namespace.
            var elsewhere = index.FindInAnyNamespace("Service", name).FirstOrDefault(s => s.Group == "");
            if (elsewhere is null && !index.DeclaresKindIn("Service", ns))
            {
                continue;
            }

            var related = backends.Skip(1).Select(b => new RelatedLocation(ingress.LocationOf(b.NameNode), $"also a backend of Ingress '{ingress.Name}'")).ToList();
            string detail;
            string help;
            if (elsewhere is not null)
            {
                related.Insert(0, new RelatedLocation(elsewhere.Location, $"Service '{name}' in namespace '{elsewhere.Namespace}'"));
                detail = $"; it exists only in namespace '{elsewhere.Namespace}' (an Ingress can only use Services of its own namespace)";
                help = $"move Ingress '{ingress.Name}' to namespace '{elsewhere.Namespace}', or create Service '{name}' in namespace '{ns}'";
            }
            else if (SimilarNames.Closest(name, index.OfKindIn("Service", ns).Where(s => s.Group == ""), s => s.Name) is { } similar)
            {
                related.Insert(0, new RelatedLocation(similar.Location, $"Service '{similar.Name}'"));
                detail = $"; did you mean '{similar.Name}'?";
                help = $"name Service '{similar.Name}', or create Service '{name}' in namespace '{ns}'";
            }
            else
            {
                detail = "";
                help = $"create Service '{name}' in namespace '{ns}' (or declare it under externalObjects in .manifestlint.yaml)";
            }

            context.Report(Rule, ingress, ingress.LocationOf(backends.First().NameNode), [ingress.Name, name, ns, detail], related, help);
        }
    }
}
