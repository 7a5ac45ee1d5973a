using System.Text;
using ManifestLint.Cli;
using ManifestLint.Core.Engine;
using ManifestLint.Core.Output;
using ManifestLint.Core.Output.Sarif;
using ManifestLint.Rules;

namespace ManifestLint.Cli.Tests;

/// <summary>What GitHub code scanning needs from the SARIF log, property by property. Every log is schema-checked by <see cref="ProducedSarif"/>.</summary>
[TestClass]
public sealed class SarifOutputTests
{
    [TestMethod]
    public void DescribesEveryRuleThatRanWithItsPage()
    {
        var log = ProducedSarif.Check(CliRun.InRepository("samples", "--format", "sarif").Out);
        var rules = Run(log)["tool"]!["driver"]!["rules"]!.AsArray().Select(r => r!.AsObject()).ToDictionary(r => r["id"]!.GetValue<string>());

        Assert.AreEqual(CliApp.Version, Run(log)["tool"]!["driver"]!["semanticVersion"]!.GetValue<string>());
        foreach (var rule in RuleCatalog.AllRules.Where(r => r.EnabledByDefault))
        {
            Assert.IsTrue(rules.TryGetValue(rule.Id, out var entry), $"{rule.Id} ran but is not described");
            Assert.AreEqual(rule.Name, entry["name"]!.GetValue<string>());
            Assert.AreEqual(rule.Title, entry["shortDescription"]!["text"]!.GetValue<string>());
            Assert.AreEqual(RuleCatalog.Documentation(rule.Id), entry["help"]!["markdown"]!.GetValue<string>());
            Assert.AreEqual(rule.HelpUri, entry["helpUri"]!.GetValue<string>());
            Assert.AreEqual(rule.DefaultSeverity.ToSarifLevel(), entry["defaultConfiguration"]!["level"]!.GetValue<string>());
            var tags = entry["properties"]!["tags"]!.AsArray().Select(t => t!.GetValue<string>()).ToList();
            Assert.Contains(rule.Category, tags);
            Assert.AreEqual(rule.IsCrossResource, tags.Contains("cross-resource"), rule.Id);
            Assert.AreEqual(rule.SecuritySeverity is not null, entry["properties"]!["security-severity"] is not null, rule.Id);
        }
    }

    [TestMethod]
    public void ResultPointsAtTheRepositoryRelativeFileAndLinksItsRelatedLocation()
    {
        var log = ProducedSarif.Check(CliRun.InRepository("samples/seed-000", "--format", "sarif").Out);
        var result = Results(log).Single(r => r["ruleId"]!.GetValue<string>() == "ML1001"); // beside it, ML3002: the reproduction sets no memory limit
        var location = result["locations"]![0]!;

        Assert.AreEqual("ML1001", result["ruleId"]!.GetValue<string>());
        Assert.AreEqual("samples/seed-000/service.yaml", location["physicalLocation"]!["artifactLocation"]!["uri"]!.GetValue<string>());
        Assert.AreEqual(SarifOutputWriter.SourceRootBaseId, location["physicalLocation"]!["artifactLocation"]!["uriBaseId"]!.GetValue<string>());
        Assert.AreEqual(new Uri(TestPaths.RepositoryRoot.TrimEnd('/') + "/").AbsoluteUri, Run(log)["originalUriBaseIds"]![SarifOutputWriter.SourceRootBaseId]!["uri"]!.GetValue<string>());
        Assert.AreEqual("""{"startLine":7,"startColumn":3,"endLine":7,"endColumn":11}""", location["physicalLocation"]!["region"]!.ToJsonString());
        Assert.AreEqual("""[{"name":"inference-api","fullyQualifiedName":"Service/ml/inference-api","kind":"Service","properties":{"namespace":"ml"}}]""", location["logicalLocations"]!.ToJsonString());
        var related = result["relatedLocations"]![0]!;
        Assert.AreEqual(1, related["id"]!.GetValue<int>());
        Assert.AreEqual("samples/seed-000/deployment.yaml", related["physicalLocation"]!["artifactLocation"]!["uri"]!.GetValue<string>());
        StringAssert.Contains(result["message"]!["text"]!.GetValue<string>(), "[Deployment 'inference-api' has app=inference-api only](1)");
        Assert.AreEqual(0, result["suppressions"]!.AsArray().Count);
    }

