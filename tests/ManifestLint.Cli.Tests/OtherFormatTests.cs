using System.Xml.Linq;
using ManifestLint.Cli;
using ManifestLint.Core.Engine;
using ManifestLint.Core.Output;
using ManifestLint.Core.Yaml;
using ManifestLint.Rules;

namespace ManifestLint.Cli.Tests;

/// <summary>The github, junit and json formats beyond what their golden files show.</summary>
[TestClass]
public sealed class OtherFormatTests
{
    [TestMethod]
    public void GitHubCommandsEscapePropertiesAndKeepNotesOnOneLine()
    {
        using var tree = new TempTree().Write("a,b:c/deployment.yaml", Manifests.Deployment).Write("a,b:c/service.yaml", Manifests.Service("web-typo", "wbe"));

        var run = tree.Run(".", "--format", "github");

        var line = run.Out.TrimEnd('\n');
        Assert.DoesNotContain("\n", line, "one workflow command per finding");
        StringAssert.StartsWith(line, "::error file=a%2Cb%3Ac/service.yaml,line=5,col=3,endLine=5,endColumn=11,title=ML1001::Service 'web-typo' selects app=wbe");
        StringAssert.Contains(line, "%0A= help: ");
    }

    [TestMethod]
    public void GitHubAnnotatesTenOfEachLevel_ListsTheRestInTheLog_AndSaysSoInOneNotice()
    {
        // Twelve Services whose pods lack their tier (12 errors), and eleven whose ML1001 is made a warning.
        var tree = new TempTree().Write("deployment.yaml", Manifests.Deployment)
            .Write(".editorconfig", "root = true\n[warn/**]\ndotnet_diagnostic.ML1001.severity = warning\n");
        foreach (var i in Enumerable.Range(1, 12))
        {
            tree.Write($"err/s{i:00}.yaml", Manifests.Service($"e{i:00}", $"web\n    tier: t{i}"));
        }

        foreach (var i in Enumerable.Range(1, 11))
        {
            tree.Write($"warn/s{i:00}.yaml", Manifests.Service($"w{i:00}", $"web\n    tier: t{i}"));
        }

        using (tree)
        {
            var lines = tree.Run(".", "--format", "github").Out.TrimEnd('\n').Split('\n');

            Assert.HasCount(10, lines.Where(l => l.StartsWith("::error ", StringComparison.Ordinal)));
            Assert.HasCount(10, lines.Where(l => l.StartsWith("::warning ", StringComparison.Ordinal)));
            CollectionAssert.AreEqual(
                new[] { "err/s11.yaml:5:3: error ML1001: ", "err/s12.yaml:5:3: error ML1001: ", "warn/s11.yaml:5:3: warning ML1001: " },
                lines.Where(l => !l.StartsWith("::", StringComparison.Ordinal)).Select(l => l[..(l.IndexOf("ML1001: ", StringComparison.Ordinal) + 8)]).ToArray());
            Assert.AreEqual(
                "::notice title=ManifestLint::3 more findings are not annotated (GitHub shows 10 annotations of each level per step): "
                + "2 errors (ML1001 ×2), 1 warning (ML1001 ×1). They are listed in the log above.",
                lines[^1]);
        }
    }

    [TestMethod]
    public void GitHubAnnotationsSpanningLinesHaveNoColumns()
    {
        // GitHub rejects columns on an annotation whose start and end lines differ; no rule reports such a span
        // yet, so the writer gets one made by hand.
        using var tree = new TempTree().Write("deployment.yaml", Manifests.Deployment).Write("service.yaml", Manifests.Service("web-typo", "wbe"));
        var result = LintRunner.Run(new LintRequest { Paths = [tree.Root], BaseDirectory = tree.Root }, RuleCatalog.CreateEngine()).Result;
        var finding = result.Diagnostics.Single();
        var spanning = finding with { Location = finding.Location with { Span = new TextSpan(new SourcePosition(5, 3), new SourcePosition(6, 9)) } };
        var output = new StringWriter();

        new GitHubOutputWriter().Write(result with { Diagnostics = [spanning] }, output, new OutputContext { BaseDirectory = tree.Root });

        StringAssert.StartsWith(output.ToString(), "::error file=service.yaml,line=5,endLine=6,title=ML1001::");
    }

    [TestMethod]
    public void GitHubOutputLeavesSuppressedFindingsOutAndUsesNoticeForInfo()
    {
        using var tree = new TempTree()
            .Write("templates/service.yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}\n")
            .Write("deployment.yaml", Manifests.Deployment)
            .Write("service.yaml", "# manifestlint-disable ML1001\n" + Manifests.Service("web-typo", "wbe"));

        var run = tree.Run(".", "--format", "github");

        var lines = run.Out.TrimEnd('\n').Split('\n');
        Assert.HasCount(1, lines, run.Out);
        StringAssert.StartsWith(lines[0], "::notice file=templates/service.yaml,");
    }

