namespace ManifestLint.Cli.Tests;

/// <summary>
/// The graph command: the topology as the world model resolves it, with every broken reference marked and labelled with
/// the findings that explain it, on the seeds' reproductions and on a real application that has nothing broken.
/// </summary>
[TestClass]
public sealed class GraphCommandTests
{
    private sealed record Edge(string From, string To, string Kind, string Label, string State, string Findings);

    private static string OnlineBoutique => TestPaths.InShared("testdata", "real-world", "online-boutique", "kubernetes-manifests");

    private static string SeedBothFaults => TestPaths.InRepository("tests", "ManifestLint.Rules.Tests", "Fixtures", "ML1205", "seed-000-both-faults.yaml");

    private static List<Edge> Edges(CliResult run) =>
        [.. JsonNode.Parse(run.Out)!["edges"]!.AsArray().Select(e => new Edge(
            (string)e!["from"]!, (string)e["to"]!, (string)e["kind"]!, (string)e["label"]!, (string)e["state"]!,
            string.Join(",", e["findings"]!.AsArray().Select(f => (string)f!))))];

    private static CliResult Graph(string directory, params string[] args)
    {
        var run = CliRun.Run(directory, ["graph", .. args]);
        Assert.AreEqual(0, run.ExitCode, run.ToString());
        return run;
    }

    [TestMethod]
    public void Seed_000_the_Service_selecting_no_pod_has_a_broken_edge_labelled_ML1001()
    {
        var edges = Edges(Graph(TestPaths.RepositoryRoot, "samples/seed-000", "--format", "json"));

        var selection = edges.Single(e => e.From == "Service/ml/inference-api");
        Assert.AreEqual(("selects", "broken", "ML1001"), (selection.Kind, selection.State, selection.Findings));
        Assert.StartsWith("missing:", selection.To);
    }

    [TestMethod]
    public void Seed_000_full_reproduction_the_blocked_caller_has_a_broken_calls_edge_labelled_ML1205()
    {
        var edges = Edges(Graph(TestPaths.RepositoryRoot, SeedBothFaults, "--format", "json"));

        var blocked = edges.Single(e => e.From == "Deployment/ml/web-frontend" && e.To == "Service/ml/inference-api");
        Assert.AreEqual(("calls", "broken", "ML1205"), (blocked.Kind, blocked.State, blocked.Findings));
        var admitted = edges.Single(e => e.From == "Deployment/ml/api-gateway" && e.To == "Service/ml/inference-api");
        Assert.AreEqual(("calls", "resolved", ""), (admitted.Kind, admitted.State, admitted.Findings));
        Assert.IsTrue(edges.Any(e => e.From == "Deployment/ml/api-gateway" && e.To == "NetworkPolicy/ml/inference-api-ingress" && e.Kind == "admits"),
            "the policy's admission of the gateway is an edge");
    }

    [TestMethod]
    public void Online_boutique_every_Service_selects_its_Deployment_and_nothing_is_broken()
    {
        var edges = Edges(Graph(TestPaths.RepositoryRoot, OnlineBoutique, "--format", "json"));

        Assert.IsEmpty(edges.Where(e => e.State != "resolved"), "every reference of online-boutique resolves");
        Assert.IsTrue(edges.Any(e => e is { From: "Service/default/cartservice", To: "Deployment/default/cartservice", Kind: "selects", Label: "7070→7070" }));
        Assert.IsTrue(edges.Any(e => e is { From: "Deployment/default/frontend", To: "Service/default/cartservice", Kind: "calls" }));
        Assert.IsTrue(edges.Any(e => e is { From: "Deployment/default/cartservice", To: "ServiceAccount/default/cartservice", Kind: "runs as" }));
    }

