using ManifestLint.Core.Model;

namespace ManifestLint.Core.Loading;

public sealed record LoadOptions
{
    public const long DefaultMaxFileSize = 32L * 1024 * 1024;

    /// <summary>Namespace of namespaced objects that omit metadata.namespace (kubectl's default).</summary>
    public string DefaultNamespace { get; init; } = "default";

    public long MaxFileSizeBytes { get; init; } = DefaultMaxFileSize;

    public YamlLimits YamlLimits { get; init; } = new();

    /// <summary>Display paths are relative to this directory when the file is below it.</summary>
    public string BaseDirectory { get; init; } = Directory.GetCurrentDirectory();

    /// <summary>Pod-owning custom kinds declared in configuration, in addition to the built-in ones.</summary>
    public IReadOnlyList<PodTemplateOwner> ExtraPodTemplateOwners { get; init; } = [];
}
