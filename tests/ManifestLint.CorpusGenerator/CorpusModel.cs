using System.Text.Json.Serialization;

namespace ManifestLint.CorpusGenerator;

/// <summary>What to generate.</summary>
/// <param name="OutputDirectory">Created if missing. If it exists it must be empty or hold a previous corpus (it has a faults.json), which is replaced.</param>
/// <param name="Apps">Number of applications; each is 8–9 Kubernetes objects (~7 KB).</param>
/// <param name="Seed">Seed for <see cref="System.Random"/>; the same options always produce byte-identical output.</param>
/// <param name="FaultRate">Fraction of apps that get exactly one deliberate cross-reference fault (rounded to the nearest app).</param>
/// <param name="Namespaces">Number of namespaces; 0 means one per 25 apps (at least one).</param>
/// <param name="FilesPerFolder">How many single-file apps share a namespace folder before the next ones spill into a batch-NN subfolder.</param>
public sealed record CorpusOptions(
    string OutputDirectory,
    int Apps,
    int Seed = 42,
    double FaultRate = 0.02,
    int Namespaces = 0,
    int FilesPerFolder = 10)
{
    public const int AppsPerNamespace = 25;

    public int EffectiveNamespaces => Namespaces > 0 ? Namespaces : Math.Max(1, Apps / AppsPerNamespace);
}

/// <summary>One deliberate fault: the linter must report <paramref name="RuleId"/> starting at <paramref name="Line"/> of <paramref name="File"/>.</summary>
/// <param name="File">Path relative to the output directory, with '/' separators.</param>
/// <param name="Line">1-based line of the key the diagnostic must point at.</param>
/// <param name="Key">The key written on that line (e.g. "targetPort").</param>
/// <param name="Value">Text the faulty value contributes to that line, or null when the value is on later lines (a selector map).</param>
/// <param name="Resource">The object holding the fault, as Kind/namespace/name.</param>
public sealed record CorpusFault(string RuleId, string File, int Line, string Key, string? Value, string Resource, string Description);

/// <summary>Summary of a generated corpus; also written (without the directory) to faults.json.</summary>
/// <param name="Documents">YAML/JSON documents; a kind: List counts once.</param>
/// <param name="Objects">Kubernetes objects, with List items counted individually.</param>
/// <param name="ManifestRoot">Folder under the output directory that holds every manifest; lint this rather than the output
/// directory so that faults.json itself is not read as a manifest.</param>
public sealed record CorpusManifest(
    int Seed,
    int Apps,
    int Namespaces,
    int Documents,
    int Objects,
    int Files,
    long Bytes,
    string ManifestRoot,
    IReadOnlyList<CorpusFault> Faults)
{
    public const string FaultsFileName = "faults.json";

    /// <summary>Absolute path the corpus was written to. Not serialized, so faults.json is identical wherever it is generated.</summary>
    [JsonIgnore]
    public string OutputDirectory { get; init; } = "";
}
