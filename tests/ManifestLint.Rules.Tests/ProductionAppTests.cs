using ManifestLint.Core.Engine;
using ManifestLint.TestSupport;

namespace ManifestLint.Rules.Tests;

/// <summary>
/// The single-object rules must not cry wolf: a service written the way the runbooks ask (a pinned image, requests
/// and a memory limit, distinct probes, non-root with all capabilities dropped and a read-only root, a budget, an
/// autoscaler that owns the replica count, a Service and a NetworkPolicy) gets no finding from any rule.
/// </summary>
[TestClass]
public sealed class ProductionAppTests
{
    private static string Folder => TestPaths.InRepository("tests", "ManifestLint.Rules.Tests", "ProductionApp");

    [TestMethod]
    public void Every_rule_at_its_default_configuration_finds_nothing_to_warn_about()
    {
        var result = Lint(configuration: "");

        Assert.IsGreaterThanOrEqualTo(2, result.Index.PodTemplates.Count, "the app was not loaded");
        var found = result.Diagnostics.Where(d => d.Severity >= Severity.Warning).Select(Describe).ToList();
        Assert.IsEmpty(found, string.Join("\n", found));
    }

    [TestMethod]
    public void The_off_by_default_rules_switched_on_find_nothing_either()
    {
        var offByDefault = RuleCatalog.AllRules.Where(r => !r.EnabledByDefault).ToList();
        Assert.IsNotEmpty(offByDefault);

        var result = Lint("rules:\n" + string.Concat(offByDefault.Select(r => $"  {r.Id}: warning\n")));

        Assert.IsTrue(offByDefault.All(r => result.RulesRun.Contains(r)), "the switched-on rules did not run");
        var found = result.Diagnostics.Select(Describe).ToList();
        Assert.IsEmpty(found, string.Join("\n", found));
    }

    private static AnalysisResult Lint(string configuration)
    {
        var config = Path.Combine(Path.GetTempPath(), $"manifestlint-production-app-{Environment.ProcessId}-{configuration.Length}.yaml");
        File.WriteAllText(config, configuration);
        var request = new LintRequest { Paths = ["."], BaseDirectory = Folder, ConfigPath = config, UseEditorConfig = false };
        return LintRunner.Run(request, RuleCatalog.CreateEngine()).Result;
    }

    private static string Describe(Diagnostic d) => $"{d.Id} {d.Severity} {d.Location}: {d.Message}";
}
