using ManifestLint.Core.Configuration;
using ManifestLint.Core.Engine;
using static ManifestLint.Core.Tests.Support.Manifests;

namespace ManifestLint.Core.Tests.Configuration;

/// <summary>
/// <c>customRules:</c> in .manifestlint.yaml: a complete rule is read into a descriptor and a definition, and every
/// mistake is a configuration error at its file(line,col), never a crash or a rule that silently never runs.
/// </summary>
[TestClass]
public sealed class CustomRuleConfigTests
{
    private const string ConfigPath = "/repo/.manifestlint.yaml";

    private static readonly string[] RevisionHistoryRule =
    [
        "customRules:",
        "  - id: ACME001",
        "    title: Deployments keep at most 10 old ReplicaSets",
        "    message: \"{kind} '{name}' keeps too many old ReplicaSets: {error}\"",
        "    severity: warning",
        "    category: AcmePolicy",
        "    description: Old ReplicaSets fill etcd.",
        "    help: Set spec.revisionHistoryLimit to 10 or less.",
        "    helpUri: https://wiki.acme.example/k8s/ACME001",
        "    kinds: [Deployment]",
        "    namespaces: [prod]",
        "    selector: {matchLabels: {team: shop}}",
        "    schema:",
        "      type: object",
        "      required: [spec]",
        "      properties:",
        "        spec:",
        "          required: [revisionHistoryLimit]",
        "          properties:",
        "            revisionHistoryLimit: {type: integer, maximum: 10}",
    ];

    [TestMethod]
    public void A_complete_rule_becomes_a_custom_descriptor_and_a_definition()
    {
        var config = RepositoryConfig.Parse(Lines(RevisionHistoryRule), ConfigPath);

        var rule = config.CustomRules.Single();
        var descriptor = rule.Descriptor;
        Assert.AreEqual(("ACME001", "Deployments keep at most 10 old ReplicaSets", "AcmePolicy", Severity.Warning, true, true),
            (descriptor.Id, descriptor.Title, descriptor.Category, descriptor.DefaultSeverity, descriptor.EnabledByDefault, descriptor.IsCustom));
        Assert.AreEqual(("Old ReplicaSets fill etcd.", "Set spec.revisionHistoryLimit to 10 or less.", "https://wiki.acme.example/k8s/ACME001"),
            (descriptor.Description, descriptor.HelpText, descriptor.HelpUri));
        Assert.AreEqual("{kind} '{name}' keeps too many old ReplicaSets: {error}", rule.MessageTemplate);
        Assert.AreEqual(CustomRuleTarget.Object, rule.Target);
        CollectionAssert.AreEqual(new[] { "Deployment" }, rule.Kinds.ToArray());
        CollectionAssert.AreEqual(new[] { "prod" }, rule.Namespaces.ToArray());
        Assert.AreEqual("team=shop", rule.Selector!.ToString());
        StringAssert.Contains(rule.SchemaJson, "\"maximum\": 10");
        Assert.AreEqual((14, 7), (rule.SchemaAt.Line, rule.SchemaAt.Column), "a schema that cannot be built is reported where it starts");
    }

    [TestMethod]
    public void Optional_fields_default_and_a_rule_without_helpUri_has_no_link()
    {
        var config = RepositoryConfig.Parse(Lines(
            "customRules:",
            "  - id: SEC1001",
            "    title: Images come from the company registry",
            "    message: \"{container}: {error}\"",
            "    severity: error",
            "    target: container",
            "    kinds: [Deployment, CronJob]",
            "    schema: '{\"properties\": {\"image\": {\"pattern\": \"^registry\\\\.acme\\\\.example/\"}}}'"), ConfigPath);

        var rule = config.CustomRules.Single();
        Assert.AreEqual((RuleCategories.Custom, (string?)null, CustomRuleTarget.Container), (rule.Descriptor.Category, rule.Descriptor.HelpUri, rule.Target));
        StringAssert.Contains(rule.SchemaJson, "registry");
    }

    [TestMethod]
    public void A_custom_resource_kind_is_accepted_with_its_group_and_containers_with_a_declared_pod_owner()
    {
        var config = RepositoryConfig.Parse(Lines(
            "customRules:",
            "  - {id: ACME002, title: t, message: m, severity: info, kinds: [Certificate], group: cert-manager.io, schema: {required: [spec]}}",
            "  - {id: ACME003, title: t, message: m, severity: info, target: podTemplate, kinds: [WebApp], schema: true}",
            "podTemplateOwners:",
            "  - {apiVersion: apps.example.com/v1, kind: WebApp, templatePath: spec.template}"), ConfigPath);

        Assert.AreEqual("cert-manager.io", config.CustomRules[0].Group);
        Assert.AreEqual(CustomRuleTarget.PodTemplate, config.CustomRules[1].Target);
    }

