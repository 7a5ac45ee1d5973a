using ManifestLint.Core.Connectivity;
using static ManifestLint.Core.Tests.Support.Manifests;

namespace ManifestLint.Core.Tests.Connectivity;

/// <summary>
/// What the connectivity report allows, rule by rule of the NetworkPolicy API, written as netpol-analyzer writes
/// it (<c>src =&gt; dst : conn</c>). Each test gives the whole input and the whole expected report.
/// </summary>
[TestClass]
public sealed class ConnectivityAnalyzerTests
{
    private const string Everywhere = "0.0.0.0-255.255.255.255[External]";

    [TestMethod]
    public void Without_policies_every_workload_reaches_every_other_and_the_outside_on_everything()
    {
        var rows = Report(Deployment("a"), Deployment("b"));

        CollectionAssert.AreEqual(
            new[]
            {
                $"{Everywhere} => default/a[Deployment] : All Connections",
                $"{Everywhere} => default/b[Deployment] : All Connections",
                $"default/a[Deployment] => {Everywhere} : All Connections",
                "default/a[Deployment] => default/b[Deployment] : All Connections",
                $"default/b[Deployment] => {Everywhere} : All Connections",
                "default/b[Deployment] => default/a[Deployment] : All Connections",
            },
            rows);
    }

    [TestMethod]
    public void A_policy_without_rules_denies_every_connection_into_the_pods_it_selects_and_nothing_out_of_them()
    {
        var rows = Report(Deployment("a"), Deployment("b"), Policy("deny", "{podSelector: {matchLabels: {app: b}}, policyTypes: [Ingress]}"));

        CollectionAssert.AreEqual(
            new[]
            {
                $"{Everywhere} => default/a[Deployment] : All Connections",
                $"default/a[Deployment] => {Everywhere} : All Connections",
                $"default/b[Deployment] => {Everywhere} : All Connections",
                "default/b[Deployment] => default/a[Deployment] : All Connections",
            },
            rows);
    }

    [TestMethod]
    public void Without_policyTypes_a_policy_restricts_ingress_always_and_egress_only_when_it_has_an_egress_section()
    {
        var ingressOnly = Report(Deployment("a"), Deployment("b"), Policy("p", "{podSelector: {matchLabels: {app: b}}}"));
        var withEgress = Report(Deployment("a"), Deployment("b"), Policy("p", "{podSelector: {matchLabels: {app: b}}, egress: [{ports: [{port: 53, protocol: UDP}]}]}"));

        Assert.DoesNotContain("default/a[Deployment] => default/b[Deployment] : All Connections", ingressOnly);
        Assert.Contains("default/b[Deployment] => default/a[Deployment] : All Connections", ingressOnly);
        Assert.DoesNotContain("default/a[Deployment] => default/b[Deployment] : All Connections", withEgress, "an egress section leaves ingress restricted");
        Assert.Contains("default/b[Deployment] => default/a[Deployment] : UDP 53", withEgress);
        Assert.Contains($"default/b[Deployment] => {Everywhere} : UDP 53", withEgress);
    }

    [TestMethod]
    public void When_egress_and_ingress_both_restrict_a_connection_gets_only_what_both_allow()
    {
        var rows = Report(
            Deployment("a"),
            Deployment("b"),
            Policy("a-out", "{podSelector: {matchLabels: {app: a}}, policyTypes: [Egress], egress: [{ports: [{port: 80, endPort: 90}, {port: 53, protocol: UDP}]}]}"),
            Policy("b-in", "{podSelector: {matchLabels: {app: b}}, policyTypes: [Ingress], ingress: [{from: [{podSelector: {matchLabels: {app: a}}}], ports: [{port: 85, endPort: 100}]}]}"));

        Assert.Contains("default/a[Deployment] => default/b[Deployment] : TCP 85-90", rows);
    }

    [TestMethod]
    public void The_rules_of_every_policy_that_selects_a_pod_add_up()
    {
        var rows = Report(
            Deployment("a"),
            Deployment("b"),
            Policy("web", "{podSelector: {matchLabels: {app: b}}, ingress: [{ports: [{port: 80}]}]}"),
            Policy("dns", "{podSelector: {}, ingress: [{from: [{podSelector: {}}], ports: [{port: 53, protocol: UDP}]}]}"));

        Assert.Contains("default/a[Deployment] => default/b[Deployment] : TCP 80,UDP 53", rows);
        Assert.Contains($"{Everywhere} => default/b[Deployment] : TCP 80", rows, "a podSelector peer never admits the outside");
    }

