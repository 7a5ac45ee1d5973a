using ManifestLint.Core.Engine;
using ManifestLint.Core.Yaml;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace ManifestLint.MSBuild.Tests;

/// <summary>The tasks run in-process against a recording engine: what reaches MSBuild, and what is cached for replay.</summary>
[TestClass]
public sealed class LintManifestsTests
{
    private string _project = "";

    [TestInitialize]
    public void CreateProject()
    {
        _project = Path.Combine(Path.GetTempPath(), "manifestlint-task-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(_project, ".git"));
        SampleManifests.Write(_project, ".editorconfig", SampleManifests.EditorConfig);
        SampleManifests.Write(_project, ".manifestlint.yaml", SampleManifests.RepositoryConfig);
    }

    [TestCleanup]
    public void DeleteProject() => Directory.Delete(_project, recursive: true);

    private string InProject(string relative) => Path.Combine(_project, relative);

    private (LintManifests Task, RecordingBuildEngine Engine) Lint(params string[] files)
    {
        var engine = new RecordingBuildEngine();
        var task = new LintManifests
        {
            BuildEngine = engine,
            Files = [.. files.Select(f => new TaskItem(InProject(f)))],
            ProjectDirectory = _project,
            ResultsFile = InProject("obj/ManifestLint.results.json"),
            DependencyFile = InProject("obj/ManifestLint.dependencies.txt"),
        };
        return (task, engine);
    }

    private RecordingBuildEngine Replay(bool treatWarningsAsErrors = false)
    {
        var engine = new RecordingBuildEngine();
        var task = new ReplayManifestLintResults
        {
            BuildEngine = engine,
            ResultsFile = InProject("obj/ManifestLint.results.json"),
            TreatWarningsAsErrors = treatWarningsAsErrors,
        };
        Assert.AreEqual(!treatWarningsAsErrors, task.Execute());
        return engine;
    }

    [TestMethod]
    public void Run_LogsCanonicalCoordinates_FullPaths_AndHelpLinks_ButNotSuppressedFindings()
    {
        SampleManifests.Write(_project, "deploy/app.yaml", SampleManifests.TargetPortNotDeclared);
        SampleManifests.Write(_project, "deploy/admin.yaml", SampleManifests.SuppressedTargetPort);
        SampleManifests.Write(_project, "deploy/chart/templates/config.yaml", SampleManifests.HelmTemplate);
        var (task, engine) = Lint("deploy/app.yaml", "deploy/admin.yaml", "deploy/chart/templates/config.yaml");

        Assert.IsTrue(task.Execute());

        var app = InProject("deploy/app.yaml");
        var helm = InProject("deploy/chart/templates/config.yaml");
        CollectionAssert.AreEquivalent(
            new[] { $"warning ML1003 {app}(30,19,30,27)", $"message ML9008 {helm}(4,9,4,10) Low" },
            engine.Coded().ToArray(),
            string.Join("\n", engine.Coded()));
        var warning = engine.Warnings.Single();
        Assert.AreEqual("https://github.com/manifestlint/manifestlint/blob/main/rules/ML1003.md", warning.HelpLink);
        Assert.EndsWith(" (https://github.com/manifestlint/manifestlint/blob/main/rules/ML1003.md)", warning.Message);
        Assert.IsTrue(task.Ran);
    }

    [TestMethod]
    public void Run_WithoutErrors_CachesForReplay_AndListsTheConfigurationItDependsOn()
    {
        SampleManifests.Write(_project, "deploy/app.yaml", SampleManifests.TargetPortNotDeclared);
        var (task, first) = Lint("deploy/app.yaml");
        Assert.IsTrue(task.Execute());

        var replayed = Replay();
        CollectionAssert.AreEqual(first.Coded().ToArray(), replayed.Coded().ToArray());
        Assert.AreEqual(first.Warnings.Single().Message, replayed.Warnings.Single().Message);
        Assert.AreEqual(first.Warnings.Single().HelpLink, replayed.Warnings.Single().HelpLink);

        // The policy is applied when replaying, not cached: a command-line TreatWarningsAsErrors still fails.
        var escalated = Replay(treatWarningsAsErrors: true);
        Assert.AreEqual($"error ML1003 {InProject("deploy/app.yaml")}(30,19,30,27)", escalated.Coded().Single());

        var dependencies = File.ReadAllLines(InProject("obj/ManifestLint.dependencies.txt"));
        CollectionAssert.IsSubsetOf(new[] { InProject(".editorconfig"), InProject(".manifestlint.yaml") }, dependencies);
    }

    [TestMethod]
    public void Run_WithErrors_FailsAndLeavesNoStamp_SoTheNextBuildLintsAgain()
    {
        SampleManifests.Write(_project, "deploy/api.yaml", SampleManifests.SelectorMatchesNoPods);
        SampleManifests.Write(_project, "obj/ManifestLint.results.json", "stale");
        var (task, engine) = Lint("deploy/api.yaml");

        Assert.IsFalse(task.Execute());

        Assert.AreEqual($"error ML1001 {InProject("deploy/api.yaml")}(25,3,25,11)", engine.Coded().Single());
        Assert.IsFalse(File.Exists(InProject("obj/ManifestLint.results.json")));
    }

    [TestMethod]
    public void Run_WithABaseline_FailsTheBuildOnlyOnTheNewFinding_AndMarksSarifResults()
    {
        // The team records today's finding (as `dotnet manifest-lint --write-baseline` does) ...
        SampleManifests.Write(_project, "deploy/web.yaml", SampleManifests.WebDeployment);
        SampleManifests.Write(_project, "deploy/admin.yaml", SampleManifests.ServiceLackingTier("admin"));
        LintRunner.Run(new LintRequest { Paths = [InProject("deploy")], BaseDirectory = _project, WriteBaselinePath = InProject("manifestlint.baseline.jsonl") },
            ManifestLint.Rules.RuleCatalog.CreateEngine());
        var (accepted, acceptedEngine) = Lint("deploy/web.yaml", "deploy/admin.yaml");
        accepted.BaselineFile = "manifestlint.baseline.jsonl";
        Assert.IsTrue(accepted.Execute(), string.Join("\n", acceptedEngine.Coded()));

        // ... then someone adds a second Service whose pods lack its tier: only that one fails the build.
        SampleManifests.Write(_project, "deploy/backoffice.yaml", SampleManifests.ServiceLackingTier("backoffice"));
        var (task, engine) = Lint("deploy/web.yaml", "deploy/admin.yaml", "deploy/backoffice.yaml");
        task.BaselineFile = "manifestlint.baseline.jsonl";
        task.SarifFile = "obj/manifestlint.sarif";

        Assert.IsFalse(task.Execute());

        Assert.AreEqual($"error ML1001 {InProject("deploy/backoffice.yaml")}(8,3,8,11)", engine.Coded().Single());
        var states = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(InProject("obj/manifestlint.sarif")))!["runs"]![0]!["results"]!.AsArray()
            .Select(r => $"{r!["locations"]![0]!["physicalLocation"]!["artifactLocation"]!["uri"]} {r["baselineState"]}");
        CollectionAssert.AreEquivalent(new[] { "deploy/admin.yaml unchanged", "deploy/backoffice.yaml new" }, states.ToArray());
    }

