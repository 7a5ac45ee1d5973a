using ManifestLint.CorpusGenerator;
using ManifestLint.TestSupport;

namespace ManifestLint.Robustness.Tests.Fuzzing;

public sealed record Seed(string Name, byte[] Content)
{
    public override string ToString() => Name;
}

/// <summary>
/// Real manifests to mutate: Google's Online Boutique (shared/testdata/real-world), the repository's samples and rule
/// fixtures, a small generated corpus (multi-document, Helm-rendered, kind: List and JSON layouts), and the YAML test
/// suite's inputs for the corners of the YAML grammar that manifests rarely show. Sorted, so a seed number means
/// the same file on every machine.
/// </summary>
public static class SeedManifests
{
    private const int MaxSeedBytes = 64 * 1024;
    private const int GeneratedApps = 30;
    private const string YamlSuiteLabel = "yaml-test-suite/";

    private static readonly Lazy<IReadOnlyList<Seed>> LazyAll = new(Load);

    public static IReadOnlyList<Seed> All => LazyAll.Value;

    /// <summary>Indexes in <see cref="All"/> of Kubernetes manifests (everything but the YAML test suite).</summary>
    public static IReadOnlyList<int> Manifests => [.. All.Select((seed, i) => (seed, i)).Where(s => !s.seed.Name.StartsWith(YamlSuiteLabel, StringComparison.Ordinal)).Select(s => s.i)];

    /// <summary>Indexes in <see cref="All"/> of the YAML test suite's inputs.</summary>
    public static IReadOnlyList<int> YamlSuite => [.. All.Select((seed, i) => (seed, i)).Where(s => s.seed.Name.StartsWith(YamlSuiteLabel, StringComparison.Ordinal)).Select(s => s.i)];

    private static IReadOnlyList<Seed> Load()
    {
        var seeds = new List<Seed>();
        AddTree(seeds, "boutique", TestPaths.InShared("testdata", "real-world", "online-boutique"));
        AddTree(seeds, "samples", TestPaths.InRepository("samples"));
        AddTree(seeds, "fixtures", TestPaths.InRepository("tests", "ManifestLint.Rules.Tests", "Fixtures"));
        AddTree(seeds, YamlSuiteLabel.TrimEnd('/'), TestPaths.InShared("testdata", "yaml-test-suite"), "in.yaml");

        var corpus = Path.Combine(Path.GetTempPath(), "manifestlint-fuzz-seeds-" + Environment.ProcessId);
        try
        {
            CorpusGenerator.CorpusGenerator.Generate(new CorpusOptions(corpus, GeneratedApps, Seed: 7));
            AddTree(seeds, "generated", Path.Combine(corpus, CorpusGenerator.CorpusGenerator.ManifestRoot));
        }
        finally
        {
            Directory.Delete(corpus, recursive: true);
        }

        return seeds;
    }

    private static void AddTree(List<Seed> seeds, string label, string root, string? onlyName = null)
    {
        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => onlyName is null ? Path.GetExtension(f) is ".yaml" or ".yml" or ".json" : Path.GetFileName(f) == onlyName)
            .Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var content = File.ReadAllBytes(file);
            if (content.Length <= MaxSeedBytes)
            {
                seeds.Add(new Seed($"{label}/{Path.GetRelativePath(root, file).Replace('\\', '/')}", content));
            }
        }
    }
}
