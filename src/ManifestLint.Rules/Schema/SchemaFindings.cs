using ManifestLint.Core.Engine;
using ManifestLint.Core.Model;
using ManifestLint.Core.Schema;

namespace ManifestLint.Rules.Schema;

/// <summary>What the Schema rules share: the engine validates each object once; each rule reports its kind of violation where it sits.</summary>
internal static class SchemaFindings
{
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