    [TestMethod]
    public void Run_HonoursNoWarnAndFailLevel()
    {
        SampleManifests.Write(_project, "deploy/app.yaml", SampleManifests.TargetPortNotDeclared);
        var (quiet, quietEngine) = Lint("deploy/app.yaml");
        quiet.NoWarn = "1701;ML1003";
        Assert.IsTrue(quiet.Execute());
        Assert.IsEmpty(quietEngine.Coded());

        var (strict, strictEngine) = Lint("deploy/app.yaml");
        strict.FailLevel = "warning";
        Assert.IsFalse(strict.Execute());
        Assert.AreEqual($"error ML1003 {InProject("deploy/app.yaml")}(30,19,30,27)", strictEngine.Coded().Single());
    }

    [TestMethod]
    public void Run_InAProjectBelowTheRepositoryRoot_ReadsConfigurationLikeTheCliRunThere()
    {
        // The repository is _project; the .NET project is two folders down. As for the CLI, .manifestlint.yaml is
        // found from the project upwards and its ignorePaths are relative to the repository root.
        File.Delete(InProject(".manifestlint.yaml"));
        SampleManifests.Write(_project, ".manifestlint.yaml", "ignorePaths: [\"services/orders/deploy/legacy/**\"]\n");
        SampleManifests.Write(_project, "services/orders/deploy/app.yaml", SampleManifests.TargetPortNotDeclared);
        SampleManifests.Write(_project, "services/orders/deploy/legacy/api.yaml", SampleManifests.SelectorMatchesNoPods);
        var (task, engine) = Lint("services/orders/deploy");
        task.ProjectDirectory = InProject("services/orders");

        Assert.IsTrue(task.Execute(), string.Join("\n", engine.Coded()));

        Assert.AreEqual($"warning ML1003 {InProject("services/orders/deploy/app.yaml")}(30,19,30,27)", engine.Coded().Single());
        CollectionAssert.Contains(File.ReadAllLines(InProject("obj/ManifestLint.dependencies.txt")), InProject(".manifestlint.yaml"));
    }