    [TestMethod]
    public void JUnitHasASuitePerFileAndATestCasePerObject_FiveForTheFiveObjectsOfTheSamples()
    {
        var xml = ProducedJUnit.Check(CliRun.InRepository("samples", "--format", "junit").Out);

        var objects = Directory.EnumerateFiles(TestPaths.InRepository("samples"), "*.yaml", SearchOption.AllDirectories)
            .Sum(f => File.ReadAllText(f).Split("\nkind:").Length - 1);
        Assert.AreEqual(5, objects, "the samples define five objects");
        Assert.AreEqual("5", xml.Root!.Attribute("tests")!.Value);
        Assert.AreEqual("4", xml.Root.Attribute("failures")!.Value, "the two broken references, and the two Deployments without a memory limit (ML3002)");
        CollectionAssert.AreEqual(
            new[] { "samples/seed-000/deployment.yaml", "samples/seed-000/service.yaml", "samples/seed-001/deployment.yaml", "samples/seed-001/services.yaml" },
            xml.Root.Elements("testsuite").Select(s => s.Attribute("name")!.Value).ToArray());
        var failed = xml.Root.Descendants("testcase").First(c => c.Element("failure") is { } failure && failure.Attribute("message")!.Value.StartsWith("ML1001", StringComparison.Ordinal));
        Assert.AreEqual("Service/ml/inference-api", failed.Attribute("name")!.Value);
        Assert.AreEqual("samples/seed-000/service.yaml", failed.Attribute("classname")!.Value);
        StringAssert.StartsWith(failed.Element("failure")!.Attribute("message")!.Value, "ML1001: Service 'inference-api' selects");
        StringAssert.Contains(failed.Element("failure")!.Value, "= note: Deployment 'inference-api' at samples/seed-000/deployment.yaml:15 has app=inference-api only");
    }

    [TestMethod]
    public void JUnitGivesABrokenFileACaseOfItsOwn_AndPutsEveryFindingOfAnObjectInItsOneCase()
    {
        using var tree = new TempTree()
            .Write("deployment.yaml", Manifests.Deployment
                .Replace("matchLabels: {app: web}", "matchLabels: {app: other}", StringComparison.Ordinal)
                .Replace("ports: [{name: http, containerPort: 8080}], readinessProbe: {tcpSocket: {port: http}}", "readinessProbe: {httpGet: {port: health}}", StringComparison.Ordinal))
            .Write("broken.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x\n");

        var xml = ProducedJUnit.Check(tree.Run(".", "--format", "junit").Out);

        var broken = xml.Root!.Elements("testsuite").Single(s => s.Attribute("name")!.Value == "broken.yaml");
        Assert.AreEqual("broken.yaml", broken.Elements("testcase").Single().Attribute("name")!.Value);
        StringAssert.StartsWith(broken.Descendants("failure").Single().Attribute("message")!.Value, "ML9001: ");
        var deployment = xml.Root.Descendants("testcase").Single(c => c.Attribute("name")!.Value == "Deployment/shop/web");
        var failure = deployment.Elements("failure").Single();
        StringAssert.EndsWith(failure.Attribute("message")!.Value, "(and 1 more)");
        StringAssert.Contains(failure.Value, "ML1002");
        StringAssert.Contains(failure.Value, "ML1006");
        Assert.AreEqual("2", xml.Root.Attribute("tests")!.Value, "one object and one broken file");
    }

    [TestMethod]
    public void JUnitMarksSuppressedFindingsSkipped()
    {
        using var tree = new TempTree()
            .Write("deployment.yaml", Manifests.Deployment)
            .Write("service.yaml", Manifests.Service("web-typo", "web\n    tier: backend").Replace("  selector:", "  selector: # manifestlint-disable-line ML1001 -- migrating", StringComparison.Ordinal));

        var xml = ProducedJUnit.Check(tree.Run(".", "--format", "junit").Out);

        var skipped = xml.Root!.Descendants("skipped").Single();
        Assert.AreEqual("suppressed: migrating", skipped.Attribute("message")!.Value);
        Assert.AreEqual("1", skipped.Parent!.Parent!.Attribute("skipped")!.Value);
        Assert.AreEqual("0", xml.Root.Attribute("failures")!.Value);
    }

    [TestMethod]
    public void JsonHasAStableShapeWithEveryKeyPresent()
    {
        var run = CliRun.Run(TestPaths.RepositoryRoot, ["samples/seed-000", "-", "--format", "json"], standardInput: "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x\n");
        var json = JsonNode.Parse(run.Out)!.AsObject();

        Assert.AreEqual(1, json["version"]!.GetValue<int>());
        CollectionAssert.AreEqual(new[] { "version", "tool", "summary", "diagnostics", "gone" }, json.Select(p => p.Key).ToArray());
        string[] keys = ["id", "title", "category", "severity", "message", "help", "helpUri", "location", "resource", "related", "baselineState", "suppression"];
        foreach (var diagnostic in json["diagnostics"]!.AsArray())
        {
            CollectionAssert.AreEqual(keys, diagnostic!.AsObject().Select(p => p.Key).ToArray());
        }

        var yamlError = json["diagnostics"]!.AsArray().Single(d => d!["id"]!.GetValue<string>() == "ML9001")!;
        Assert.AreEqual("<stdin>", yamlError["location"]!["path"]!.GetValue<string>());
        Assert.IsNull(yamlError["resource"]);
        Assert.AreEqual(2, json["summary"]!["errors"]!.GetValue<int>());
        Assert.AreEqual(ExitCodes.Findings, run.ExitCode);
    }
}
