namespace ManifestLint.Cli.Tests;

/// <summary>
/// <c>--format html</c> as a person sees it: each report is opened in headless Chromium, its scripts run, and the test
/// reads what was drawn (nodes and edges in the DOM, which are red, which finding IDs they carry) and the page's error trap.
/// A screenshot of each is saved under the test output folder (its path is printed) for review.
/// </summary>
[TestClass]
public sealed class HtmlReportTests
{
    public TestContext TestContext { get; set; } = null!;

    private static string OnlineBoutique => TestPaths.InShared("testdata", "real-world", "online-boutique", "kubernetes-manifests");

    private static string SeedBothFaults => TestPaths.InRepository("tests", "ManifestLint.Rules.Tests", "Fixtures", "ML1205", "seed-000-both-faults.yaml");

    /// <summary>The seed reproduction's Deployments also lack limits and probes (ML3xxx); the pictures are about its two broken references.</summary>
    private static readonly string[] SeedOptions = ["--exclude", "Reliability,Security"];

    private static string ScreenshotFolder => Path.Combine(AppContext.BaseDirectory, "screenshots");

    /// <summary>Writes the report of <paramref name="input"/>, opens it in Chromium, and saves a screenshot named <paramref name="name"/>.</summary>
    private RenderedPage Open(string input, string name, params string[] options)
    {
        HeadlessChromium.RequireExecutable();
        var html = Path.Combine(ScreenshotFolder, name + ".html");
        var run = CliRun.Run(TestPaths.RepositoryRoot, [input, "--format", "html", "--output", html, "--fail-level", "none", .. options]);
        Assert.AreEqual(0, run.ExitCode, run.ToString());

        var png = Path.Combine(ScreenshotFolder, name + ".png");
        HeadlessChromium.Screenshot(html, png);
        TestContext.AddResultFile(png);
        TestContext.WriteLine($"screenshot: {png}");
        Console.WriteLine($"screenshot: {png}");

        var page = new RenderedPage(HeadlessChromium.DumpDom(html));
        Assert.AreEqual("", page.ScriptErrors, "the page reported script errors");
        Assert.IsTrue(page.Elements.Any(e => e.Tag == "body" && e["data-ready"] == "true"), "the page's script ran to its end");
        return page;
    }

    [TestMethod]
    public void Seed_000_sample_draws_the_broken_Service_selection_in_red_with_ML1001()
    {
        var page = Open("samples/seed-000", "seed-000-sample");

        var broken = page.DrawnEdges.Where(e => e.HasClass("state-broken")).ToList();
        Assert.HasCount(1, broken);
        Assert.AreEqual("ML1001", broken[0]["data-findings"]);
        var service = page.DrawnNodes.Single(n => n["data-id"] == "Service/ml/inference-api");
        Assert.AreEqual(service["data-node"], broken[0]["data-from"]);
        Assert.IsTrue(page.DrawnNodes.Single(n => n["data-node"] == broken[0]["data-to"]).HasClass("role-missing"), "the selection points at the missing pods, drawn red");
        Assert.IsTrue(page.DrawnNodes.Any(n => n["data-id"] == "Deployment/ml/inference-api"), "the workload it should select is drawn");
    }

    [TestMethod]
    public void Seed_000_full_reproduction_draws_the_blocked_caller_and_the_broken_selection_in_red()
    {
        var page = Open(SeedBothFaults, "seed-000-both-faults", SeedOptions);

        var nodes = page.DrawnNodes.ToDictionary(n => n["data-node"]!, n => n["data-id"]!);
        var broken = page.DrawnEdges.Where(e => e.HasClass("state-broken"))
            .Select(e => $"{nodes[e["data-from"]!]} -> {nodes[e["data-to"]!]} [{e["data-findings"]}]").Order(StringComparer.Ordinal).ToList();
        CollectionAssert.AreEqual(new[]
        {
            "Deployment/ml/web-frontend -> Service/ml/inference-api [ML1205]",
            "Service/ml/inference-api -> missing:ml:app=inference-api,tier=backend [ML1001]",
        }, broken);
        Assert.IsTrue(page.DrawnEdges.Any(e => e.HasClass("state-resolved") && nodes[e["data-from"]!] == "Deployment/ml/api-gateway" && nodes[e["data-to"]!] == "Service/ml/inference-api"),
            "the admitted caller's edge is drawn, not red");

        // Each finding links to the objects and edges it is about, with its source frame and fix.
        var findings = page.WithClass("finding");
        CollectionAssert.AreEquivalent(new[] { "ML1001", "ML1205" }, findings.Select(f => f["data-rule"]).ToArray());
        var blockedEdge = page.DrawnEdges.Single(e => e["data-findings"] == "ML1205")["data-edge"];
        Assert.AreEqual(blockedEdge, findings.Single(f => f["data-rule"] == "ML1205")["data-edges"]);
        Assert.HasCount(2, page.WithClass("frame"));
        Assert.HasCount(2, page.WithClass("help"));
    }