    [TestMethod]
    public void FingerprintIsUploadSarifsLineHashOfTheFileWithItsByteOrderMark()
    {
        // The Service is on line 1, the only line whose hash a byte order mark changes.
        var service = "{apiVersion: v1, kind: Service, metadata: {name: web, namespace: shop}, spec: {selector: {app: wbe}}}\n";
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(service)).ToArray();
        using var tree = new TempTree().Write("deployment.yaml", Manifests.Deployment).WriteBytes("service.yaml", bytes);

        var log = ProducedSarif.Check(tree.Run(".", "--format", "sarif").Out);
        var result = Results(log).Single(r => r["ruleId"]!.GetValue<string>() == "ML1001");

        var withMark = LineHashFingerprint.ComputeLineHashes(Encoding.UTF8.GetString(bytes))[0];
        var withoutMark = LineHashFingerprint.ComputeLineHashes(service)[0];
        Assert.AreNotEqual(withoutMark, withMark, "the test needs a line whose hash the mark changes");
        Assert.AreEqual(1, result["locations"]![0]!["physicalLocation"]!["region"]!["startLine"]!.GetValue<int>());
        Assert.AreEqual(withMark, result["partialFingerprints"]!["primaryLocationLineHash"]!.GetValue<string>());
    }

    [TestMethod]
    public void SuppressedFindingIsWrittenWithItsJustificationAndDoesNotFailTheRun()
    {
        using var tree = new TempTree()
            .Write("deployment.yaml", Manifests.Deployment)
            .Write("service.yaml", Manifests.Service("web-typo", "wbe").Replace("  selector:", "  # manifestlint-disable-next-line ML1001 -- pods come from the operator\n  selector:", StringComparison.Ordinal));

        var run = tree.Run(".", "--format", "sarif");
        var withoutSuppressed = tree.Run(".", "--format", "sarif", "--no-suppressed");

        Assert.AreEqual(ExitCodes.Success, run.ExitCode, run.ToString());
        var result = Results(ProducedSarif.Check(run.Out)).Single();
        Assert.AreEqual("""[{"kind":"inSource","justification":"pods come from the operator"}]""", result["suppressions"]!.ToJsonString());
        Assert.AreEqual(0, Results(ProducedSarif.Check(withoutSuppressed.Out)).Count);
    }

    [TestMethod]
    public void YamlErrorIsAResultAndAToolExecutionNotification()
    {
        using var tree = new TempTree().Write("broken.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n    data: [1\n");

        var run = tree.Run(".", "--format", "sarif");
        var log = ProducedSarif.Check(run.Out);

        Assert.AreEqual(ExitCodes.Findings, run.ExitCode);
        Assert.IsTrue(Results(log).Any(r => r["ruleId"]!.GetValue<string>() == "ML9001"));
        var invocation = Run(log)["invocations"]![0]!;
        Assert.IsTrue(invocation["executionSuccessful"]!.GetValue<bool>(), "finding problems is not a failed execution");
        var notification = invocation["toolExecutionNotifications"]!.AsArray().Single()!;
        Assert.AreEqual("ML9001", notification["associatedRule"]!["id"]!.GetValue<string>());
        Assert.AreEqual("warning", notification["level"]!.GetValue<string>());
        Assert.AreEqual("broken.yaml", notification["locations"]![0]!["physicalLocation"]!["artifactLocation"]!["uri"]!.GetValue<string>());
    }

    [TestMethod]
    public void EffectiveSeveritiesAreRuleConfigurationOverrides()
    {
        using var tree = new TempTree()
            .Write(".manifestlint.yaml", "rules:\n  ML1001: warning\n  ML9008: none\n")
            .Write("deployment.yaml", Manifests.Deployment)
            .Write("service.yaml", Manifests.Service("web-typo", "wbe"));

        var run = tree.Run(".", "--format", "sarif");
        var log = ProducedSarif.Check(run.Out);

        Assert.AreEqual(ExitCodes.Success, run.ExitCode, "a warning does not reach the default fail level");
        var overrides = Run(log)["invocations"]![0]!["ruleConfigurationOverrides"]!.AsArray()
            .ToDictionary(o => o!["descriptor"]!["id"]!.GetValue<string>(), o => o!["configuration"]!.ToJsonString());
        Assert.AreEqual("""{"level":"warning"}""", overrides["ML1001"]);
        Assert.AreEqual("""{"enabled":false}""", overrides["ML9008"]);
        Assert.HasCount(2, overrides);
        Assert.AreEqual("warning", Results(log).Single()["level"]!.GetValue<string>());
    }

    [TestMethod]
    public void CategoryBecomesTheAutomationDetailsId()
    {
        var log = ProducedSarif.Check(CliRun.InRepository("samples", "--format", "sarif", "--category", "manifests/prod").Out);

        Assert.AreEqual("manifests/prod/", Run(log)["automationDetails"]!["id"]!.GetValue<string>());
    }

    [TestMethod]
    public void StandardInputResultsNameStdinAndTheChartTemplate()
    {
        var rendered = "# Source: shop/templates/all.yaml\n" + Manifests.Deployment + "---\n# Source: shop/templates/service.yaml\n" + Manifests.Service("web-typo", "wbe");

        var run = CliRun.Run(TestPaths.RepositoryRoot, ["-", "--format", "sarif"], standardInput: rendered);
        var result = Results(ProducedSarif.Check(run.Out)).Single();

        var artifact = result["locations"]![0]!["physicalLocation"]!["artifactLocation"]!;
        Assert.AreEqual("""{"uri":"stdin"}""", artifact.ToJsonString());
        Assert.AreEqual("shop/templates/service.yaml", result["properties"]!["helmTemplate"]!.GetValue<string>());
        StringAssert.Contains(result["message"]!["text"]!.GetValue<string>(), "Rendered from chart template shop/templates/service.yaml.");
        Assert.IsNotNull(result["partialFingerprints"]);
    }

    [TestMethod]
    public void OverTheResultLimitTheMostSevereAreKeptAndANotificationSaysSo()
    {
        using var tree = ManyFindings(errors: 30, warnings: 30);
        var result = Analyze(tree.Root);

        var log = ProducedSarif.Check(WriteSarif(result, new SarifLimits(MaxResults: 10, MaxCompressedBytes: 10_000_000), tree.Root));

        var results = Results(log);
        Assert.HasCount(10, results);
        Assert.IsTrue(results.All(r => r["level"]!.GetValue<string>() == "error"), "errors outrank warnings");
        var notification = Run(log)["invocations"]![0]!["toolExecutionNotifications"]!.AsArray().Single()!;
        StringAssert.StartsWith(notification["message"]!["text"]!.GetValue<string>(), "50 of 60 results were left out");
    }

    [TestMethod]
    public void OverTheSizeLimitHelpIsShortenedAndResultsAreDroppedUntilTheCompressedLogFits()
    {
        // Enough results that they, not the rule pages, make up most of the log.
        // complete: the input holds every workload of 'shop', so each Service selecting none is an error.
        using var tree = new TempTree().Write(".manifestlint.yaml", "complete: [shop]\n").Write("deployment.yaml", Manifests.Deployment)
            .Write("services.yaml", string.Join("---\n", Enumerable.Range(0, 1500).Select(i => Manifests.Service($"missing-{i}", $"missing-{i}"))));
        var result = Analyze(tree.Root);
        var full = WriteSarif(result, SarifLimits.GitHub, tree.Root);
        var limit = Gzipped(full) / 2; // Shortening the rule pages alone must not be enough.

        var trimmed = WriteSarif(result, new SarifLimits(25_000, limit), tree.Root);

        var log = ProducedSarif.Check(trimmed);
        Assert.IsLessThanOrEqualTo(limit, Gzipped(trimmed));
        Assert.IsLessThan(1500, Results(log).Count);
        Assert.IsNotEmpty(Results(log));
        var rules = Run(log)["tool"]!["driver"]!["rules"]!.AsArray();
        Assert.IsTrue(rules.All(r => r!["help"]!["markdown"] is null), "rule pages go before results do");
        var notifications = Run(log)["invocations"]![0]!["toolExecutionNotifications"]!.AsArray().Select(n => n!["message"]!["text"]!.GetValue<string>()).ToList();
        Assert.IsTrue(notifications.Any(n => n.EndsWith("results were left out to stay within GitHub code scanning's upload limits; the most severe were kept. Use text or json output to see all.", StringComparison.Ordinal)
            && n.StartsWith($"{1500 - Results(log).Count} of 1500 ", StringComparison.Ordinal)), string.Join("\n", notifications));
        Assert.IsTrue(notifications.Any(n => n.StartsWith("Rule help was shortened", StringComparison.Ordinal)), string.Join("\n", notifications));
    }

    [TestMethod]
    public void OutputIsByteIdenticalWhateverTheThreadTiming()
    {
        using var tree = ManyFindings(errors: 40, warnings: 40);

        var sequential = WriteSarif(Analyze(tree.Root, threads: 1), SarifLimits.GitHub, tree.Root);
        var parallel = WriteSarif(Analyze(tree.Root, threads: 16), SarifLimits.GitHub, tree.Root);

        ProducedSarif.Check(sequential);
        Assert.HasCount(80, Results(JsonNode.Parse(sequential)!.AsObject()));
        Assert.AreEqual(sequential, parallel);
    }

    [TestMethod]
    public void InvalidConfigurationWritesAFailedRunLog()
    {
        using var tree = new TempTree().Write(".manifestlint.yaml", "rules: [ML1001]\n").Write("deployment.yaml", Manifests.Deployment);

        var run = tree.Run(".", "--format", "sarif", "--output", "out/results.sarif");

        Assert.AreEqual(ExitCodes.UsageError, run.ExitCode, run.ToString());
        var log = ProducedSarif.Check(File.ReadAllText(tree.PathOf("out/results.sarif")));
        var invocation = Run(log)["invocations"]![0]!;
        Assert.IsFalse(invocation["executionSuccessful"]!.GetValue<bool>());
        Assert.AreEqual("error", invocation["toolConfigurationNotifications"]![0]!["level"]!.GetValue<string>());
        Assert.IsEmpty(Results(log));
    }

    [TestMethod]
    public void ToolFailureExitsWithThreeAndLeavesAFailedRunLog()
    {
        using var tree = new TempTree().CopyFromRepository("samples");

        var run = CliRun.Run(tree.Root, ["samples", "--format", "sarif", "--output", "results.sarif", "--format", "text"], stdout: new BrokenWriter());

        Assert.AreEqual(ExitCodes.ToolFailure, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, "internal error: System.IO.IOException: Broken pipe");
        var log = ProducedSarif.Check(File.ReadAllText(tree.PathOf("results.sarif")));
        Assert.IsFalse(Run(log)["invocations"]![0]!["executionSuccessful"]!.GetValue<bool>());
    }

    [TestMethod]
    public void TheChecksRejectABrokenLog()
    {
        // Proves ProducedSarif can fail: a region without its end and a result whose ruleIndex points elsewhere.
        var log = ProducedSarif.Check(CliRun.InRepository("samples/seed-000", "--format", "sarif").Out);
        var result = Results(log).Single(r => r["ruleId"]!.GetValue<string>() == "ML1001");
        result["ruleIndex"] = 1;
        result["locations"]![0]!["physicalLocation"]!["region"]!.AsObject().Remove("endColumn");
        var problems = ProducedSarif.GitHubProblems(log);

        Assert.HasCount(2, problems, string.Join("\n", problems));
        log.Remove("version");
        Assert.ThrowsExactly<AssertFailedException>(() => ProducedSarif.Check(log.ToJsonString()));
    }

    private static JsonObject Run(JsonObject log) => log["runs"]![0]!.AsObject();

    private static List<JsonObject> Results(JsonObject log) => [.. Run(log)["results"]!.AsArray().Select(r => r!.AsObject())];

    /// <summary>ML1001 errors (Services selecting nothing) and ML1003 warnings (named targetPorts nobody declares), one file each.</summary>
    private static TempTree ManyFindings(int errors, int warnings)
    {
        // complete: the input holds every workload of 'shop', so each Service selecting none is an error.
        var tree = new TempTree().Write(".manifestlint.yaml", "rules: {ML1003: warning}\ncomplete: [shop]\n").Write("deployment.yaml", Manifests.Deployment);
        for (var i = 0; i < errors; i++)
        {
            tree.Write($"services/missing-{i:D3}.yaml", Manifests.Service($"missing-{i}", $"missing-{i}"));
        }

        for (var i = 0; i < warnings; i++)
        {
            tree.Write($"services/port-{i:D3}.yaml", Manifests.Service($"port-{i}", "web", targetPort: $"port-{i}"));
        }

        return tree;
    }

    private static AnalysisResult Analyze(string root, int threads = 4) =>
        LintRunner.Run(new LintRequest { Paths = [root], BaseDirectory = root, MaxDegreeOfParallelism = threads }, RuleCatalog.CreateEngine()).Result;

    private static string WriteSarif(AnalysisResult result, SarifLimits limits, string root)
    {
        var output = new StringWriter();
        new SarifOutputWriter(limits).Write(result, output, new OutputContext { BaseDirectory = root, ToolVersion = CliApp.Version, Documentation = RuleCatalog.Documentation });
        return output.ToString();
    }

    private static long Gzipped(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(buffer, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return buffer.Length;
    }

    private sealed class BrokenWriter : StringWriter
    {
        public override void Write(char value) => throw new IOException("Broken pipe");

        public override void Write(string? value) => throw new IOException("Broken pipe");

        public override void WriteLine(string? value) => throw new IOException("Broken pipe");
    }
}