    [TestMethod]
    public void Ingress_routes_autoscaler_budget_and_config_references_are_typed_edges_and_broken_ones_name_their_finding()
    {
        using var tree = new TempTree().Write("app.yaml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: shop}
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers:
                    - name: web
                      image: web:1
                      ports: [{name: http, containerPort: 8080}]
                      envFrom: [{configMapRef: {name: web-config}}, {configMapRef: {name: web-confg}}]
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: web-config, namespace: shop}
            data: {A: "1"}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: shop}
            spec:
              selector: {app: web}
              ports: [{name: http, port: 80, targetPort: http}]
            ---
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: web, namespace: shop}
            spec:
              rules:
                - http:
                    paths:
                      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
                      - {path: /api, pathType: Prefix, backend: {service: {name: wbe, port: {number: 80}}}}
            ---
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            metadata: {name: web, namespace: shop}
            spec:
              scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
              minReplicas: 2
              maxReplicas: 5
            ---
            apiVersion: policy/v1
            kind: PodDisruptionBudget
            metadata: {name: web, namespace: shop}
            spec:
              minAvailable: 1
              selector: {matchLabels: {app: web}}
            """);

        var edges = Edges(Graph(tree.Root, ".", "--format", "json"));

        Assert.AreEqual("resolved", edges.Single(e => e is { From: "Ingress/shop/web", To: "Service/shop/web", Kind: "routes to", Label: "port 80" }).State);
        var missing = edges.Single(e => e is { From: "Ingress/shop/web", To: "Service/shop/wbe" });
        Assert.AreEqual(("broken", "ML1101"), (missing.State, missing.Findings));
        Assert.AreEqual("resolved", edges.Single(e => e is { From: "Service/shop/web", To: "Deployment/shop/web", Kind: "selects", Label: "80→8080" }).State);
        Assert.AreEqual("resolved", edges.Single(e => e is { From: "HorizontalPodAutoscaler/shop/web", To: "Deployment/shop/web", Kind: "scales" }).State);
        Assert.AreEqual("resolved", edges.Single(e => e is { From: "PodDisruptionBudget/shop/web", To: "Deployment/shop/web", Kind: "protects" }).State);
        Assert.AreEqual("resolved", edges.Single(e => e is { From: "Deployment/shop/web", To: "ConfigMap/shop/web-config", Kind: "mounts", Label: "envFrom" }).State);
        var typo = edges.Single(e => e is { From: "Deployment/shop/web", To: "ConfigMap/shop/web-confg" });
        Assert.AreEqual(("broken", "ML1301"), (typo.State, typo.Findings));
    }

    [TestMethod]
    public void Dot_draws_broken_edges_red_with_their_finding_ids_and_groups_nodes_by_namespace()
    {
        var dot = Graph(TestPaths.RepositoryRoot, SeedBothFaults, "--format", "dot").Out;

        Assert.StartsWith("digraph topology {\n", dot);
        Assert.Contains("label=\"namespace ml\";", dot);
        Assert.Contains("\"Deployment/ml/web-frontend\" -> \"Service/ml/inference-api\" [label=\"calls port 80 [ML1205]\", color=red", dot);
        Assert.Contains("[label=\"selects 80→http [ML1001]\", color=red", dot);
    }

    [TestMethod]
    public void Mermaid_is_a_flowchart_whose_broken_links_are_styled_red()
    {
        var mermaid = Graph(TestPaths.RepositoryRoot, SeedBothFaults, "--format", "mermaid").Out;

        var lines = mermaid.Split('\n');
        Assert.AreEqual("flowchart LR", lines[0]);
        var links = lines.Where(l => l.Contains("-->|", StringComparison.Ordinal) || l.Contains("-.->|", StringComparison.Ordinal)).ToList();
        var broken = links.Select((l, i) => (l, i)).Where(p => p.l.Contains("[ML", StringComparison.Ordinal)).Select(p => p.i).ToList();
        Assert.HasCount(2, broken);
        foreach (var i in broken)
        {
            Assert.Contains($"  linkStyle {i} stroke:#d00", mermaid);
        }
    }

    [TestMethod]
    public void Output_writes_the_graph_to_a_file()
    {
        using var temp = new TempTree();
        var file = Path.Combine(temp.Root, "out", "topology.dot");

        var run = Graph(TestPaths.RepositoryRoot, "samples/seed-000", "-o", file);

        Assert.AreEqual("", run.Out);
        Assert.StartsWith("digraph topology {", File.ReadAllText(file));
    }
}
