using System.Text;
using ManifestLint.Core.Engine;
using ManifestLint.Core.Index;
using ManifestLint.Core.Loading;
using ManifestLint.Core.Model;
using ManifestLint.Core.Yaml;

namespace ManifestLint.Core.Tests.Support;

/// <summary>Short ways for tests to load manifests from memory, so each test reads as its input and its expectation.</summary>
internal static class Manifests
{
    public static LoadedFile Load(string text, string path = "test.yaml", LoadOptions? options = null) =>
        ManifestLoader.Load(InputFile.FromText(path, text), options ?? new LoadOptions());

    public static LoadedFile LoadBytes(byte[] bytes, string path = "test.yaml", LoadOptions? options = null) =>
        ManifestLoader.Load(InputFile.FromMemory(path, bytes), options ?? new LoadOptions());

    /// <summary>Loads files together, as a run does, and creates their resources.</summary>
    public static IReadOnlyList<Resource> Resources(LoadOptions options, params (string Path, string Text)[] files) =>
        ResourceFactory.Create([.. files.Select(f => Load(f.Text, f.Path, options))], options);

    public static IReadOnlyList<Resource> Resources(string text, LoadOptions? options = null) =>
        Resources(options ?? new LoadOptions(), ("test.yaml", text));

    public static Resource Single(string text, LoadOptions? options = null)
    {
        var resources = Resources(text, options);
        Assert.HasCount(1, resources, Describe(resources));
        return resources[0];
    }

    public static ManifestIndex BuildIndex(string text, LoadOptions? options = null, IReadOnlyList<ExternalObject>? externals = null)
    {
        options ??= new LoadOptions();
        return new ManifestIndex(Resources(text, options), options.DefaultNamespace, options.ExtraPodTemplateOwners, externals);
    }

    public static AnalysisResult Analyze(AnalysisEngine engine, params (string Path, string Text)[] files) =>
        engine.Analyze([.. files.Select(f => InputFile.FromText(f.Path, f.Text))]);

    /// <summary>Joins lines with LF; tests that need CRLF or tabs build their text explicitly.</summary>
    public static string Lines(params string[] lines) => string.Join('\n', lines) + "\n";

    public static TextSpan Span(int line, int column, int endLine, int endColumn) => new(new(line, column), new(endLine, endColumn));

    public static string Describe(IEnumerable<Diagnostic> diagnostics) =>
        string.Join("\n", diagnostics.Select(d => $"{d.Id} {d.Severity} {d.Location.Path}({d.Location.Span}){(d.IsSuppressed ? " [suppressed]" : "")}: {d.Message}"));

    public static string Describe(IEnumerable<Resource> resources) =>
        "resources: " + string.Join(", ", resources.Select(r => r.ToString()));

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
