using ManifestLint.Cli;

namespace ManifestLint.Cli.Tests;

/// <summary>
/// A custom rule from .manifestlint.yaml behaves like a built-in one through the command line: `rules` lists it,
/// `explain` prints its page and schema, SARIF describes it in tool.driver.rules and reports on the exact value,
/// .editorconfig sets its severity, a comment suppresses it, and a broken rule is a configuration error (exit 2).
/// </summary>
[TestClass]
public sealed class CustomRuleCommandTests
{
    private const string Config = """
        customRules:
          - id: ACME001
            title: Deployments keep at most 10 old ReplicaSets
            message: "{kind} '{name}' keeps too many old ReplicaSets: {error}"
            severity: warning
            category: AcmePolicy
            description: Every old ReplicaSet stays in etcd; ten are enough to roll back.
            help: Set spec.revisionHistoryLimit to 10 or less.
            helpUri: https://wiki.acme.example/k8s/ACME001
            kinds: [Deployment]
            schema:
              properties:
                spec:
                  required: [revisionHistoryLimit]
                  properties:
                    revisionHistoryLimit: {type: integer, maximum: 10}

        """;

    private const string Deployments = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          revisionHistoryLimit: 20
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers: [{name: web, image: "web:1.0", resources: {limits: {memory: 64Mi}, requests: {cpu: 10m, memory: 64Mi}}}]
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: legacy}
        spec:
          # manifestlint-disable-next-line ACME001 -- kept for the audit trail until March
          revisionHistoryLimit: 50
          selector: {matchLabels: {app: legacy}}
          template:
            metadata: {labels: {app: legacy}}
            spec:
              containers: [{name: legacy, image: "legacy:1.0", resources: {limits: {memory: 64Mi}, requests: {cpu: 10m, memory: 64Mi}}}]

        """;

    private static TempTree Repository(string config = Config) =>
        new TempTree().Write(".git/HEAD", "ref: refs/heads/main\n").Write(".manifestlint.yaml", config).Write("k8s/deploy.yaml", Deployments);

    [TestMethod]
    public void Rules_lists_the_custom_rule_with_the_built_in_ones()
    {
        using var tree = Repository();

        var run = CliRun.Run(tree.Root, ["rules"]);

        Assert.AreEqual(ExitCodes.Success, run.ExitCode, run.ToString());
        StringAssert.Matches(run.Out, new System.Text.RegularExpressions.Regex(@"(?m)^ACME001\s+Deployments keep at most 10 old ReplicaSets\s+AcmePolicy\s+warning$"));
        StringAssert.Contains(run.Out, "ML1001 ");
    }

    [TestMethod]
    public void Explain_prints_the_title_description_help_and_schema()
    {
        using var tree = Repository();

        var run = CliRun.Run(tree.Root, ["explain", "acme001"]);

        Assert.AreEqual(ExitCodes.Success, run.ExitCode, run.ToString());
        StringAssert.StartsWith(run.Out, "# ACME001: Deployments keep at most 10 old ReplicaSets\n\nEvery old ReplicaSet stays in etcd; ten are enough to roll back.\n\n## How to fix\n\nSet spec.revisionHistoryLimit to 10 or less.\n");
        StringAssert.Contains(run.Out, "each object of kind Deployment");
        StringAssert.Contains(run.Out, "## Schema\n\n```json\n{\n  \"properties\": {");
        StringAssert.Contains(run.Out, "\"maximum\": 10");
    }

    [TestMethod]
    public void Sarif_describes_the_custom_rule_and_reports_the_exact_value_and_the_suppressed_one()
    {
        using var tree = Repository();

        var run = CliRun.Run(tree.Root, ["k8s", "--format", "sarif"]);

        Assert.AreEqual(ExitCodes.Success, run.ExitCode, run.ToString());
        var sarif = ProducedSarif.Check(run.Out)["runs"]![0]!;
        var rule = sarif["tool"]!["driver"]!["rules"]!.AsArray().Single(r => r!["id"]!.GetValue<string>() == "ACME001")!;
        Assert.AreEqual("DeploymentsKeepAtMost10OldReplicaSets", rule["name"]!.GetValue<string>());
        Assert.AreEqual("Deployments keep at most 10 old ReplicaSets", rule["shortDescription"]!["text"]!.GetValue<string>());
        Assert.AreEqual("Every old ReplicaSet stays in etcd; ten are enough to roll back.", rule["fullDescription"]!["text"]!.GetValue<string>());
        Assert.AreEqual("https://wiki.acme.example/k8s/ACME001", rule["helpUri"]!.GetValue<string>());
        Assert.AreEqual("warning", rule["defaultConfiguration"]!["level"]!.GetValue<string>());
        StringAssert.StartsWith(rule["help"]!["markdown"]!.GetValue<string>(), "# ACME001: Deployments keep at most 10 old ReplicaSets");
        CollectionAssert.Contains(rule["properties"]!["tags"]!.AsArray().Select(t => t!.GetValue<string>()).ToList(), "AcmePolicy");

        var results = sarif["results"]!.AsArray().Where(r => r!["ruleId"]!.GetValue<string>() == "ACME001").ToList();
        Assert.HasCount(2, results);
        var active = results.Single(r => r!["suppressions"]!.AsArray().Count == 0)!;
        Assert.AreEqual("Deployment 'web' keeps too many old ReplicaSets: 20 should be at most 10.", active["message"]!["text"]!.GetValue<string>());
        Assert.AreEqual("warning", active["level"]!.GetValue<string>());
        var location = active["locations"]![0]!["physicalLocation"]!;
        Assert.AreEqual("k8s/deploy.yaml", location["artifactLocation"]!["uri"]!.GetValue<string>());
        var region = location["region"]!;
        Assert.AreEqual((5, 25, 5, 27), (region["startLine"]!.GetValue<int>(), region["startColumn"]!.GetValue<int>(), region["endLine"]!.GetValue<int>(), region["endColumn"]!.GetValue<int>()));
        var suppressed = results.Single(r => r!["suppressions"]!.AsArray().Count == 1)!;
        Assert.AreEqual("kept for the audit trail until March", suppressed["suppressions"]![0]!["justification"]!.GetValue<string>());
    }

    [TestMethod]
    public void Editorconfig_sets_the_custom_rules_severity()
    {
        using var tree = Repository().Write(".editorconfig", "root = true\n\n[*.yaml]\ndotnet_diagnostic.ACME001.severity = error\n");

        var run = CliRun.Run(tree.Root, ["k8s", "--format", "json", "--include", "ACME001"]);

        Assert.AreEqual(ExitCodes.Findings, run.ExitCode, run.ToString());
        var diagnostic = System.Text.Json.Nodes.JsonNode.Parse(run.Out)!["diagnostics"]!.AsArray()
            .Single(d => d!["id"]!.GetValue<string>() == "ACME001" && d["suppression"] is null)!;
        Assert.AreEqual("error", diagnostic["severity"]!.GetValue<string>());
        Assert.AreEqual("https://wiki.acme.example/k8s/ACME001", diagnostic["helpUri"]!.GetValue<string>());
    }

    [TestMethod]
    public void A_broken_custom_rule_is_a_configuration_error_with_its_place()
    {
        using var tree = Repository(Config.Replace("maximum: 10", "maximum: ten", StringComparison.Ordinal));

        var lint = CliRun.Run(tree.Root, ["k8s"]);
        var rules = CliRun.Run(tree.Root, ["rules"]);

        Assert.AreEqual(ExitCodes.UsageError, lint.ExitCode, lint.ToString());
        StringAssert.Contains(lint.Error, ".manifestlint.yaml(12,7): ACME001: invalid schema: 'maximum' value must be a number");
        Assert.AreEqual(ExitCodes.UsageError, rules.ExitCode, rules.ToString());
        StringAssert.Contains(rules.Error, ".manifestlint.yaml(12,7): ACME001: invalid schema");
    }

    [TestMethod]
    public void A_custom_rule_without_a_page_link_has_no_see_line()
    {
        using var tree = Repository(Config.Replace("    helpUri: https://wiki.acme.example/k8s/ACME001\n", "", StringComparison.Ordinal));

        var run = CliRun.Run(tree.Root, ["k8s", "--include", "ACME001"]);

        StringAssert.Contains(run.Out, "= help: Set spec.revisionHistoryLimit to 10 or less.");
        Assert.DoesNotContain("= see:", run.Out, run.ToString());
    }
}
