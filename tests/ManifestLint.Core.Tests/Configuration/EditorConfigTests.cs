using ManifestLint.Core.Configuration;
using ManifestLint.Core.Engine;
using ManifestLint.Core.Loading;
using ManifestLint.Core.Model;
using ManifestLint.Core.Tests.Support;
using static ManifestLint.Core.Tests.Support.Manifests;
using static ManifestLint.Core.Tests.Support.TestRules;

namespace ManifestLint.Core.Tests.Configuration;

/// <summary>Severities from .editorconfig, the way Roslyn reads them for .NET analyzers.</summary>
[TestClass]
public sealed class EditorConfigTests
{
    private static readonly RuleDescriptor Services = Rule("ML8801", category: "Services", severity: Severity.Error);
    private static readonly RuleDescriptor OptIn = Rule("ML8802", category: "Services", enabledByDefault: false);

    private static Severity? SeverityIn(TemporaryDirectory directory, string file, RuleDescriptor rule, List<ConfigurationProblem>? problems = null) =>
        new SeverityConfiguration(editorConfig: new EditorConfigResolver()).Effective(rule, directory.Combine(file), problems);

    [TestMethod]
    [DataRow("dotnet_diagnostic.ML8801.severity = warning", Severity.Warning, DisplayName = "by ID")]
    [DataRow("dotnet_diagnostic.ml8801.severity = suggestion", Severity.Info, DisplayName = "keys are case-insensitive")]
    [DataRow("dotnet_analyzer_diagnostic.category-Services.severity = silent", Severity.Hidden, DisplayName = "by category")]
    [DataRow("dotnet_analyzer_diagnostic.severity = warning", Severity.Warning, DisplayName = "all rules")]
    [DataRow("dotnet_diagnostic.ML8801.severity = none", null, DisplayName = "none turns the rule off")]
    [DataRow("dotnet_diagnostic.ML8801.severity = default", Severity.Error, DisplayName = "default is the rule's default")]
    [DataRow("dotnet_diagnostic.ML8801.severity = warning # an inline comment", Severity.Warning, DisplayName = "inline comment")]
    public void A_severity_entry_sets_the_rule_severity(string entry, Severity? expected)
    {
        using var directory = new TemporaryDirectory();
        directory.Write(".editorconfig", Lines("root = true", "", "[*.yaml]", entry));

        Assert.AreEqual(expected, SeverityIn(directory, "app.yaml", Services));
    }

    [TestMethod]
    public void An_ID_entry_beats_a_category_entry_which_beats_the_global_entry_in_any_order()
    {
        using var directory = new TemporaryDirectory();
        directory.Write(".editorconfig", Lines(
            "root = true",
            "[top.yaml]",
            "dotnet_diagnostic.ML8801.severity = suggestion",
            "dotnet_analyzer_diagnostic.category-Services.severity = warning",
            "dotnet_analyzer_diagnostic.severity = none",
            "[other/*]",
            "dotnet_analyzer_diagnostic.category-Services.severity = warning",
            "dotnet_analyzer_diagnostic.severity = none"));

        Assert.AreEqual(Severity.Info, SeverityIn(directory, "top.yaml", Services));
        Assert.AreEqual(Severity.Warning, SeverityIn(directory, "other/b.yaml", Services), "the category entry beats the global one");
    }

    [TestMethod]
    public void The_nearest_editorconfig_wins_and_root_true_stops_the_search()
    {
        using var directory = new TemporaryDirectory();
        directory.Write(".editorconfig", Lines("[*]", "dotnet_diagnostic.ML8801.severity = none", "dotnet_diagnostic.ML8802.severity = error"));
        directory.Write("repo/.editorconfig", Lines("root = true", "[*.yaml]", "dotnet_diagnostic.ML8801.severity = warning"));
        directory.Write("repo/team/.editorconfig", Lines("[*.yaml]", "dotnet_diagnostic.ML8801.severity = suggestion"));

        Assert.AreEqual(Severity.Warning, SeverityIn(directory, "repo/a.yaml", Services));
        Assert.AreEqual(Severity.Info, SeverityIn(directory, "repo/team/deep/a.yaml", Services), "nearest wins");
        Assert.IsNull(SeverityIn(directory, "elsewhere/a.yaml", Services), "outside the root, the outer file applies");
        Assert.IsNull(SeverityIn(directory, "repo/team/a.yaml", OptIn), "above root = true nothing applies");
    }

    [TestMethod]
    public void Within_a_file_the_later_matching_entry_wins()
    {
        using var directory = new TemporaryDirectory();
        directory.Write(".editorconfig", Lines(
            "root = true",
            "[*.yaml]",
            "dotnet_diagnostic.ML8801.severity = warning",
            "[deploy/*.yaml]",
            "dotnet_diagnostic.ML8801.severity = suggestion",
            "[*.yaml]",
            "dotnet_diagnostic.ML8801.severity = none",
            "dotnet_diagnostic.ML8801.severity = warning"));

        Assert.AreEqual(Severity.Warning, SeverityIn(directory, "deploy/a.yaml", Services));
    }

    [TestMethod]
    public void Category_and_global_entries_do_not_enable_a_rule_that_is_off_by_default()
    {
        using var directory = new TemporaryDirectory();
        directory.Write(".editorconfig", Lines("root = true", "[*]", "dotnet_analyzer_diagnostic.category-Services.severity = error", "dotnet_analyzer_diagnostic.severity = error"));
        directory.Write("on/.editorconfig", Lines("[*]", "dotnet_diagnostic.ML8802.severity = warning"));

        Assert.IsNull(SeverityIn(directory, "a.yaml", OptIn));
        Assert.AreEqual(Severity.Warning, SeverityIn(directory, "on/a.yaml", OptIn), "an ID entry does");
        Assert.AreEqual(Severity.Error, SeverityIn(directory, "a.yaml", Services), "they do apply to rules on by default");
    }

