using ManifestLint.TestSupport.JsonSchema;

namespace ManifestLint.TestSupport.Tests;

/// <summary>Reads the draft-04 cases from shared/testdata/json-schema-test-suite.</summary>
public static class JsonSchemaTestSuite
{
    public const string SuiteFolder = "testdata/json-schema-test-suite";

    /// <summary>
    /// The suite's fake remote host; its documents live in remotes/. Serving them lets refRemote.json run in full.
    /// </summary>
    public static readonly Uri RemoteHost = new("http://localhost:1234/");

    /// <summary>Folders run, relative to tests/draft4. optional/format/ is left out: "format" is only an annotation here.</summary>
    private static readonly string[] Folders = ["", "optional"];

    private static readonly Lazy<IReadOnlyDictionary<string, SuiteCase>> Cases = new(LoadAll);

    public static IReadOnlyCollection<SuiteCase> All => (IReadOnlyCollection<SuiteCase>)Cases.Value.Values;

    public static SuiteCase Get(string id) => Cases.Value[id];

    public static JsonSchemaValidatorOptions Options { get; } = new() { RemoteDocumentResolver = ResolveRemote };

    private static JsonNode? ResolveRemote(Uri uri)
    {
        if (!RemoteHost.IsBaseOf(uri))
        {
            return null;
        }

        var relative = RemoteHost.MakeRelativeUri(uri).OriginalString;
        var path = Path.Combine(SharedFolder.Locate($"{SuiteFolder}/remotes"), relative);
        return File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path)) : null;
    }

    private static IReadOnlyDictionary<string, SuiteCase> LoadAll()
    {
        var root = SharedFolder.Locate($"{SuiteFolder}/tests/draft4");
        var cases = new Dictionary<string, SuiteCase>(StringComparer.Ordinal);
        foreach (var folder in Folders)
        {
            foreach (var file in Directory.GetFiles(Path.Combine(root, folder), "*.json").Order(StringComparer.Ordinal))
            {
                var name = Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/');
                foreach (var suiteCase in LoadFile(name, file))
                {
                    cases.Add(suiteCase.Id, suiteCase);
                }
            }
        }

        return cases;
    }

    private static IEnumerable<SuiteCase> LoadFile(string name, string path)
    {
        var groups = JsonNode.Parse(File.ReadAllText(path))!.AsArray();
        for (var g = 0; g < groups.Count; g++)
        {
            var group = groups[g]!;
            var tests = group["tests"]!.AsArray();
            for (var t = 0; t < tests.Count; t++)
            {
                var test = tests[t]!;
                yield return new SuiteCase(
                    name,
                    g,
                    t,
                    group["description"]!.GetValue<string>(),
                    test["description"]!.GetValue<string>(),
                    group["schema"]!,
                    test["data"],
                    test["valid"]!.GetValue<bool>());
            }
        }
    }
}
