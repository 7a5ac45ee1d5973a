using ManifestLint.Core.Engine;
using ManifestLint.Core.Index;
using ManifestLint.Core.Model;

namespace ManifestLint.Rules.Ingress;

/// <summary>ML1105: two Ingresses of the same class route the same host and path. See rules/ML1105.md.</summary>
public sealed class ML1105IngressRouteConflict : ManifestAnalyzer
{
    public static readonly RuleDescriptor Rule = new(
        RuleIds.IngressRouteConflict,
        "Two Ingresses route the same host and path",
        "Ingress '{0}' routes {1} {2} ({3}), which Ingress '{4}' in namespace '{5}' also routes for class {6}: the controller serves only one of them",
        RuleCategories.Ingress,
        Severity.Warning,
        Description: "Controllers merge the Ingresses of one class into one configuration per host. When two define the same path with the same pathType, one silently wins (for ingress-nginx, the oldest) and the other's backend never gets that traffic; ingress-nginx's admission webhook rejects the second.",
        HelpText: "Keep the route in one Ingress, or change the host or path of one of them.",
        IsCrossResource: true);

    public const string DefaultClassAnnotation = "ingressclass.kubernetes.io/is-default-class";

    /// <summary>ingress-nginx canary Ingresses repeat the main Ingress's routes by design.</summary>
    private const string CanaryAnnotation = "nginx.ingress.kubernetes.io/canary";

    public override IReadOnlyList<RuleDescriptor> SupportedRules => [Rule];

    public override void Initialize(AnalysisContext context) =>
        context.RegisterRunStartAction(start =>
        {
            var defaultClass = DefaultClass(start.Index);
            var routes = start.Index.OfKind("Ingress")
                .Where(i => IngressRoutes.IsIngress(i) && !IsCanary(i))
                .SelectMany(i => IngressRoutes.Paths(i).Select(p => (Key: Key(EffectiveClass(i, defaultClass), p), Ingress: i, Path: p)))
                .ToLookup(r => r.Key, r => (r.Ingress, r.Path));
            start.RegisterResourceAction(context => Analyze(context, defaultClass, routes), "Ingress");
        });

    private static void Analyze(ResourceAnalysisContext context, string? defaultClass, ILookup<RouteKey, (Resource Ingress, IngressPath Path)> routes)
    {
        var ingress = context.Resource;
        if (!IngressRoutes.IsIngress(ingress) || IsCanary(ingress))
        {
            return;
        }

        var effectiveClass = EffectiveClass(ingress, defaultClass);
        foreach (var path in IngressRoutes.Paths(ingress))
        {
            // Report on the later Ingress in output order; the same object declared twice (base and overlay) is one object.
            var earlier = routes[Key(effectiveClass, path)]
                .Where(r => r.Ingress.Reference != ingress.Reference && ResourceOrder.Instance.Compare(r.Ingress, ingress) < 0)
                .ToList();
            if (earlier.Count == 0)
            {
                continue;
            }

            var first = earlier[0].Ingress;
            var related = earlier.Take(3)
                .Select(r => new RelatedLocation(r.Ingress.LocationOf(r.Path.PathNode), $"Ingress '{r.Ingress.Name}' in namespace '{r.Ingress.Namespace}' routes the same path"))
                .ToList();
            var host = path.Host.Length == 0 ? "every host" : $"host '{path.Host}'";
            var shownPath = path.Path is null ? "(no path)" : $"path '{path.Path}'";
            var shownClass = effectiveClass is null ? "(none)" : $"'{effectiveClass}'";
            context.Report(Rule, ingress, ingress.LocationOf(path.PathNode), [ingress.Name, host, shownPath, path.PathType, first.Name, first.Namespace, shownClass], related,
                $"move this route into Ingress '{first.Name}', or give one of them another host or path");
        }
    }

    /// <summary>The class a controller will see: spec.ingressClassName, the legacy annotation, else the input's one default IngressClass; null when unspecified.</summary>
    private static string? EffectiveClass(Resource ingress, string? defaultClass) => IngressRoutes.RequestedClass(ingress) ?? defaultClass;

    private static string? DefaultClass(ManifestIndex index)
    {
        var defaults = index.OfKind("networking.k8s.io", "IngressClass")
            .Where(c => c.Annotations.TryGetValue(DefaultClassAnnotation, out var value) && value == "true")
            .Select(c => c.Name)
            .Distinct()
            .ToList();
        return defaults.Count == 1 ? defaults[0] : null;
    }

    private static bool IsCanary(Resource ingress) => ingress.Annotations.TryGetValue(CanaryAnnotation, out var value) && value == "true";

    /// <summary>Exact and Prefix of the same path are different routes (Exact wins for the exact path), so the pathType is part of the key.</summary>
    private static RouteKey Key(string? effectiveClass, IngressPath path) => new(effectiveClass, path.Host, path.NormalizedPath, path.PathType);

    private sealed record RouteKey(string? Class, string Host, string Path, string PathType);
}
