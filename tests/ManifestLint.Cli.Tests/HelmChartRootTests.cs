using System.Text.Json.Nodes;

namespace ManifestLint.Cli.Tests;

/// <summary>
/// <c>helm template … | dotnet manifest-lint - --chart-root DIR</c>: findings on the rendered stream are reported in the
/// chart's template files, where people fix them, so code scanning annotates the chart.
/// </summary>
[TestClass]
public sealed class HelmChartRootTests
{
    /// <summary>The chart template the stream's Service was rendered from: the broken targetPort is on line 13.</summary>
    private const string ServiceTemplate = """
        apiVersion: v1
        kind: Service
        metadata:
          name: {{ include "shop.fullname" . }}
          labels:
            {{- include "shop.labels" . | nindent 4 }}
        spec:
          selector:
            {{- include "shop.selectorLabels" . | nindent 4 }}
          ports:
            - name: http
              port: {{ .Values.service.port }}
              targetPort: web

        """;

    [TestMethod]
    public void A_finding_on_rendered_output_is_reported_on_the_template_line_that_writes_the_key()
    {
        using var tree = new TempTree()
            .Write(".git/HEAD", "ref: refs/heads/main\n")
            .Write("charts/shop/Chart.yaml", "apiVersion: v2\nname: shop\nversion: 0.1.0\n")
            .Write("charts/shop/templates/service.yaml", ServiceTemplate);
        var rendered = File.ReadAllText(TestPaths.InRepository("tests", "ManifestLint.Cli.Tests", "Inputs", "helm-rendered.yaml"));

        var run = CliRun.Run(tree.Root, ["-", "--chart-root", "charts/shop", "--format", "sarif", "--include", "ML1003"], standardInput: rendered);

        var log = ProducedSarif.Check(run.Out);
        var result = log["runs"]![0]!["results"]!.AsArray().Single()!;
        var location = result["locations"]![0]!["physicalLocation"]!;
        Assert.AreEqual("charts/shop/templates/service.yaml", location["artifactLocation"]!["uri"]!.GetValue<string>());
        Assert.AreEqual(13, location["region"]!["startLine"]!.GetValue<int>(), "the targetPort key of the template");
        StringAssert.Contains(result["relatedLocations"]!.AsArray().Last()!["message"]!["text"]!.GetValue<string>(), "where `helm template` rendered it (<stdin>:40:19)");
    }

    [TestMethod]
    public void A_template_the_chart_does_not_have_keeps_the_rendered_place()
    {
        using var tree = new TempTree().Write(".git/HEAD", "ref: refs/heads/main\n").Write("charts/other/Chart.yaml", "apiVersion: v2\nname: other\nversion: 0.1.0\n");
        var rendered = File.ReadAllText(TestPaths.InRepository("tests", "ManifestLint.Cli.Tests", "Inputs", "helm-rendered.yaml"));

        var run = CliRun.Run(tree.Root, ["-", "--chart-root", "charts/other", "--format", "json", "--include", "ML1003"], standardInput: rendered);

        var finding = JsonNode.Parse(run.Out)!["diagnostics"]!.AsArray().Single()!;
        Assert.AreEqual("<stdin>", finding["location"]!["path"]!.GetValue<string>());
    }

    [TestMethod]
    public void A_chart_root_that_does_not_exist_is_a_usage_error()
    {
        using var tree = new TempTree().Write(".git/HEAD", "ref: refs/heads/main\n");

        var run = CliRun.Run(tree.Root, ["-", "--chart-root", "charts/missing"], standardInput: "");

        Assert.AreEqual(ExitCodes.UsageError, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, "chart folder not found");
    }
}