    [TestMethod]
    [DataRow("id: ML1001", 2, 9, "invalid custom rule ID 'ML1001': the ML prefix is reserved for built-in rules")]
    [DataRow("id: acme-1", 2, 9, "invalid custom rule ID 'acme-1'")]
    [DataRow("severity: fatal", 5, 15, "ACME001: unknown severity 'fatal' (expected error, warning or info)")]
    [DataRow("kinds: [Deploymnet]", 6, 13, "ACME001: unknown kind 'Deploymnet' (not a built-in Kubernetes kind; for a custom resource, give its API 'group')")]
    [DataRow("target: containers", 6, 13, "ACME001: unknown target 'containers' (expected object, container or podTemplate)")]
    [DataRow("schema: '{\"type\": \"object\",}'", 7, 13, "ACME001: 'schema' is not valid JSON")]
    [DataRow("helpUri: wiki/ACME001", 6, 14, "ACME001: 'helpUri' must be an absolute http or https URL")]
    [DataRow("selector: {matchExpressions: [{key: team, operator: Is}]}", 6, 15, "ACME001: 'selector' must be a label selector")]
    [DataRow("titel: typo", 6, 5, "unknown custom rule field 'titel'")]
    public void Each_mistake_is_reported_where_it_is_written(string line, int expectedLine, int expectedColumn, string expected)
    {
        // A valid rule, with one line replaced or added.
        var lines = new List<string>
        {
            "customRules:",
            "  - id: ACME001",
            "    title: Title",
            "    message: Message",
            "    severity: warning",
            "    kinds: [Deployment]",
            "    schema: {required: [spec]}",
        };
        var key = line[..line.IndexOf(':')];
        var at = lines.FindIndex(l => l.TrimStart(' ', '-').StartsWith(key + ":", StringComparison.Ordinal));
        if (at >= 0)
        {
            lines[at] = lines[at][..(lines[at].IndexOf(key, StringComparison.Ordinal))] + line;
        }
        else
        {
            lines.Insert(5, "    " + line);
        }

        var error = Assert.ThrowsExactly<ConfigurationException>(() => RepositoryConfig.Parse(Lines([.. lines]), ConfigPath));

        StringAssert.StartsWith(error.Message, $"{ConfigPath}({expectedLine},{expectedColumn}): {expected}");
    }

    [TestMethod]
    public void A_missing_field_names_the_rule_and_points_at_it()
    {
        var error = Assert.ThrowsExactly<ConfigurationException>(() => RepositoryConfig.Parse(Lines(
            "customRules:",
            "  - id: ACME001",
            "    title: Title",
            "    severity: warning",
            "    kinds: [Deployment]",
            "    schema: {required: [spec]}"), ConfigPath));

        Assert.AreEqual($"{ConfigPath}(2,5): ACME001: a custom rule needs 'message'", error.Message);
    }

    [TestMethod]
    public void A_duplicate_ID_is_reported_at_the_second_one()
    {
        var error = Assert.ThrowsExactly<ConfigurationException>(() => RepositoryConfig.Parse(Lines(
            "customRules:",
            "  - {id: ACME001, title: t, message: m, severity: info, kinds: [Service], schema: true}",
            "  - {id: ACME001, title: t, message: m, severity: info, kinds: [Ingress], schema: true}"), ConfigPath));

        Assert.AreEqual($"{ConfigPath}(3,10): duplicate custom rule ID 'ACME001'", error.Message);
    }

    [TestMethod]
    public void A_container_rule_on_a_kind_without_pods_is_reported_at_the_kind()
    {
        var error = Assert.ThrowsExactly<ConfigurationException>(() => RepositoryConfig.Parse(Lines(
            "customRules:",
            "  - {id: ACME001, title: t, message: m, severity: info, target: container, kinds: [Deployment, ConfigMap], schema: true}"), ConfigPath));

        StringAssert.StartsWith(error.Message, $"{ConfigPath}(2,96): ACME001: kind 'ConfigMap' has no pod template");
    }
}