    [TestMethod]
    public void A_run_asks_whether_a_rule_may_run_once_per_distinct_set_of_severity_entries()
    {
        using var directory = new TemporaryDirectory();
        directory.Write(".editorconfig", Lines("root = true", "[*]", "indent_size = 2", "[on/*.yaml]", "dotnet_diagnostic.ML8802.severity = warning"));
        var severities = new SeverityConfiguration(editorConfig: new EditorConfigResolver());
        string[] files = [directory.Combine("a.yaml"), directory.Combine("b/c.yaml"), directory.Combine("on/d.yaml"), directory.Combine("on/e.yaml")];

        var representatives = severities.DistinctSettings(files);

        CollectionAssert.AreEqual(new[] { files[0], files[2] }, representatives.ToArray(), "other properties do not tell files apart; severity entries do");
        Assert.IsTrue(severities.MayRunIn(OptIn, representatives), "the one folder that turns the rule on is kept");
        Assert.IsFalse(severities.MayRunIn(OptIn, severities.DistinctSettings(files[..2])));
        Assert.AreEqual(1, new SeverityConfiguration().DistinctSettings(files).Count, "without .editorconfig files every file is alike");
    }

    [TestMethod]
    public void An_invalid_severity_is_reported_as_ML9010_at_its_editorconfig_line_and_ignored()
    {
        using var directory = new TemporaryDirectory();
        directory.Write(".editorconfig", Lines("root = true", "", "[*.yaml]", "dotnet_diagnostic.ML8801.severity = loud", "dotnet_diagnostic.ML8801.severity = warning"));
        directory.Write("deploy/.editorconfig", Lines("[*.yaml]", "dotnet_diagnostic.ML8801.severity = critical"));
        var files = new[] { directory.Write("deploy/a.yaml", Lines("apiVersion: v1", "kind: ConfigMap", "metadata: {name: a}")),
                            directory.Write("deploy/b.yaml", Lines("apiVersion: v1", "kind: ConfigMap", "metadata: {name: b}")) };
        var options = new AnalysisOptions
        {
            Load = new LoadOptions { BaseDirectory = directory.Path },
            Severities = new SeverityConfiguration(editorConfig: new EditorConfigResolver()),
        };

        var result = new AnalysisEngine([ReportingOnEveryResource(Services)]).Analyze(
            [.. files.Select(f => new InputFile(new SourceFile(Path.GetRelativePath(directory.Path, f), f)))], options);

        var problems = result.Diagnostics.Where(d => d.Id == "ML9010").ToList();
        Assert.AreEqual(".editorconfig:4,deploy/.editorconfig:2", string.Join(",", problems.Select(p => $"{p.Location.Path}:{p.Location.Span.Start.Line}")),
            "each bad entry once, however many diagnostics it touched");
        StringAssert.Contains(problems[0].Message, "loud");
        Assert.IsTrue(result.Diagnostics.Where(d => d.Id == "ML8801").All(d => d.Severity == Severity.Warning), "the valid entry still applies");
    }

    [TestMethod]
    [DataRow("*.yaml", "a.yaml", true)]
    [DataRow("*.yaml", "deep/dir/a.yaml", true)]
    [DataRow("*.yaml", "a.yml", false)]
    [DataRow("deploy/*.yaml", "deploy/a.yaml", true)]
    [DataRow("deploy/*.yaml", "deploy/sub/a.yaml", false)]
    [DataRow("deploy/*.yaml", "other/deploy/a.yaml", false)]
    [DataRow("/deploy/*.yaml", "deploy/a.yaml", true)]
    [DataRow("deploy/**.yaml", "deploy/sub/a.yaml", true)]
    [DataRow("**/charts/*.yaml", "x/y/charts/a.yaml", true)]
    [DataRow("*.{yaml,yml}", "a.yml", true)]
    [DataRow("*.{yaml,yml}", "a.json", false)]
    [DataRow("{app,web}-*.yaml", "web-1.yaml", true)]
    [DataRow("{app,web}-*.yaml", "db-1.yaml", false)]
    [DataRow("{deploy,svc}/*.yaml", "svc/a.yaml", true)]
    [DataRow("node{1..3}.yaml", "node2.yaml", true)]
    [DataRow("node{1..3}.yaml", "node4.yaml", false)]
    [DataRow("node{1..3}.yaml", "node12.yaml", false)]
    [DataRow("node{1..99999999999}.yaml", "node1.yaml", false, DisplayName = "a range too wide to spell out matches nothing instead of failing")]
    [DataRow("[abc].yaml", "b.yaml", true)]
    [DataRow("[abc].yaml", "d.yaml", false)]
    [DataRow("[!abc].yaml", "d.yaml", true)]
    [DataRow("[a-c]x.yaml", "bx.yaml", true)]
    [DataRow("a?.yaml", "ab.yaml", true)]
    [DataRow("a?.yaml", "a/.yaml", false)]
    [DataRow("a.b.yaml", "axb.yaml", false)]
    public void Section_globs_match_as_EditorConfig_specifies(string glob, string relativePath, bool matches)
    {
        Assert.AreEqual(matches, EditorConfigGlob.ToRegex(glob).IsMatch(relativePath), $"[{glob}] against {relativePath}");
    }
}
