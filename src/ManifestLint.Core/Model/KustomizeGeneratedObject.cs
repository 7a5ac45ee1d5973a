using ManifestLint.Core.Engine;
using ManifestLint.Core.Yaml;

namespace ManifestLint.Core.Model;

/// <summary>
/// A ConfigMap or Secret that a kustomization's <c>configMapGenerator</c> or <c>secretGenerator</c> makes
/// kustomize create. Kustomize appends a content hash to the name and rewrites every reference of the same
/// build, so references written in the manifests match by the generator's <see cref="Name"/>.
/// <see cref="Namespace"/> is null when neither the kustomization nor the generator sets one: the object then
/// lands wherever the build is applied, so it counts as existing in any namespace. Its keys come from files,
/// literals and env files (and <c>behavior: merge</c> adds to an existing object), so they are not known.
/// </summary>
public sealed record KustomizeGeneratedObject(string Kind, string? Namespace, string Name, SourceFile File, ScalarNode NameNode)
{
    /// <summary>The generator's <c>name:</c> value in the kustomization file, for related locations.</summary>
    public Location Location => new(File.Path, NameNode.Span);

    public bool IsIn(string? @namespace) => Namespace is null || Namespace == @namespace;
}
