using System.Xml.Linq;
using ManifestLint.Cli;
using ManifestLint.Core.Engine;
using ManifestLint.Rules;

namespace ManifestLint.Cli.Tests;

/// <summary>Options, commands and exit codes, run in-process against temporary trees and the samples.</summary>
[TestClass]
public sealed class CommandLineTests
{
    [TestMethod]
    [DataRow("error", ExitCodes.Success)]
    [DataRow("warning", ExitCodes.Findings)]
    [DataRow("note", ExitCodes.Findings)]
    [DataRow("none", ExitCodes.Success)]
    public void FailLevelDecidesWhetherAWarningFailsTheRun(string level, int expected)
    {
        using var tree = WarningTree();

        var run = tree.Run(".", "--fail-level", level);

        Assert.AreEqual(expected, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Out, "warning[ML1001]");
    }

    [TestMethod]
    public void FailLevelNoneNeverFailsOnFindings()
    {
        Assert.AreEqual(ExitCodes.Findings, CliRun.InRepository("samples").ExitCode);
        Assert.AreEqual(ExitCodes.Success, CliRun.InRepository("samples", "--fail-level", "none").ExitCode);
    }

    [TestMethod]
    public void FailLevelNoteCountsInfo()
    {
        using var tree = new TempTree().Write("templates/service.yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}\n");

        var strict = tree.Run(".", "--fail-level", "note");
        var lenient = tree.Run(".");

        Assert.AreEqual(ExitCodes.Findings, strict.ExitCode, strict.ToString());
        StringAssert.Contains(strict.Out, "info[ML9008]");
        Assert.AreEqual(ExitCodes.Success, lenient.ExitCode);
    }

    [TestMethod]
    public void SeveralFormatsAreWrittenInOneRun()
    {
        using var tree = new TempTree().CopyFromRepository("samples");

        var run = tree.Run("samples", "--format", "sarif", "--output", "reports/out.sarif", "-f", "junit", "-o", "reports/out.xml",
            "--format=json", "--output=reports/out.json", "--format", "text");

        Assert.AreEqual(ExitCodes.Findings, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Out, "error[ML1001]");
        ProducedSarif.Check(File.ReadAllText(tree.PathOf("reports/out.sarif")));
        Assert.AreEqual("testsuites", XDocument.Load(tree.PathOf("reports/out.xml")).Root!.Name.LocalName);
        Assert.AreEqual(1, JsonNode.Parse(File.ReadAllText(tree.PathOf("reports/out.json")))!["version"]!.GetValue<int>());
    }

    [TestMethod]
    public void AnOutputWithoutAFormatWritesText()
    {
        using var tree = new TempTree().CopyFromRepository("samples");

        var run = tree.Run("samples", "--output", "lint.txt");

        Assert.AreEqual("", run.Out);
        StringAssert.Contains(File.ReadAllText(tree.PathOf("lint.txt")), "error[ML1001]");
    }

    [TestMethod]
    [DataRow(new[] { "samples", "--format", "sarif", "--format", "json" }, "only one format can be written to standard output")]
    [DataRow(new[] { "samples", "--output", "a.sarif", "--format", "sarif" }, "put it after the --format it should write")]
    [DataRow(new[] { "samples", "--format", "xml" }, "Argument 'xml' not recognized")]
    [DataRow(new[] { "samples", "--include", "ML10O1" }, "--include ML10O1: no rule or category has this name")]
    [DataRow(new[] { "samples", "--fail-level", "fatal" }, "Argument 'fatal' not recognized")]
    [DataRow(new[] { "samples", "--max-file-size", "0" }, "--max-file-size must be a positive number")]
    [DataRow(new[] { "no-such-folder" }, "path not found: no-such-folder")]
    [DataRow(new[] { "no-such-folder", "./no-such-folder" }, "path not found: no-such-folder")]
    [DataRow(new[] { "samples", "--config", "missing.yaml" }, "--config missing.yaml: configuration file not found")]
    [DataRow(new[] { "explain", "ML7777" }, "unknown rule 'ML7777'")]
    public void UsageErrorsExitWithTwo(string[] args, string message)
    {
        var run = CliRun.InRepository(args);

        Assert.AreEqual(ExitCodes.UsageError, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, message);
    }

