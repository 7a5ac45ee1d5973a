using ManifestLint.Core.Kustomize;
using ManifestLint.Core.Loading;

namespace ManifestLint.Cli.Tests;

/// <summary>
/// --kustomize lints what kustomize renders (patches applied) and reports each finding where it is fixed: the patch
/// that wrote the key, else the file the object came from. These tests need kubectl or kustomize on PATH.
/// </summary>
[TestClass]
public sealed class KustomizeTests
{
    private const string BaseDeployment = """
        # The base is fine: the selector matches the pod template.
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: api
        spec:
          selector:
            matchLabels:
              app: api
          template:
            metadata:
              labels:
                app: api
            spec:
              containers:
                - name: api
                  image: api:1
                  resources: {limits: {memory: 64Mi}}

        """;

    private const string SelectorPatch = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: api
        spec:
          selector:
            matchLabels:
              app: api-v2

        """;

    private static void RequireKustomize()
    {
        if (KustomizeRenderer.FindOnPath("kubectl") is null && KustomizeRenderer.FindOnPath("kustomize") is null)
        {
            Assert.Fail("neither kubectl nor kustomize is on PATH: install Debian's kubernetes-client (.ci/run does)");
        }
    }

    private static TempTree OverlayWhosePatchBreaksTheSelector() => new TempTree()
        .Write(".git/HEAD", "ref: refs/heads/main\n")
        .Write("base/deployment.yaml", BaseDeployment)
        .Write("base/kustomization.yaml", "resources: [deployment.yaml]\n")
        .Write("overlays/prod/kustomization.yaml", "resources: [../../base]\nnamePrefix: prod-\npatches:\n  - path: selector-patch.yaml\n")
        .Write("overlays/prod/selector-patch.yaml", SelectorPatch);

    [TestMethod]
    public void APatchThatBreaksTheSelectorIsReportedInThePatch_OnlyWhenRendered()
    {
        RequireKustomize();
        using var tree = OverlayWhosePatchBreaksTheSelector();

        var files = tree.Run(".");
        var rendered = tree.Run(".", "--kustomize");

        Assert.AreEqual(0, files.ExitCode, "each file alone is fine: " + files);
        Assert.AreEqual(1, rendered.ExitCode, rendered.ToString());
        StringAssert.Contains(rendered.Out, "error[ML1002]: Deployment 'prod-api' selector app=api-v2 does not match its own pod template labels");
        StringAssert.Contains(rendered.Out, " --> overlays/prod/selector-patch.yaml:6:3");
        StringAssert.Contains(rendered.Out, "= note: found in the output of `kustomize build overlays/prod` (at overlays/prod/kustomization.yaml:1)");
    }

    [TestMethod]
    public void AFindingOnAKeyNoPatchWroteIsReportedInTheFileTheObjectCameFrom()
    {
        RequireKustomize();
        using var tree = OverlayWhosePatchBreaksTheSelector()
            .Write("overlays/prod/selector-patch.yaml", SelectorPatch.Replace("  selector:\n    matchLabels:\n      app: api-v2\n", "  replicas: 2\n", StringComparison.Ordinal))
            .Write("base/deployment.yaml", BaseDeployment.Replace("      app: api\n  template", "      app: api-old\n  template", StringComparison.Ordinal));

        var json = JsonNode.Parse(tree.Run(".", "--kustomize", "--format", "json").Out)!;

        // Both the base and the overlay render the broken selector: one finding, in the base, where it is fixed.
        var finding = json["diagnostics"]!.AsArray().Single()!;
        Assert.AreEqual("ML1002", finding["id"]!.GetValue<string>());
        Assert.AreEqual("base/deployment.yaml", finding["location"]!["path"]!.GetValue<string>());
        Assert.AreEqual(7, finding["location"]!["startLine"]!.GetValue<int>());
    }

    [TestMethod]
    public void ABaselineOfRenderedFindingsKeepsTheRenderedKeyPath_AndTheNextRunPasses()
    {
        RequireKustomize();
        using var tree = OverlayWhosePatchBreaksTheSelector();

        var written = tree.Run(".", "--kustomize", "--write-baseline", "baseline.jsonl");
        var next = tree.Run(".", "--kustomize", "--baseline", "baseline.jsonl");

        Assert.AreEqual(0, written.ExitCode, written.ToString());
        StringAssert.Contains(File.ReadAllText(tree.PathOf("baseline.jsonl")),
            "{\"file\":\"overlays/prod/kustomization.yaml (rendered)\",\"rule\":\"ML1002\",\"object\":\"Deployment/default/prod-api\",\"path\":\"spec.selector\",\"hash\":null}");
        Assert.AreEqual(0, next.ExitCode, next.ToString());
        StringAssert.Contains(next.Out, "1 baselined");
    }

    [TestMethod]
    public void PodinfoRendersCleanly()
    {
        RequireKustomize();
        var podinfo = TestPaths.InShared("testdata/real-world/podinfo/kustomize");

        var run = CliRun.Run(podinfo, [".", "--kustomize", "--root", podinfo, "--format", "json"]);

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        var summary = JsonNode.Parse(run.Out)!["summary"]!;
        Assert.AreEqual(3, summary["resources"]!.GetValue<int>(), "the Deployment, Service and HorizontalPodAutoscaler");
        Assert.AreEqual(1, summary["files"]!.GetValue<int>(), "one rendered stream replaced the four files");
    }

    [TestMethod]
    public void WithoutKubectlOrKustomizeTheFilesAreLintedAsTheyAre_AndANoteSaysSo()
    {
        using var tree = OverlayWhosePatchBreaksTheSelector();
        var inputs = InputCollector.Collect([tree.Root], tree.Root).Files;

        var rendering = KustomizeRenderer.Render(inputs, tree.Root, findExecutable: _ => null);

        CollectionAssert.AreEqual(inputs.ToArray(), rendering.Inputs.ToArray());
        Assert.AreEqual("--kustomize: neither kubectl nor kustomize is on PATH, so the 2 kustomization root(s) are linted as the files are, without rendering",
            rendering.Notes.Single());
    }
}
