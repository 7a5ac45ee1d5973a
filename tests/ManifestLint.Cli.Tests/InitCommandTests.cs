using ManifestLint.Core.Configuration;

namespace ManifestLint.Cli.Tests;

/// <summary>
/// `init` writes a first .manifestlint.yaml from what the repository shows: valid, changing nothing until edited, and
/// with the suggestions a user would otherwise have to work out (units, unknown operators, undeclared objects).
/// </summary>
[TestClass]
public sealed class InitCommandTests
{
    private const string OperatorAndMissingSecret = """
        apiVersion: apps.example.com/v1
        kind: WebApp
        metadata: {name: shop, namespace: shop}
        spec:
          runtime:
            podTemplate:
              metadata: {labels: {app: shop}}
              spec:
                containers: [{name: shop, image: shop:1}]
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: api, namespace: shop}
        spec:
          selector: {matchLabels: {app: api}}
          template:
            metadata: {labels: {app: api}}
            spec:
              containers:
                - name: api
                  image: api:1
                  env:
                    - name: DB
                      valueFrom: {secretKeyRef: {name: db-credentials, key: password}}

        """;

    private static TempTree Repository() => new TempTree()
        .Write(".git/HEAD", "ref: refs/heads/main\n")
        .Write("deploy/app.yaml", OperatorAndMissingSecret)
        .Write("deploy/overlay/kustomization.yaml", "resources: [../app.yaml]\n");

    [TestMethod]
    public void WritesAFileThatChangesNothing_WithTheUnitsFound()
    {
        using var tree = Repository();

        var run = tree.Run("init");

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        var text = File.ReadAllText(tree.PathOf(".manifestlint.yaml"));
        var config = RepositoryConfig.Parse(text, ".manifestlint.yaml");
        Assert.IsNull(config.DefaultNamespace, "only comments: the configuration is the default one");
        Assert.IsEmpty(config.PodTemplateOwners);
        Assert.IsEmpty(config.ExternalObjects);
        Assert.IsEmpty(config.Units);
        Assert.IsEmpty(config.Rules);
        StringAssert.Contains(text, "#   deploy/overlay                           kustomization root");
        StringAssert.Contains(text, "#   deploy                                   folder");
        StringAssert.Contains(text, "podTemplateOwners:");
    }

    [TestMethod]
    public void SuggestsTheCrdsFolder_WhenItsCrdsDefineCustomResourcesOfOtherUnits_ThatParsesOnceUncommented()
    {
        using var tree = new TempTree()
            .Write(".git/HEAD", "ref: refs/heads/main\n")
            .Write("crds/widgets.yaml", """
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: widgets.example.com}
                spec:
                  group: example.com
                  scope: Namespaced
                  names: {kind: Widget, plural: widgets}
                  versions: [{name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object}}}]

                """)
            .Write("deploy/widget.yaml", "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: big}\n");

        tree.Run("init");
        var lines = File.ReadAllLines(tree.PathOf(".manifestlint.yaml"));

        CollectionAssert.Contains(lines, "#   - crds      # its CRDs define Widget/default/big (deploy/widget.yaml), whose unit has none");
        var uncommented = string.Join('\n', lines.SkipWhile(l => l != "# crds:").TakeWhile(l => l.Length > 0).Select(l => l[2..]));
        Assert.AreEqual(tree.PathOf("crds"), RepositoryConfig.Parse(uncommented, tree.PathOf(".manifestlint.yaml")).Crds.Single().FullPath);
    }

    [TestMethod]
    public void WithoutCustomResourcesOfOtherUnits_TheCrdsExampleStaysAnExample()
    {
        using var tree = Repository();

        tree.Run("init");

        StringAssert.Contains(File.ReadAllText(tree.PathOf(".manifestlint.yaml")), "#   (none found: no custom resource has its CRD only in another unit)\n# crds:\n#   - crds/\n");
    }

    [TestMethod]
    public void SuggestsAPodTemplateOwnerForAnUnknownOperator_AndTheUndeclaredSecret_ThatParseOnceUncommented()
    {
        using var tree = Repository();
        tree.Run("init");
        var lines = File.ReadAllLines(tree.PathOf(".manifestlint.yaml"));

        // Uncommenting the two blocks, as a user would, gives a configuration that declares exactly the suggestions.
        var uncommented = string.Join('\n', lines
            .SkipWhile(l => l != "# podTemplateOwners:")
            .Where(l => l.StartsWith("# ", StringComparison.Ordinal) && !l.StartsWith("# Objects", StringComparison.Ordinal) && !l.StartsWith("# they", StringComparison.Ordinal))
            .Select(l => l[2..]));
        var config = RepositoryConfig.Parse(uncommented, "uncommented.yaml");

        var owner = config.PodTemplateOwners.Single();
        Assert.AreEqual("WebApp", owner.Kind);
        Assert.AreEqual("apps.example.com", owner.Group);
        CollectionAssert.AreEqual(new[] { "spec", "runtime", "podTemplate" }, owner.TemplatePath);
        Assert.AreEqual(new ManifestLint.Core.Index.ExternalObject("Secret", "shop", "db-credentials"), config.ExternalObjects.Single());
    }

    [TestMethod]
    public void RefusesToOverwriteAnExistingConfiguration_UnlessForced()
    {
        using var tree = Repository().Write(".manifestlint.yaml", "defaultNamespace: mine\n");

        var refused = tree.Run("init");
        var forced = tree.Run("init", "--force");

        Assert.AreEqual(2, refused.ExitCode);
        StringAssert.Contains(refused.Error, ".manifestlint.yaml already exists; run with --force to replace it");
        Assert.AreEqual(0, forced.ExitCode, forced.ToString());
        StringAssert.StartsWith(File.ReadAllText(tree.PathOf(".manifestlint.yaml")), "# ManifestLint configuration, written by");
    }

    [TestMethod]
    public void PrintsTheWorkflowThatRunsTheAction()
    {
        using var tree = Repository();

        var run = tree.Run("init");

        StringAssert.Contains(run.Out, "Wrote .manifestlint.yaml: 2 deployment units, 1 unknown custom resource kinds, 1 undeclared objects");
        StringAssert.Contains(run.Out, "uses: " + InitCommand.ActionReference);
        StringAssert.Contains(run.Out, "security-events: write");
    }
}