    [TestMethod]
    public void Run_JudgesCustomResourcesAgainstTheConfiguredCrds_AndDependsOnTheirFiles()
    {
        File.Delete(InProject(".manifestlint.yaml"));
        SampleManifests.Write(_project, ".manifestlint.yaml", "crds: [crds]\n");
        SampleManifests.Write(_project, "crds/widgets.yaml", """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: widgets.example.com}
            spec:
              group: example.com
              scope: Namespaced
              names: {kind: Widget, plural: widgets}
              versions:
                - {name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object, properties: {spec: {type: object, properties: {size: {type: integer, maximum: 10}}}}}}}

            """);
        SampleManifests.Write(_project, "deploy/widget.yaml", "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: big}\nspec: {size: 11}\n");
        var (task, engine) = Lint("deploy/widget.yaml");

        Assert.IsFalse(task.Execute());

        Assert.AreEqual($"error ML2006 {InProject("deploy/widget.yaml")}(4,14,4,16)", engine.Coded().Single());
        CollectionAssert.IsSubsetOf(new[] { InProject("crds/widgets.yaml"), InProject("crds") }, File.ReadAllLines(InProject("obj/ManifestLint.dependencies.txt")));
    }

    [TestMethod]
    public void Run_WithAMissingConfigFile_IsAConfigurationError()
    {
        SampleManifests.Write(_project, "deploy/app.yaml", SampleManifests.TargetPortNotDeclared);
        var (task, engine) = Lint("deploy/app.yaml");
        task.ConfigFile = InProject("missing.yaml");

        Assert.IsFalse(task.Execute());

        var error = engine.Errors.Single();
        Assert.AreEqual("ML9010", error.Code);
        StringAssert.Contains(error.Message, "configuration file not found");
    }

    [TestMethod]
    public void Run_WithAMissingFile_IsAnErrorOnThatFile()
    {
        var (task, engine) = Lint("deploy/gone.yaml");

        Assert.IsFalse(task.Execute());

        Assert.AreEqual($"error ML9009 {InProject("deploy/gone.yaml")}(0,0,0,0)", engine.Coded().Single());
    }

    [TestMethod]
    public void RunLevelDiagnostic_IsLoggedWithoutAFile()
    {
        var diagnostic = new Diagnostic(CoreRules.AnalyzerException, Severity.Warning, "Rule ML1001 threw", new Location("", TextSpan.At(1, 1)), []);

        var logged = BuildDiagnostic.From(diagnostic, path => throw new AssertFailedException($"no path expected, got {path}"));

        Assert.AreEqual(new BuildDiagnostic("ML9000", Severity.Warning, "Rule ML1001 threw", null, 0, 0, 0, 0, CoreRules.AnalyzerException.HelpUri), logged);
    }

    [TestMethod]
    public void Replay_OfAnUnreadableCache_DeletesItSoTheNextBuildLints()
    {
        SampleManifests.Write(_project, "obj/ManifestLint.results.json", "{ not json");

        var engine = Replay();

        Assert.IsEmpty(engine.Coded());
        Assert.IsTrue(engine.Messages.Any(m => m.Importance == MessageImportance.High && m.Message!.Contains("could not be read", StringComparison.Ordinal)));
        Assert.IsFalse(File.Exists(InProject("obj/ManifestLint.results.json")));
    }
}