    [TestMethod]
    public void Selecting_a_finding_highlights_its_objects_and_edge_and_selecting_an_object_highlights_its_findings()
    {
        var page = Open(SeedBothFaults, "seed-000-selection", SeedOptions);
        var html = Path.Combine(ScreenshotFolder, "seed-000-selection.html");
        var blocked = page.WithClass("finding").Single(f => f["data-rule"] == "ML1205");
        var frontend = page.DrawnNodes.Single(n => n["data-id"] == "Deployment/ml/web-frontend")["data-node"]!;

        // A link to the finding selects it as a click does.
        var selected = new RenderedPage(HeadlessChromium.DumpDom(html, blocked["id"]));
        Assert.AreEqual("", selected.ScriptErrors);
        CollectionAssert.AreEquivalent(new[] { "Deployment/ml/web-frontend", "Service/ml/inference-api" },
            selected.DrawnNodes.Where(n => n.HasClass("hl")).Select(n => n["data-id"]).ToArray());
        Assert.AreEqual("ML1205", selected.DrawnEdges.Single(e => e.HasClass("hl"))["data-findings"]);
        Assert.IsTrue(selected.WithClass("finding").Single(f => f["id"] == blocked["id"]).HasClass("hl"));

        var png = Path.Combine(ScreenshotFolder, "seed-000-selected-finding.png");
        HeadlessChromium.Screenshot(html, png, blocked["id"]);
        TestContext.AddResultFile(png);
        Console.WriteLine($"screenshot: {png}");

        // Selecting the caller highlights the finding about it and its edges.
        var caller = new RenderedPage(HeadlessChromium.DumpDom(html, frontend));
        Assert.AreEqual("", caller.ScriptErrors);
        CollectionAssert.AreEqual(new[] { "ML1205" }, caller.WithClass("finding").Where(f => f.HasClass("hl")).Select(f => f["data-rule"]).ToArray());
        Assert.IsTrue(caller.DrawnEdges.Where(e => e.HasClass("hl")).All(e => e["data-from"] == frontend || e["data-to"] == frontend));
        Assert.IsNotEmpty(caller.DrawnEdges.Where(e => e.HasClass("hl")));
    }

    [TestMethod]
    public void Online_boutique_draws_every_object_and_nothing_red()
    {
        // Its kubernetes-manifests/ leave image tags to skaffold (ML3001 on every image): not what this picture is about.
        var page = Open(OnlineBoutique, "online-boutique", "--exclude", "ML3001");

        Assert.HasCount(35, page.DrawnNodes);
        Assert.HasCount(39, page.DrawnEdges);
        Assert.IsEmpty(page.DrawnEdges.Where(e => !e.HasClass("state-resolved")));
        Assert.IsEmpty(page.DrawnNodes.Where(n => n.HasClass("role-missing") || n.HasClass("has-findings")));
        Assert.IsEmpty(page.WithClass("finding"));
    }

    [TestMethod]
    public void A_large_input_draws_only_the_namespaces_open_at_start_and_keeps_the_others_for_later()
    {
        using var tree = new TempTree();
        for (var ns = 0; ns < 12; ns++)
        {
            tree.Write($"ns{ns:00}/app.yaml", $$$"""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: team{{{ns:00}}}}
                spec:
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec: {containers: [{name: web, image: web:1}]}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: web, namespace: team{{{ns:00}}}}
                spec: {selector: {app: web}, ports: [{port: 80}]}
                """);
        }

        var page = Open(tree.Root, "twelve-namespaces");

        var sections = page.Elements.Where(e => e.HasClass("ns")).ToList();
        Assert.HasCount(12, sections);
        Assert.HasCount(1, sections.Where(s => s["data-rendered"] == "true"), "only the first namespace is drawn when nothing is broken");
        Assert.HasCount(2, page.DrawnNodes);
        Assert.HasCount(13, page.Elements.Where(e => e.Tag == "option"), "the namespace filter offers every namespace, and all of them");
        Assert.IsTrue(page.Elements.Any(e => e.Tag == "input" && e["id"] == "search"));
    }

    [TestMethod]
    public void The_same_input_gives_a_byte_identical_page_that_fetches_nothing()
    {
        var first = CliRun.Run(TestPaths.RepositoryRoot, [SeedBothFaults, "--format", "html"]);
        var second = CliRun.Run(TestPaths.RepositoryRoot, [SeedBothFaults, "--format", "html"]);

        Assert.AreEqual(first.Out, second.Out);
        Assert.Contains("default-src 'none'", first.Out);
        Assert.DoesNotContain("<script src", first.Out);
        Assert.DoesNotContain("<link", first.Out);
        Assert.Contains("@media print", first.Out);
    }
}
