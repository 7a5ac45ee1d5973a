using ManifestLint.Core.Model;

namespace ManifestLint.Core.Loading;

public sealed record LoadOptions
{
    public const long DefaultMaxFileSize = 32L * 1024 * 1024;

    /// <summary>The namespace kubectl puts an object in when neither the object nor the command line names one.</summary>
    public const string KubernetesDefaultNamespace = "default";

    /// <summary>Namespace of namespaced objects that omit metadata.namespace (kubectl's default).</summary>
    public string DefaultNamespace { get; init; } = KubernetesDefaultNamespace;

    /// <summary>
    /// Whether a deployment unit whose objects all omit their namespace may take the one its RBAC subjects name (see
    /// <see cref="World.UnitNamespaces"/>). Off when the user stated the default namespace (--namespace, configuration).
    /// </summary>
    public bool InferUnitNamespaces { get; init; }

    /// <summary>Folders (globs relative to the base directory) that are deployment units of their own.</summary>
    public IReadOnlyList<string> Units { get; init; } = [];

    public long MaxFileSizeBytes { get; init; } = DefaultMaxFileSize;

    public YamlLimits YamlLimits { get; init; } = new();

    /// <summary>Display paths are relative to this directory when the file is below it.</summary>
    public string BaseDirectory { get; init; } = Directory.GetCurrentDirectory();

    /// <summary>Pod-owning custom kinds declared in configuration, in addition to the built-in ones.</summary>
    public IReadOnlyList<PodTemplateOwner> ExtraPodTemplateOwners { get; init; } = [];
}