    [TestMethod]
    public void IncludeAndExcludeSelectRulesByIdOrCategory()
    {
        var onlyWorkloads = ProducedSarif.Check(CliRun.InRepository("samples", "--format", "sarif", "--include", "Workloads").Out);
        var withoutMl1001 = CliRun.InRepository("samples", "--exclude", "ml1001,ML1003");

        var ruleIds = onlyWorkloads["runs"]![0]!["tool"]!["driver"]!["rules"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()).ToList();
        Assert.Contains("ML1002", ruleIds);
        Assert.DoesNotContain("ML1001", ruleIds);
        Assert.IsEmpty(onlyWorkloads["runs"]![0]!["results"]!.AsArray());
        Assert.AreEqual(ExitCodes.Success, withoutMl1001.ExitCode, withoutMl1001.ToString());
    }

    [TestMethod]
    public void IgnorePathSkipsMatchingFiles()
    {
        var run = CliRun.InRepository("samples", "--ignore-path", "samples/seed-000/**", "--format", "json");

        var paths = JsonNode.Parse(run.Out)!["diagnostics"]!.AsArray().Select(d => d!["location"]!["path"]!.GetValue<string>()).ToList();
        Assert.IsNotEmpty(paths);
        Assert.IsTrue(paths.All(p => !p.StartsWith("samples/seed-000/", StringComparison.Ordinal)), string.Join(", ", paths));
    }

    [TestMethod]
    public void NamespaceOptionSetsTheDefaultNamespace()
    {
        // The Service and a worker omit the namespace; the web Deployment is in shop.
        var worker = Manifests.Deployment.Replace("web", "worker", StringComparison.Ordinal).Replace(", namespace: shop", "", StringComparison.Ordinal);
        var service = Manifests.Service("web", "web").Replace(", namespace: shop", "", StringComparison.Ordinal);
        using var tree = new TempTree().Write("all.yaml", Manifests.Deployment + "---\n" + worker + "---\n" + service);

        var defaultNamespace = tree.Run(".");
        var shop = tree.Run(".", "--namespace", "shop");

        Assert.AreEqual(ExitCodes.Findings, defaultNamespace.ExitCode, defaultNamespace.ToString());
        StringAssert.Contains(defaultNamespace.Out, "pods with these labels exist only in namespace 'shop'");
        Assert.AreEqual(ExitCodes.Success, shop.ExitCode, shop.ToString());
    }

    [TestMethod]
    public void MaxFileSizeRefusesLargerFiles()
    {
        var run = CliRun.InRepository("samples/seed-000", "--max-file-size", "10");

        Assert.AreEqual(ExitCodes.Findings, run.ExitCode);
        StringAssert.Contains(run.Out, "error[ML9006]");
    }

    [TestMethod]
    public void PathsAreRelativeToTheGitRootAboveTheCurrentDirectory()
    {
        using var tree = new TempTree().Write(".git/HEAD", "ref: refs/heads/main\n").Write("deploy/k8s/all.yaml", Manifests.Deployment + "---\n" + Manifests.Service("web-typo", "wbe"));
        var k8s = tree.PathOf("deploy/k8s");

        var fromSubfolder = CliRun.Run(k8s, ["."]);
        var withRoot = CliRun.Run(k8s, [".", "--root", "."]);

        StringAssert.Contains(fromSubfolder.Out, "--> deploy/k8s/all.yaml:");
        StringAssert.Contains(withRoot.Out, "--> all.yaml:");
    }

    [TestMethod]
    public void ConfigurationIsFoundFromTheCurrentDirectoryNotTheRepositoryRoot()
    {
        using var tree = WarningTree("apps/");
        tree.Write(".git/HEAD", "ref: refs/heads/main\n");

        var run = CliRun.Run(tree.PathOf("apps"), ["."]);

        StringAssert.Contains(run.Out, "warning[ML1001]", "apps/.manifestlint.yaml makes ML1001 a warning");
        StringAssert.Contains(run.Out, "--> apps/service.yaml:");
    }

    [TestMethod]
    public void ColourOnlyOnATerminalAndNeverWithNoColor()
    {
        static bool Coloured(CliResult run) => run.Out.Contains('\u001b', StringComparison.Ordinal);
        string[] args = ["samples"];

        Assert.IsTrue(Coloured(CliRun.Run(TestPaths.RepositoryRoot, args, isTerminal: true)));
        Assert.IsFalse(Coloured(CliRun.Run(TestPaths.RepositoryRoot, args, isTerminal: false)));
        Assert.IsFalse(Coloured(CliRun.Run(TestPaths.RepositoryRoot, [.. args, "--no-color"], isTerminal: true)));
        Assert.IsFalse(Coloured(CliRun.Run(TestPaths.RepositoryRoot, args, isTerminal: true, environment: new Dictionary<string, string> { ["NO_COLOR"] = "1" })));
        Assert.IsFalse(Coloured(CliRun.Run(TestPaths.RepositoryRoot, [.. args, "--format", "json"], isTerminal: true)));
    }

