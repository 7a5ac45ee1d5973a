using Microsoft.Build.Utilities;

namespace ManifestLint.MSBuild.Tests;

/// <summary>A custom rule of .manifestlint.yaml fails the build like a built-in one, at the failing value; a broken one is a configuration error.</summary>
[TestClass]
public sealed class CustomRuleTaskTests
{
    private const string Config = """
        customRules:
          - id: ACME002
            title: Images come from the company registry
            message: "container '{container}' of {kind} '{name}' pulls {path} from outside registry.acme.example"
            severity: error
            target: container
            kinds: [Deployment]
            schema:
              properties:
                image: {type: string, pattern: '^registry\.acme\.example/'}

        """;

    private const string Deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
                - name: web
                  image: docker.io/nginx:1.27

        """;

    private string _project = "";

    [TestInitialize]
    public void CreateProject()
    {
        _project = Path.Combine(Path.GetTempPath(), "manifestlint-task-custom-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(_project, ".git"));
        SampleManifests.Write(_project, "deploy/web.yaml", Deployment);
    }

    [TestCleanup]
    public void DeleteProject() => Directory.Delete(_project, recursive: true);

    private (LintManifests Task, RecordingBuildEngine Engine) Lint(string config)
    {
        SampleManifests.Write(_project, ".manifestlint.yaml", config);
        var engine = new RecordingBuildEngine();
        var task = new LintManifests
        {
            BuildEngine = engine,
            Files = [new TaskItem(Path.Combine(_project, "deploy/web.yaml"))],
            ProjectDirectory = _project,
            ResultsFile = Path.Combine(_project, "obj/ManifestLint.results.json"),
        };
        return (task, engine);
    }

    [TestMethod]
    public void A_custom_rule_fails_the_build_at_the_failing_value_with_its_message()
    {
        var (task, engine) = Lint(Config);

        Assert.IsFalse(task.Execute());

        var file = Path.Combine(_project, "deploy/web.yaml");
        CollectionAssert.Contains(engine.Coded().ToList(), $"error ACME002 {file}(11,18,11,38)", string.Join("\n", engine.Coded()));
        var error = engine.Errors.Single(e => e.Code == "ACME002");
        Assert.AreEqual("container 'web' of Deployment 'web' pulls $.image from outside registry.acme.example", error.Message, "no helpUri: no link");
    }

    [TestMethod]
    public void A_broken_custom_rule_is_a_configuration_error_naming_its_place()
    {
        var (task, engine) = Lint(Config.Replace("kinds: [Deployment]", "kinds: [Deploymnet]", StringComparison.Ordinal));

        Assert.IsFalse(task.Execute());

        var error = engine.Errors.Single();
        Assert.AreEqual("ML9010", error.Code);
        StringAssert.Contains(error.Message, ".manifestlint.yaml(7,13): ACME002: unknown kind 'Deploymnet'");
    }
}
