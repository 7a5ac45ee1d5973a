namespace ManifestLint.Cli.Tests;

/// <summary>
/// Adopting the linter on a repository that already has findings: record them once with --write-baseline, and from
/// then on only new findings fail the run, fixed ones are listed as gone, and moving or reformatting YAML changes nothing.
/// </summary>
[TestClass]
public sealed class BaselineTests
{
    // ML1001 on the Service's selector (the pods lack tier=backend): the finding the team accepts into the baseline.
    private static string Service(string name, bool broken = true) => Manifests.Service(name, broken ? "web\n    tier: backend" : "web");

    private static TempTree RepositoryWithOneFinding() => new TempTree()
        .Write("k8s/deployment.yaml", Manifests.Deployment)
        .Write("k8s/service.yaml", Service("web-typo"));

    // ML1003: a second Service whose targetPort no container declares.
    private const string NewFault = "---\n" + """
        apiVersion: v1
        kind: Service
        metadata: {name: admin, namespace: shop}
        spec:
          selector: {app: web}
          ports: [{name: admin, port: 81, targetPort: 9999}]

        """;

    [TestMethod]
    public void WritingTheBaselineRecordsEveryFindingByRuleObjectAndKeyPath_AndThatRunPasses()
    {
        using var tree = RepositoryWithOneFinding();

        var run = tree.Run("k8s", "--write-baseline", "manifestlint.baseline.jsonl");

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Out, "1 baselined");
        Assert.AreEqual("""
            {"manifestLintBaseline":1}
            {"file":"k8s/service.yaml","rule":"ML1001","object":"Service/shop/web-typo","path":"spec.selector","hash":null}

            """.Replace("\r\n", "\n", StringComparison.Ordinal), File.ReadAllText(tree.PathOf("manifestlint.baseline.jsonl")));
    }

    [TestMethod]
    public void WithTheBaseline_OnlyTheNewFindingIsReportedAndFailsTheRun()
    {
        using var tree = RepositoryWithOneFinding();
        tree.Run("k8s", "--write-baseline", "baseline.jsonl");
        tree.Write("k8s/service.yaml", Service("web-typo") + NewFault);

        var run = tree.Run("k8s", "--baseline", "baseline.jsonl");

        Assert.AreEqual(1, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Out, "error[ML1003]");
        Assert.DoesNotContain("ML1001", run.Out, "the baselined finding is not printed again");
        StringAssert.Contains(run.Out, "Found 1 error, 0 warnings and 0 infos in 2 files (3 resources); 1 baselined");
    }

    [TestMethod]
    public void WithTheBaseline_TheFailLevelCountsOnlyNewFindings()
    {
        using var tree = RepositoryWithOneFinding();
        tree.Run("k8s", "--write-baseline", "baseline.jsonl");

        Assert.AreEqual(0, tree.Run("k8s", "--baseline", "baseline.jsonl", "--fail-level", "note").ExitCode);
        Assert.AreEqual(1, tree.Run("k8s", "--fail-level", "note").ExitCode, "without the baseline the same input fails");
    }

    [TestMethod]
    public void MovingTheBlockDownTwentyLinesAndReformattingItMakesNothingNew()
    {
        using var tree = RepositoryWithOneFinding();
        tree.Run("k8s", "--write-baseline", "baseline.jsonl");
        var twentyLinesAbove = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: shop}\ndata:\n"
            + string.Concat(Enumerable.Range(1, 16).Select(i => $"  key{i}: value{i}\n")) + "---\n";
        var reformatted = "# the Service, moved and written in flow style\n{apiVersion: v1, kind: Service, metadata: {namespace: shop, name: web-typo},\n"
            + " spec: {ports: [{port: 80, targetPort: http}], selector: {tier: backend, app: web}}}\n";
        tree.Write("k8s/service.yaml", twentyLinesAbove + reformatted);

        var run = tree.Run("k8s", "--baseline", "baseline.jsonl", "--format", "json");

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        var json = JsonNode.Parse(run.Out)!;
        Assert.AreEqual(1, json["summary"]!["baselined"]!.GetValue<int>());
        Assert.AreEqual(0, json["summary"]!["gone"]!.GetValue<int>());
        var finding = json["diagnostics"]!.AsArray().Single()!;
        Assert.AreEqual("unchanged", finding["baselineState"]!.GetValue<string>());
        Assert.IsGreaterThan(20, finding["location"]!["startLine"]!.GetValue<int>(), "the finding did move");
    }

    [TestMethod]
    public void RenamingTheFileKeepsTheFindingUnchanged()
    {
        using var tree = RepositoryWithOneFinding();
        tree.Run("k8s", "--write-baseline", "baseline.jsonl");
        File.Move(tree.PathOf("k8s/service.yaml"), tree.PathOf("k8s/shop-service.yaml"));

        var run = tree.Run("k8s", "--baseline", "baseline.jsonl");

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Out, "1 baselined");
        Assert.DoesNotContain("gone", run.Out);
    }

    [TestMethod]
    public void AFixedFindingIsListedAsGone_InTextAndJson_SoTheBaselineCanShrink()
    {
        using var tree = RepositoryWithOneFinding();
        tree.Run("k8s", "--write-baseline", "baseline.jsonl");
        tree.Write("k8s/service.yaml", Service("web-typo", broken: false));

        var text = tree.Run("k8s", "--baseline", "baseline.jsonl");
        var json = JsonNode.Parse(tree.Run("k8s", "--baseline", "baseline.jsonl", "--format", "json").Out)!;

        Assert.AreEqual(0, text.ExitCode, text.ToString());
        StringAssert.Contains(text.Out, "0 baselined, 1 gone");
        StringAssert.Contains(text.Out, "  ML1001 Service/shop/web-typo spec.selector (k8s/service.yaml)");
        Assert.AreEqual(1, json["summary"]!["gone"]!.GetValue<int>());
        Assert.AreEqual("""[{"file":"k8s/service.yaml","rule":"ML1001","object":"Service/shop/web-typo","path":"spec.selector","hash":null}]""", json["gone"]!.ToJsonString());
    }

    [TestMethod]
    public void SarifResultsCarryTheirBaselineState_AndAGoneFindingIsAnAbsentResult()
    {
        using var tree = RepositoryWithOneFinding();
        tree.Write("k8s/other.yaml", Service("other-typo"));
        tree.Run("k8s", "--write-baseline", "baseline.jsonl");
        tree.Write("k8s/service.yaml", Service("web-typo") + NewFault);
        tree.Write("k8s/other.yaml", Service("other-typo", broken: false));

        var run = tree.Run("k8s", "--baseline", "baseline.jsonl", "--format", "sarif");

        Assert.AreEqual(1, run.ExitCode, run.ToString());
        var results = ProducedSarif.Check(run.Out)["runs"]![0]!["results"]!.AsArray();
        var states = results.Select(r => $"{r!["ruleId"]} {r["baselineState"]}").ToList();
        CollectionAssert.AreEquivalent(new[] { "ML1001 unchanged", "ML1003 new", "ML1001 absent" }, states, string.Join(", ", states));
        var absent = results.Single(r => r!["baselineState"]!.GetValue<string>() == "absent")!;
        Assert.AreEqual("pass", absent["kind"]!.GetValue<string>());
        Assert.AreEqual("none", absent["level"]!.GetValue<string>());
        Assert.AreEqual("k8s/other.yaml", absent["locations"]![0]!["physicalLocation"]!["artifactLocation"]!["uri"]!.GetValue<string>());
    }

    [TestMethod]
    public void JUnitSkipsTheCaseOfABaselinedFinding()
    {
        using var tree = RepositoryWithOneFinding();
        tree.Run("k8s", "--write-baseline", "baseline.jsonl");

        var xml = ProducedJUnit.Check(tree.Run("k8s", "--baseline", "baseline.jsonl", "--format", "junit").Out);

        Assert.AreEqual("in the baseline", xml.Root!.Descendants("skipped").Single().Attribute("message")!.Value);
        Assert.AreEqual("0", xml.Root.Attribute("failures")!.Value);
    }

    [TestMethod]
    public void WithoutABaseline_ResultsHaveNoBaselineState()
    {
        using var tree = RepositoryWithOneFinding();

        var results = ProducedSarif.Check(tree.Run("k8s", "--format", "sarif").Out)["runs"]![0]!["results"]!.AsArray();

        Assert.IsNull(results.Single()!["baselineState"]);
    }

    [TestMethod]
    public void AnObjectDefinedInTwoFilesKeepsOneEntryPerFile()
    {
        // Two overlays render the same Service: each definition's finding is its own.
        using var tree = new TempTree()
            .Write("overlays/a/all.yaml", Manifests.Deployment + "---\n" + Service("web-typo"))
            .Write("overlays/b/all.yaml", Manifests.Deployment + "---\n" + Service("web-typo"));
        tree.Run(".", "--write-baseline", "baseline.jsonl");
        tree.Write("overlays/b/all.yaml", Manifests.Deployment + "---\n" + Service("web-typo", broken: false));

        var json = JsonNode.Parse(tree.Run(".", "--baseline", "baseline.jsonl", "--format", "json").Out)!;

        Assert.AreEqual(1, json["summary"]!["baselined"]!.GetValue<int>());
        Assert.AreEqual("overlays/b/all.yaml", json["gone"]![0]!["file"]!.GetValue<string>());
    }

    [TestMethod]
    public void AMissingBaselineIsAUsageError()
    {
        using var tree = RepositoryWithOneFinding();

        var run = tree.Run("k8s", "--baseline", "nope.jsonl");

        Assert.AreEqual(2, run.ExitCode);
        StringAssert.Contains(run.Error, "--baseline nope.jsonl: file not found");
    }
}
