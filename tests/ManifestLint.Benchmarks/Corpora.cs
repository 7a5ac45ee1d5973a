using System.Text.Json;
using ManifestLint.CorpusGenerator;

namespace ManifestLint.Benchmarks;

/// <summary>A generated corpus on disk, reused across runs when its faults.json says it has the wanted size.</summary>
public sealed record Corpus(int Apps, string Directory, string ManifestRoot, int Files, int Documents, long Bytes)
{
    public static Corpus Ensure(string baseDirectory, int apps)
    {
        var directory = Path.Combine(baseDirectory, $"apps-{apps}");
        var faults = Path.Combine(directory, CorpusManifest.FaultsFileName);
        CorpusManifest? manifest = null;
        if (File.Exists(faults))
        {
            manifest = JsonSerializer.Deserialize<CorpusManifest>(File.ReadAllText(faults), new JsonSerializerOptions(JsonSerializerDefaults.Web));
        }

        if (manifest is null || manifest.Apps != apps)
        {
            Console.Error.WriteLine($"generating a corpus of {apps:N0} apps in {directory} ...");
            manifest = CorpusGenerator.CorpusGenerator.Generate(new CorpusOptions(directory, apps));
        }

        return new Corpus(apps, directory, Path.Combine(directory, manifest.ManifestRoot), manifest.Files, manifest.Documents, manifest.Bytes);
    }
}
