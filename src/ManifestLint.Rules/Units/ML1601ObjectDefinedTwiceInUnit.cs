using ManifestLint.Core.Engine;
using ManifestLint.Core.Model;
using ManifestLint.Core.World;
using ManifestLint.Core.Yaml;

namespace ManifestLint.Rules.Units;

/// <summary>ML1601: one object defined twice, differently, where both definitions are applied together. See rules/ML1601.md.</summary>
public sealed class ML1601ObjectDefinedTwiceInUnit : ManifestAnalyzer
{
    public static readonly RuleDescriptor Rule = new(
        RuleIds.ObjectDefinedTwiceInUnit,
        "Object is defined twice, differently, in what is applied together",
        "{0} '{1}' is defined again here, differently from {2}: applied together, the later definition silently replaces the earlier one",
        RuleCategories.Units,
        Severity.Warning,
        Description: "kubectl apply -f applies every document of a file (or stream) in order, so a second, different definition of the same object silently wins, and whoever edits the first one sees no effect.",
        HelpText: "Keep one definition of the object, or give the second its own name or namespace.",
        IsCrossResource: true);

    public override IReadOnlyList<RuleDescriptor> SupportedRules => [Rule];

    public override void Initialize(AnalysisContext context) => context.RegisterRunStartAction(start =>
    {
        // Definitions of one object that are certainly applied together: the same file, or the same stream (standard
        // input) or declared unit. Files of a plain folder are not: a folder of examples holds variants applied one at a
        // time, and an overlay's patches define parts of the objects they change.
        // Objects first, scopes only for the few defined more than once: a scope per resource was most of this rule's time.
        var earlierOf = new Dictionary<Resource, Resource>(ReferenceEqualityComparer.Instance);
        foreach (var sameObject in start.Index.Resources.GroupBy(r => (r.Group, r.Kind, r.Namespace, r.Name)).Where(g => g.Skip(1).Any()))
        {
            foreach (var group in sameObject.GroupBy(r => ScopeOf(start.World, r)))
            {
                var definitions = group.ToList();
                for (var i = 1; i < definitions.Count; i++)
                {
                    earlierOf[definitions[i]] = definitions[i - 1];
                }
            }
        }

        if (earlierOf.Count > 0)
        {
            start.RegisterResourceAction(c => Analyze(c, earlierOf));
        }
    });

    private static void Analyze(ResourceAnalysisContext context, Dictionary<Resource, Resource> earlierOf)
    {
        var later = context.Resource;
        if (!earlierOf.TryGetValue(later, out var earlier) || SameContent.Equal(earlier.Root, later.Root))
        {
            return; // The same definition twice changes nothing.
        }

        var where = earlier.File == later.File ? $"the one at line {earlier.Location.Span.Start.Line}" : $"the one in {earlier.File.Path}";
        context.Report(Rule, later, later.Location, [later.Kind, later.Name, where],
            [new RelatedLocation(earlier.Location, $"the earlier definition of {later.Kind} '{later.Name}'")],
            $"remove one of the two definitions of {later.Kind} '{later.Name}', or rename one");
    }

    /// <summary>What is applied together with the resource: its file, or its whole unit when the unit is one stream or declared.</summary>
    private static string ScopeOf(WorldModel world, Resource resource) =>
        world.UnitOf(resource) is { Kind: DeploymentUnitKind.Stream or DeploymentUnitKind.Configured } unit ? "unit:" + unit.Root : "file:" + resource.File.Path;
}