    [TestMethod]
    public void EndPort_opens_the_whole_range_and_a_port_without_protocol_is_TCP()
    {
        var rows = Report(Deployment("a"), Deployment("b"), Policy("p", "{podSelector: {matchLabels: {app: b}}, ingress: [{ports: [{port: 8000, endPort: 8010}, {port: 9000, protocol: SCTP}]}]}"));

        Assert.Contains("default/a[Deployment] => default/b[Deployment] : SCTP 9000,TCP 8000-8010", rows);
    }

    [TestMethod]
    public void A_named_port_opens_the_destination_port_of_that_name_and_protocol_only()
    {
        var ports = "[{name: http, containerPort: 8080}, {name: dns, containerPort: 53, protocol: UDP}, {name: metrics, containerPort: 9090, protocol: UDP}]";
        var rows = Report(
            Deployment("a"),
            Deployment("b", ports: ports),
            Policy("p", "{podSelector: {matchLabels: {app: b}}, ingress: [{ports: [{port: http}, {port: dns, protocol: UDP}, {port: metrics}, {port: missing}]}]}"));

        // metrics is declared for UDP, the rule names it for TCP: it opens nothing; an undeclared name neither.
        Assert.Contains("default/a[Deployment] => default/b[Deployment] : TCP 8080,UDP 53", rows);
    }

    [TestMethod]
    public void A_named_port_in_an_egress_rule_is_looked_up_in_the_destination()
    {
        var rows = Report(
            Deployment("a", ports: "[{name: http, containerPort: 1111}]"),
            Deployment("b", ports: "[{name: http, containerPort: 2222}]"),
            Policy("p", "{podSelector: {matchLabels: {app: a}}, policyTypes: [Egress], egress: [{ports: [{port: http}]}]}"));

        Assert.Contains("default/a[Deployment] => default/b[Deployment] : TCP 2222", rows);
        Assert.IsFalse(rows.Any(r => r.StartsWith($"default/a[Deployment] => {Everywhere}", StringComparison.Ordinal)), "a name means nothing on an address outside");
    }