    [TestMethod]
    public void StatsGoToStandardError()
    {
        var run = CliRun.InRepository("samples", "--stats", "--format", "json");

        JsonNode.Parse(run.Out);
        var lines = run.Error.TrimEnd('\n').Split('\n');
        string[] expected = ["files: ", "documents: ", "resources: ", "pod templates: ", "rules run: ", "load time: ", "index time: ", "objects validated against a schema: ", "schema time: ", "rules time: ", "output time: ", "jit: ", "gc: "];
        Assert.HasCount(expected.Length, lines, run.Error);
        for (var i = 0; i < expected.Length; i++)
        {
            StringAssert.StartsWith(lines[i], expected[i]);
        }

        Assert.AreEqual($"files: {Directory.EnumerateFiles(TestPaths.InRepository("samples"), "*.yaml", SearchOption.AllDirectories).Count()}", lines[0]);
        StringAssert.EndsWith(lines[^3], " ms");
    }

    [TestMethod]
    public void StandardInputIsLintedWithDashAlongsideFiles()
    {
        var run = CliRun.Run(TestPaths.RepositoryRoot, ["samples/seed-000", "-"], standardInput: Manifests.Deployment + "---\n" + Manifests.Service("web-typo", "wbe"));

        StringAssert.Contains(run.Out, "--> <stdin>:");
        StringAssert.Contains(run.Out, "--> samples/seed-000/service.yaml:");
    }

    [TestMethod]
    public void RulesListsTheCatalogue()
    {
        var text = CliRun.InRepository("rules");
        var markdown = CliRun.InRepository("rules", "--format", "markdown");

        Assert.AreEqual(ExitCodes.Success, text.ExitCode);
        var lines = text.Out.TrimEnd('\n').Split('\n');
        Assert.HasCount(RuleCatalog.AllRules.Count + 1, lines);
        StringAssert.StartsWith(lines[0], "ID ");
        StringAssert.Matches(lines[1], new System.Text.RegularExpressions.Regex(@"^ML1001\s+Service selector matches no pod\s+Services\s+error$"));
        StringAssert.Contains(markdown.Out, "| [ML1001](rules/ML1001.md) | Service selector matches no pod | Services | error |");
    }

    [TestMethod]
    public void ExplainPrintsTheRulePage()
    {
        var run = CliRun.InRepository("explain", "ml1001");

        Assert.AreEqual(ExitCodes.Success, run.ExitCode);
        Assert.AreEqual(RuleCatalog.Documentation("ML1001"), run.Out);
    }

    [TestMethod]
    public void VersionAndHelp()
    {
        var version = CliRun.InRepository("--version");
        var help = CliRun.InRepository("--help");

        Assert.AreEqual(CliApp.Version + "\n", version.Out);
        Assert.DoesNotContain("+", CliApp.Version);
        Assert.AreEqual(ExitCodes.Success, help.ExitCode);
        foreach (var expected in new[] { "--format", "--output", "--fail-level", "--ignore-path", "--category", "--no-color", "--stats", "--max-file-size", "rules", "explain", "Examples:", "Exit codes:", "3  the tool itself failed" })
        {
            StringAssert.Contains(help.Out, expected);
        }
    }

    [TestMethod]
    public void NoSuppressedLeavesSuppressedFindingsOutOfTheSummary()
    {
        using var tree = new TempTree()
            .Write("deployment.yaml", Manifests.Deployment)
            .Write("service.yaml", Manifests.Service("web-typo", "wbe").Replace("metadata: {name: web-typo, namespace: shop}", "metadata: {name: web-typo, namespace: shop, annotations: {manifestlint.io/suppress: \"ML1001: legacy\"}}", StringComparison.Ordinal));

        var run = tree.Run(".");
        var hidden = tree.Run(".", "--no-suppressed");

        Assert.AreEqual(ExitCodes.Success, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Out, "; 1 suppressed");
        Assert.DoesNotContain("suppressed", hidden.Out);
    }

    /// <summary>seed-000 with ML1001 configured as a warning.</summary>
    private static TempTree WarningTree(string folder = "")
    {
        return new TempTree()
            .Write(folder + ".manifestlint.yaml", "rules: {ML1001: warning}\n")
            .Write(folder + "deployment.yaml", Manifests.Deployment)
            .Write(folder + "service.yaml", Manifests.Service("web-typo", "wbe"));
    }
}
