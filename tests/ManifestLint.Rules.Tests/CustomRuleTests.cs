using ManifestLint.Core.Configuration;
using ManifestLint.Core.Engine;

namespace ManifestLint.Rules.Tests;

/// <summary>
/// Custom rules from .manifestlint.yaml, evaluated through the same runner as the CLI: which objects, containers and
/// pod templates they look at, the exact key or value each failure is reported on, and the message placeholders.
/// </summary>
[TestClass]
public sealed class CustomRuleTests
{
    private const string Rules = """
        customRules:
          - id: ACME001
            title: Deployments keep at most 10 old ReplicaSets
            message: "{kind} '{name}' in {namespace}: {path}: {error}"
            severity: warning
            kinds: [Deployment]
            schema:
              required: [spec]
              properties:
                spec:
                  required: [revisionHistoryLimit]
                  properties:
                    revisionHistoryLimit: {type: integer, maximum: 10}
          - id: ACME002
            title: Images come from the company registry
            message: "container '{container}' of {kind} '{name}': {path} must come from registry.acme.example"
            severity: error
            target: container
            kinds: [Deployment, CronJob]
            schema:
              properties:
                image: {type: string, pattern: '^registry\.acme\.example/'}
          - id: ACME003
            title: Production pods name their priority class
            message: "{path}: {error}"
            severity: info
            target: podTemplate
            kinds: [Deployment]
            namespaces: [prod]
            selector: {matchLabels: {tier: web}}
            schema:
              properties:
                spec: {required: [priorityClassName]}
        """;

    private const string Manifests = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: prod, labels: {tier: web}}
        spec:
          revisionHistoryLimit: 20
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              initContainers:
                - name: setup
                  image: busybox:1.36
              containers:
                - name: web
                  image: registry.acme.example/web:1.0
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: batch, namespace: prod}
        spec:
          selector: {matchLabels: {app: batch}}
          template:
            metadata: {labels: {app: batch}}
            spec:
              containers:
                - name: batch
                  image: registry.acme.example/batch:1.0
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: prod}
        spec:
          selector: {app: web}
          ports: [{port: 80}]

        """;

    [TestMethod]
    public void Each_failure_is_reported_on_the_value_or_key_with_the_rules_message()
    {
        var findings = Lint(Rules, Manifests);

        AreEqual(
            new[]
            {
                "ACME001 warning 5:25-5:27 Deployment 'web' in prod: $.spec.revisionHistoryLimit: 20 should be at most 10",
                "ACME003 info 9:5-9:9 $.spec: Required properties [\"priorityClassName\"] are not present",
                "ACME002 error 12:18-12:30 container 'setup' of Deployment 'web': $.image must come from registry.acme.example",
                "ACME001 warning 20:1-20:5 Deployment 'batch' in prod: $.spec: Required properties [\"revisionHistoryLimit\"] are not present",
            },
            findings);
    }

    [TestMethod]
    public void A_failure_of_the_whole_object_is_reported_on_its_name()
    {
        const string Rule = """
            customRules:
              - {id: ACME010, title: Services are annotated, message: "{error}", severity: warning, kinds: [Service], schema: {required: [status]}}
            """;

        var findings = Lint(Rule, Manifests);

        AreEqual(new[] { "ACME010 warning 31:18-31:21 Required properties [\"status\"] are not present" }, findings);
    }

    [TestMethod]
    public void The_branches_of_anyOf_that_fail_at_one_place_are_one_finding()
    {
        const string Rule = """
            customRules:
              - id: ACME011
                title: History is a small number or unset
                message: "{path}"
                severity: warning
                kinds: [Deployment]
                schema:
                  properties:
                    spec:
                      properties:
                        revisionHistoryLimit:
                          anyOf: [{type: string}, {maximum: 10}, {maximum: 5}]
            """;

        AreEqual(new[] { "ACME011 warning 5:25-5:27 $.spec.revisionHistoryLimit" }, Lint(Rule, Manifests));
    }

    [TestMethod]
    public void A_pattern_that_backtracks_catastrophically_ends_in_a_clear_diagnostic_not_a_hang()
    {
        const string Rule = """
            customRules:
              - id: ACME012
                title: Names are made of a's
                message: "{error}"
                severity: warning
                kinds: [ConfigMap]
                schema:
                  properties:
                    data: {properties: {value: {pattern: '^(a+)+$'}}}
            """;
        var manifest = $"apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: evil}}\ndata:\n  value: {new string('a', 64)}!\n";

        var findings = Lint(Rule, manifest);

        var failure = findings.Single();
        StringAssert.StartsWith(failure, "ML9000 warning");
        StringAssert.Contains(failure, "the pattern '^(a+)+$' of custom rule ACME012 took longer than 100 ms");
    }

    [TestMethod]
    [DataRow("schema: {type: objekt}", "(7,13): ACME013: invalid schema: 'objekt' is not a valid JSON Schema value type")]
    [DataRow("schema: {pattern: '('}", "(7,13): ACME013: invalid schema: Invalid pattern '('")]
    [DataRow("schema: {$schema: 'http://json-schema.org/draft-07/schema#'}", "(7,13): ACME013: invalid schema: '$schema' is not supported")]
    public void A_schema_that_cannot_be_built_is_a_configuration_error_where_it_is_written(string schema, string expected)
    {
        var rule = $"customRules:\n  - id: ACME013\n    title: t\n    message: m\n    severity: warning\n    kinds: [Deployment]\n    {schema}\n";

        var error = Assert.ThrowsExactly<ConfigurationException>(() => Lint(rule, Manifests));

        StringAssert.Contains(error.Message, ".manifestlint.yaml" + expected);
    }

    private static void AreEqual(string[] expected, List<string> actual) => Assert.AreEqual(string.Join("\n", expected), string.Join("\n", actual));

    private static List<string> Lint(string config, string manifests)
    {
        var root = Path.Combine(Path.GetTempPath(), "manifestlint-custom-" + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(Path.Combine(root, ".git"));
            File.WriteAllText(Path.Combine(root, ".manifestlint.yaml"), config);
            File.WriteAllText(Path.Combine(root, "app.yaml"), manifests);
            var request = new LintRequest { Paths = [root], BaseDirectory = root, UseEditorConfig = false };
            return [.. LintRunner.Run(request, RuleCatalog.RegistryFor).Result.Active
                .Where(d => !d.Id.StartsWith("ML", StringComparison.Ordinal) || d.Id == CoreRules.AnalyzerException.Id)
                .Select(d => $"{d.Id} {d.Severity.ToDisplayString()} {d.Location.Span.Start.Line}:{d.Location.Span.Start.Column}-{d.Location.Span.End.Line}:{d.Location.Span.End.Column} {d.Message}")];
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
