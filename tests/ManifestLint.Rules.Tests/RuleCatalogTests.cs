using System.Reflection;
using System.Text.RegularExpressions;
using ManifestLint.Core.Engine;
using ManifestLint.Core.Loading;
using ManifestLint.TestSupport;

namespace ManifestLint.Rules.Tests;

/// <summary>Meta-tests over the whole rule catalogue, in the spirit of StyleCop's AnalyzerConfigurationUnitTests.</summary>
[TestClass]
public sealed partial class RuleCatalogTests
{
    private static readonly string[] RequiredHeadings = ["## What it finds", "## Why it matters", "## Example", "## Fixed example", "## Configuration and suppression"];

    /// <summary>Engine diagnostics whose trigger is not a manifest (a crash, a file's size or permissions, .editorconfig); Core tests cover them.</summary>
    private static readonly Dictionary<string, string> NoYamlExample = new()
    {
        ["ML9000"] = "an analyzer crash; covered by AnalysisEngineTests",
        ["ML9002"] = "invalid bytes cannot be written in a YAML code block; covered by loader tests",
        ["ML9006"] = "needs a file over the size limit; covered by loader tests",
        ["ML9009"] = "needs an unreadable file; covered by loader tests",
        ["ML9010"] = "comes from .editorconfig, not a manifest; covered by configuration tests",
    };

    /// <summary>Rules whose page states the target release its examples are for (a default 1.36 target has nothing newer).</summary>
    private static readonly Dictionary<string, Core.Schema.KubernetesVersion> ExampleTargets = new()
    {
        ["ML2009"] = new Core.Schema.KubernetesVersion(35),
    };

    public static IEnumerable<object[]> Rules => RuleCatalog.AllRules.Select(r => new object[] { r.Id });

    [TestMethod]
    public void Rule_ids_are_unique_well_formed_and_listed_in_RuleIds()
    {
        var ids = RuleCatalog.AllRules.Select(r => r.Id).ToList();
        Assert.HasCount(ids.Distinct().Count(), ids, "duplicate rule IDs");
        foreach (var id in ids)
        {
            Assert.IsTrue(RuleDescriptor.IsValidId(id), $"{id} is not ML followed by four digits");
        }

        var listed = typeof(RuleIds).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!).ToHashSet();
        var analyzerIds = RuleCatalog.Analyzers.SelectMany(a => a.SupportedRules).Select(r => r.Id).ToHashSet();
        CollectionAssert.AreEquivalent(listed.ToList(), analyzerIds.ToList(), "RuleIds.cs and the analyzers disagree");
    }

    [TestMethod]
    [DynamicData(nameof(Rules))]
    public void Rule_has_a_docs_page_with_the_fixed_headings(string id)
    {
        var rule = RuleCatalog.Find(id)!;
        var path = TestPaths.InRepository("rules", id + ".md");
        Assert.IsTrue(File.Exists(path), $"rules/{id}.md is missing");
        var page = File.ReadAllText(path);
        Assert.StartsWith($"# {id}: {rule.Title}\n", page, "the title line must match the descriptor");
        Assert.Contains($"| {rule.Category} | {SeverityWord(rule.DefaultSeverity)} |", page, "the metadata table must match the descriptor");
        var last = -1;
        foreach (var heading in RequiredHeadings.Concat(rule.IsCrossResource ? ["## Evidence"] : []).OrderBy(h => page.IndexOf(h, StringComparison.Ordinal)))
        {
            var at = page.IndexOf("\n" + heading + "\n", StringComparison.Ordinal);
            Assert.IsGreaterThan(last, at, $"rules/{id}.md lacks '{heading}' or has it out of order");
            last = at;
        }

        Assert.AreEqual(page, RuleCatalog.Documentation(id), "the embedded page must be the file in rules/");
        Assert.EndsWith($"rules/{id}.md", rule.HelpUri);
    }

    [TestMethod]
    [DynamicData(nameof(Rules))]
    public void Docs_example_fires_and_fixed_example_does_not(string id)
    {
        var page = File.ReadAllText(TestPaths.InRepository("rules", id + ".md"));
        var example = YamlBlockAfter(page, "## Example");
        var fixedExample = YamlBlockAfter(page, "## Fixed example");
        if (NoYamlExample.ContainsKey(id))
        {
            Assert.IsNull(example, $"{id} is listed as having no YAML example but has one");
            return;
        }

        Assert.IsNotNull(example, $"rules/{id}.md needs a ```yaml block under ## Example");
        Assert.IsNotNull(fixedExample, $"rules/{id}.md needs a ```yaml block under ## Fixed example");
        var fired = Analyze(id, example).Select(d => d.Id).ToList();
        CollectionAssert.Contains(fired, id, $"the example of {id} does not fire it");
        var stillFired = Analyze(id, fixedExample).Where(d => d.Id == id).ToList();
        Assert.IsEmpty(stillFired, $"the fixed example of {id} still fires: {string.Join("; ", stillFired.Select(d => d.Message))}");
    }

    [TestMethod]
    [DynamicData(nameof(Rules))]
    public void Rule_has_fixtures_that_fire_and_that_stay_quiet(string id)
    {
        if (NoYamlExample.TryGetValue(id, out _))
        {
            return;
        }

        var workspaces = FixtureWorkspace.All().Where(w => w.RuleId == id).ToList();
        Assert.IsNotEmpty(workspaces, $"tests/ManifestLint.Rules.Tests/Fixtures/{id}/ is missing");
        var expectations = workspaces.SelectMany(w => w.Expectations()).ToList();
        Assert.IsTrue(expectations.Any(e => e.Kind == ExpectationKind.Expect && e.RuleId == id), $"no '# expect: {id}' fixture");
        Assert.IsTrue(expectations.Any(e => e.Kind == ExpectationKind.Ok && e.RuleId == id), $"no '# ok: {id}' fixture");
    }

    [TestMethod]
    public void Every_analyzer_runs_cleanly_on_empty_and_non_kubernetes_input()
    {
        var inputs = new[]
        {
            InputFile.FromText("empty.yaml", ""),
            InputFile.FromText("kustomization.yaml", "resources:\n  - deployment.yaml\n"),
            InputFile.FromText(".github/workflows/ci.yaml", "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n"),
        };
        var result = RuleCatalog.CreateEngine().Analyze(inputs);
        Assert.IsEmpty(result.Diagnostics, string.Join("\n", result.Diagnostics.Select(d => d.Message)));
    }

    private static IReadOnlyList<Diagnostic> Analyze(string id, string yaml)
    {
        var analyzers = RuleCatalog.Analyzers.Where(a => a.SupportedRules.Any(r => r.Id == id)).ToList();
        var options = new AnalysisOptions
        {
            Severities = FixtureWorkspace.SwitchedOn(id),
            KubernetesVersion = ExampleTargets.GetValueOrDefault(id, Core.Schema.KubernetesVersion.Default),
        };
        return new AnalysisEngine(analyzers).Analyze([InputFile.FromText("example.yaml", yaml)], options).Active.ToList();
    }

    private static string? YamlBlockAfter(string page, string heading)
    {
        var start = page.IndexOf("\n" + heading + "\n", StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        var next = page.IndexOf("\n## ", start + heading.Length + 1, StringComparison.Ordinal);
        var section = next < 0 ? page[start..] : page[start..next];
        var match = YamlBlock().Match(section);
        return match.Success ? match.Groups[1].Value : null;
    }

    private static string SeverityWord(Severity severity) => severity.ToDisplayString();

    [GeneratedRegex("```yaml\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex YamlBlock();
}
