using ManifestLint.Core.Engine;
using ManifestLint.Core.Model;
using ManifestLint.Core.Schema;

namespace ManifestLint.Rules.Schema;

/// <summary>What the Schema rules share: the engine validates each object once; each rule reports its kind of violation where it sits.</summary>
internal static class SchemaFindings
{
    /// <summary>
    /// Registers a Schema rule's resource action only when some object of the run has its kind of violation: most runs
    /// have none of most kinds, and the rules, each called for every object, were a third of the 3 million action
    /// calls of a 10,000-app run, all finding nothing.
    /// </summary>
    public static void OnViolations(AnalysisContext context, SchemaViolationKind kind, ResourceAction analyze) =>
        context.RegisterRunStartAction(start =>
        {
            if (start.Index.Resources.Any(r => r.SchemaViolations.Count > 0 && r.SchemaViolations.Any(v => v.Kind == kind)))
            {
                start.RegisterResourceAction(analyze);
            }
        });

    public static IEnumerable<SchemaViolation> Of(Resource resource, SchemaViolationKind kind) =>
        resource.SchemaViolations.Count == 0 ? [] : resource.SchemaViolations.Where(v => v.Kind == kind);

    public static Location LocationOf(Resource resource, SchemaViolation violation) =>
        new(resource.File.Path, violation.Span, resource.HelmSource);

    /// <summary>The object's path for people, or the kind itself at the top level.</summary>
    public static string Where(Resource resource, string path) => path.Length == 0 ? resource.Kind : path;

    /// <summary>The path of the object that holds the field the violation names.</summary>
    public static string Parent(string path)
    {
        var dot = path.LastIndexOf('.');
        return dot < 0 ? "" : path[..dot];
    }
}
