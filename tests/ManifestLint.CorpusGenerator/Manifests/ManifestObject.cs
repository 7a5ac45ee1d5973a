using ManifestLint.CorpusGenerator.Emit;

namespace ManifestLint.CorpusGenerator.Manifests;

/// <param name="FileStem">File name (without extension) when the object gets a file of its own, and the Helm template name.</param>
internal sealed record ManifestObject(string Kind, string Name, string FileStem, Map Root);