    [TestMethod]
    public void A_namespaceSelector_matches_the_automatic_name_label_of_a_namespace_the_input_never_declares()
    {
        var rows = Report(
            Deployment("client", "team-a"),
            Deployment("other", "team-b"),
            Deployment("server", "shop"),
            Policy("p", "{podSelector: {}, ingress: [{from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: team-a}}}]}]}", "shop"));

        Assert.Contains("team-a/client[Deployment] => shop/server[Deployment] : All Connections", rows);
        Assert.IsFalse(rows.Any(r => r.EndsWith("=> shop/server[Deployment] : All Connections", StringComparison.Ordinal) && !r.StartsWith("team-a/", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void A_namespaceSelector_matches_the_labels_of_a_declared_Namespace_and_a_podSelector_beside_it_narrows_to_those_pods()
    {
        var rows = Report(
            "apiVersion: v1\nkind: Namespace\nmetadata: {name: team-a, labels: {tier: trusted}}\n",
            Deployment("client", "team-a"),
            Deployment("batch", "team-a"),
            Deployment("other", "team-b"),
            Deployment("server", "shop"),
            Policy("p", "{podSelector: {}, ingress: [{from: [{namespaceSelector: {matchLabels: {tier: trusted}}, podSelector: {matchLabels: {app: client}}}]}]}", "shop"));

        CollectionAssert.AreEqual(
            new[] { "team-a/client[Deployment] => shop/server[Deployment] : All Connections" },
            rows.Where(r => r.EndsWith("=> shop/server[Deployment] : All Connections", StringComparison.Ordinal)).ToArray());
    }

    [TestMethod]
    public void An_ipBlock_admits_External_ranges_only_never_a_workload_and_its_excepts_are_cut_out()
    {
        var rows = Report(
            Deployment("a"),
            Deployment("b"),
            Policy("p", "{podSelector: {matchLabels: {app: b}}, ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}}, {ipBlock: {cidr: 0.0.0.0/0}}], ports: [{port: 443}]}]}"));

        CollectionAssert.AreEqual(
            new[]
            {
                "0.0.0.0-9.255.255.255[External] => default/b[Deployment] : TCP 443",
                "10.0.0.0-10.0.255.255[External] => default/b[Deployment] : TCP 443",
                "10.1.0.0-10.1.255.255[External] => default/b[Deployment] : TCP 443",
                "10.2.0.0-10.255.255.255[External] => default/b[Deployment] : TCP 443",
                "11.0.0.0-255.255.255.255[External] => default/b[Deployment] : TCP 443",
            },
            rows.Where(r => r.EndsWith("=> default/b[Deployment] : TCP 443", StringComparison.Ordinal)).ToArray(),
            "0.0.0.0/0 admits every address, yet no workload: default/a reaches b on nothing");
        Assert.IsFalse(rows.Any(r => r.StartsWith("default/a[Deployment] => default/b", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void External_destinations_are_cut_by_egress_ipBlocks_separately_from_sources()
    {
        var rows = Report(
            Deployment("a"),
            Policy("p", "{podSelector: {}, policyTypes: [Egress], egress: [{to: [{ipBlock: {cidr: 192.168.0.0/16}}], ports: [{port: 5432}]}]}"));

        CollectionAssert.AreEqual(
            new[]
            {
                $"{Everywhere} => default/a[Deployment] : All Connections",
                "default/a[Deployment] => 192.168.0.0-192.168.255.255[External] : TCP 5432",
            },
            rows);
    }

    [TestMethod]
    public void Bare_pods_are_named_after_their_controlling_owner_and_pods_of_one_owner_are_one_workload()
    {
        var rows = Report(
            Pod("web-1", "ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-5d4f, controller: true}]"),
            Pod("web-2", "ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-5d4f, controller: true}]"),
            Pod("anonymous", "ownerReferences: [{name: internal, controller: true}]"),
            Pod("static", "ownerReferences: [{apiVersion: v1, kind: Node, name: node-1, controller: true}]"),
            Pod("loner", "ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: not-controller}]"));

        var workloads = rows.Select(r => r.Split(" => ")[0]).Where(s => !s.EndsWith("[External]", StringComparison.Ordinal)).Distinct().ToArray();
        CollectionAssert.AreEqual(
            new[] { "default/internal[Pod]", "default/loner[Pod]", "default/static[Pod]", "default/web-5d4f[ReplicaSet]" },
            workloads);
    }

    [TestMethod]
    public void The_ingress_controller_reaches_routed_target_ports_that_policies_admit_from_an_unknown_namespace()
    {
        var rows = Report(
            Deployment("web", ports: "[{name: http, containerPort: 8080}, {containerPort: 9090}]"),
            Deployment("api", ports: "[{containerPort: 7000}]"),
            "apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {selector: {app: web}, ports: [{name: main, port: 80, targetPort: http}, {name: admin, port: 9090}, {name: gone, port: 81, targetPort: 1234}]}\n",
            "apiVersion: v1\nkind: Service\nmetadata: {name: api}\nspec: {selector: {app: api}, ports: [{port: 7000}]}\n",
            "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: site}\nspec:\n  defaultBackend: {service: {name: web}}\n  rules: [{http: {paths: [{path: /api, pathType: Prefix, backend: {service: {name: api, port: {number: 7000}}}}]}}]\n",
            Policy("api-in", "{podSelector: {matchLabels: {app: api}}, ingress: [{from: [{podSelector: {}}]}]}"),
            Policy("web-in", "{podSelector: {matchLabels: {app: web}}, ingress: [{from: [{namespaceSelector: {}}], ports: [{port: 8080}, {port: 9090}, {port: 1234}]}]}"));

        // web: every Service port (no backend port), targetPorts 8080 (by name) and 9090; 1234 is declared by no container.
        // api: only pods of its own namespace are admitted, and the controller is not one of them.
        Assert.Contains("{ingress-controller} => default/web[Deployment] : TCP 8080,9090", rows);
        Assert.IsFalse(rows.Any(r => r.StartsWith("{ingress-controller} => default/api", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void The_report_is_sorted_by_source_then_destination_whatever_the_input_order()
    {
        var forward = Report(Deployment("a"), Deployment("b", "x"), Deployment("c", "y"));
        var backward = Report(Deployment("c", "y"), Deployment("b", "x"), Deployment("a"));

        CollectionAssert.AreEqual(forward, backward);
        CollectionAssert.AreEqual(forward.Order(StringComparer.Ordinal).ToArray(), forward);
    }

    private static string[] Report(params string[] documents) =>
        [.. ConnectivityAnalyzer.Analyze(BuildIndex(string.Join("---\n", documents))).Rows.Select(r => $"{r.Source} => {r.Destination} : {r.Connections}")];

    private static string Deployment(string name, string ns = "default", string ports = "[]") => Lines(
        "apiVersion: apps/v1",
        "kind: Deployment",
        $"metadata: {{name: {name}, namespace: {ns}}}",
        "spec:",
        $"  selector: {{matchLabels: {{app: {name}}}}}",
        "  template:",
        $"    metadata: {{labels: {{app: {name}}}}}",
        $"    spec: {{containers: [{{name: main, image: x, ports: {ports}}}]}}");

    private static string Pod(string name, string metadata) => Lines(
        "apiVersion: v1",
        "kind: Pod",
        "metadata:",
        $"  name: {name}",
        $"  {metadata}",
        "spec: {containers: [{name: main, image: x}]}");

    private static string Policy(string name, string spec, string ns = "default") => Lines(
        "apiVersion: networking.k8s.io/v1",
        "kind: NetworkPolicy",
        $"metadata: {{name: {name}, namespace: {ns}}}",
        $"spec: {spec}");
}
