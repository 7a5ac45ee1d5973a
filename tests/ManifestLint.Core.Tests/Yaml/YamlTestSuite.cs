using System.Text.RegularExpressions;
using ManifestLint.Core.Engine;
using ManifestLint.Core.Loading;
using ManifestLint.TestSupport;

namespace ManifestLint.Core.Tests.Yaml;

/// <summary>One case of the official YAML test suite (data branch): an input and whether it is valid YAML.</summary>
public sealed record YamlSuiteCase(string Id, string Title, string Folder, bool IsError)
{
    public string InputPath => Path.Combine(Folder, "in.yaml");

    public string DisplayName => $"{Id} {(IsError ? "[error]" : "[valid]")} {Title}";

    public override string ToString() => DisplayName;
}

/// <summary>What the loader made of a suite case, reduced to what the tests judge.</summary>
public sealed record YamlSuiteOutcome(YamlSuiteCase Case, LoadedFile File)
{
    public IReadOnlyList<Diagnostic> Diagnostics => File.Diagnostics;

    public bool HasAny(params string[] ids) => Diagnostics.Any(d => ids.Contains(d.Id));
}

internal static partial class YamlTestSuite
{
    private static readonly Lazy<IReadOnlyList<YamlSuiteCase>> LazyCases = new(Discover);

    public static string Root => TestPaths.InShared("testdata", "yaml-test-suite");

    public static IReadOnlyList<YamlSuiteCase> Cases => LazyCases.Value;

    /// <summary>
    /// Loads a case the way the product loads a file (bytes, decoding, YAML, objects), on a worker thread with a
    /// generous bound: the bound only turns a hang into a failure, it is not a speed target.
    /// </summary>
    public static YamlSuiteOutcome Run(YamlSuiteCase suiteCase)
    {
        var bytes = System.IO.File.ReadAllBytes(suiteCase.InputPath);
        var input = InputFile.FromMemory($"{suiteCase.Id}/in.yaml", bytes);
        var work = Task.Run(() => ManifestLoader.Load(input, new LoadOptions()));
        if (!work.Wait(HangBound))
        {
            Assert.Fail($"{suiteCase.DisplayName}: the loader did not finish within {HangBound.TotalSeconds} s (hang)");
        }

        return new YamlSuiteOutcome(suiteCase, work.Result);
    }

    public static readonly TimeSpan HangBound = TimeSpan.FromSeconds(20);

    private static List<YamlSuiteCase> Discover()
    {
        // Case folders are four-character IDs; a few hold numbered variants (SM9W/00, SM9W/01). "name" and "tags" are indexes.
        var cases = new List<YamlSuiteCase>();
        foreach (var folder in Directory.GetDirectories(Root).Where(d => CaseId().IsMatch(Path.GetFileName(d))).Order(StringComparer.Ordinal))
        {
            var id = Path.GetFileName(folder);
            if (System.IO.File.Exists(Path.Combine(folder, "in.yaml")))
            {
                cases.Add(Create(id, folder, Title(folder)));
            }

            foreach (var variant in Directory.GetDirectories(folder).Where(d => VariantId().IsMatch(Path.GetFileName(d))).Order(StringComparer.Ordinal))
            {
                if (System.IO.File.Exists(Path.Combine(variant, "in.yaml")))
                {
                    cases.Add(Create($"{id}/{Path.GetFileName(variant)}", variant, Title(variant) ?? Title(folder)));
                }
            }
        }

        return cases;
    }

    private static YamlSuiteCase Create(string id, string folder, string? title) =>
        new(id, title ?? "", folder, System.IO.File.Exists(Path.Combine(folder, "error")));

    private static string? Title(string folder)
    {
        var path = Path.Combine(folder, "===");
        return System.IO.File.Exists(path) ? System.IO.File.ReadAllText(path).Trim() : null;
    }

    [GeneratedRegex("^[0-9A-Z]{4}$")]
    private static partial Regex CaseId();

    [GeneratedRegex("^[0-9]+$")]
    private static partial Regex VariantId();
}
