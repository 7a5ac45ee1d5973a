using ManifestLint.Core.Configuration;
using ManifestLint.Core.Engine;
using ManifestLint.Core.Index;
using ManifestLint.Core.Tests.Support;
using static ManifestLint.Core.Tests.Support.Manifests;
using static ManifestLint.Core.Tests.Support.TestRules;

namespace ManifestLint.Core.Tests.Configuration;

/// <summary>.manifestlint.yaml: every setting, every mistake reported at its file(line,col), and where it sits in precedence.</summary>
[TestClass]
public sealed class RepositoryConfigTests
{
    private const string ConfigPath = "/repo/.manifestlint.yaml";

    [TestMethod]
    public void Every_setting_is_read()
    {
        var config = RepositoryConfig.Parse(Lines(
            "defaultNamespace: shop",
            "maxFileSize: 2MiB",
            "ignorePaths: [\"charts/**\", vendor]",
            "rules:",
            "  ML1003: warning",
            "  category-Services: error",
            "  all: suggestion",
            "podTemplateOwners:",
            "  - apiVersion: apps.example.com/v1",
            "    kind: WebApp",
            "    templatePath: spec.podTemplate",
            "    selectorPath: spec.selector",
            "  - group: legacy.example.com",
            "    kind: OldApp",
            "    templatePath: spec.template",
            "    selectorIsMap: true",
            "    hasReplicas: false",
            "externalObjects:",
            "  - {kind: Secret, namespace: prod, name: wildcard-tls}",
            "  - {kind: ConfigMap, name: cluster-info}"), ConfigPath);

        Assert.AreEqual(ConfigPath, config.Path);
        Assert.AreEqual("shop", config.DefaultNamespace);
        Assert.AreEqual(2L * 1024 * 1024, config.MaxFileSize);
        CollectionAssert.AreEqual(new[] { "charts/**", "vendor" }, config.IgnorePaths.ToArray());
        Assert.AreEqual("warning,error,suggestion", string.Join(",", config.Rules["ML1003"], config.Rules["category-Services"], config.Rules["all"]));
        var webApp = config.PodTemplateOwners[0];
        Assert.AreEqual(("apps.example.com", "WebApp", "spec/podTemplate", "spec/selector", false, true),
            (webApp.Group, webApp.Kind, string.Join("/", webApp.TemplatePath!), string.Join("/", webApp.SelectorPath!), webApp.SelectorIsMap, webApp.HasReplicas));
        var oldApp = config.PodTemplateOwners[1];
        Assert.AreEqual(("legacy.example.com", "OldApp", true, false, null), (oldApp.Group, oldApp.Kind, oldApp.SelectorIsMap, oldApp.HasReplicas, oldApp.SelectorPath));
        CollectionAssert.AreEqual(new[] { new ExternalObject("Secret", "prod", "wildcard-tls"), new ExternalObject("ConfigMap", null, "cluster-info") }, config.ExternalObjects.ToArray());
    }

    [TestMethod]
    [DataRow("1000", 1000L)]
    [DataRow("64KiB", 64L * 1024)]
    [DataRow("32 MiB", 32L * 1024 * 1024)]
    [DataRow("1GiB", 1024L * 1024 * 1024)]
    [DataRow("5MB", 5_000_000L)]
    [DataRow("2kb", 2000L)]
    public void MaxFileSize_takes_bytes_or_a_unit(string text, long bytes)
    {
        Assert.AreEqual(bytes, RepositoryConfig.Parse($"maxFileSize: {text}\n", ConfigPath).MaxFileSize);
    }

    [TestMethod]
    public void An_empty_file_or_a_comment_only_file_is_an_empty_configuration()
    {
        Assert.IsNull(RepositoryConfig.Parse("", ConfigPath).DefaultNamespace);
        Assert.IsEmpty(RepositoryConfig.Parse("# nothing yet\n", ConfigPath).Rules);
    }

    [TestMethod]
    [DataRow("defaultNamespace: shop\nrulez: {}\n", 2, 1, "unknown setting 'rulez'", DisplayName = "unknown setting")]
    [DataRow("rules:\n  ML1001: loud\n", 2, 11, "unknown severity 'loud'", DisplayName = "unknown severity")]
    [DataRow("rules: [ML1001]\n", 1, 8, "'rules' must map", DisplayName = "rules not a mapping")]
    [DataRow("maxFileSize: huge\n", 1, 14, "'maxFileSize'", DisplayName = "size not a number")]
    [DataRow("maxFileSize: 0\n", 1, 14, "'maxFileSize'", DisplayName = "size zero")]
    [DataRow("maxFileSize: 99999999999GiB\n", 1, 14, "'maxFileSize'", DisplayName = "size overflowing")]
    [DataRow("defaultNamespace: [a]\n", 1, 19, "must be a string", DisplayName = "namespace not a string")]
    [DataRow("ignorePaths: vendor\n", 1, 14, "list of strings", DisplayName = "ignorePaths not a list")]
    [DataRow("podTemplateOwners:\n  - kind: WebApp\n", 2, 5, "templatePath", DisplayName = "owner without templatePath")]
    [DataRow("externalObjects:\n  - {kind: Secret}\n", 2, 5, "'name'", DisplayName = "external object without name")]
    [DataRow("externalObjects: {kind: Secret}\n", 1, 18, "must be a list", DisplayName = "externalObjects not a list")]
    [DataRow("rules:\n  ML1001: error\n  ML1001: none\n", 3, 3, "Duplicate key", DisplayName = "duplicate key")]
    [DataRow("rules: {ML1001: error\n", 2, 1, "syntax error", DisplayName = "YAML syntax error")]
    [DataRow("crds: crds/\n", 1, 7, "'crds' must be a list", DisplayName = "crds not a list")]
    [DataRow("crds:\n  - {path: crds/}\n", 2, 5, "each 'crds' entry is the path of a CRD file or folder", DisplayName = "crds entry not a path")]
    [DataRow("crds: [crds/]\n", 1, 8, "CRD path 'crds/' does not exist (looked for /repo/crds", DisplayName = "crds path missing")]
    [DataRow("crds:\n  - \"crds/*.yaml\"\n", 2, 5, "globs are not expanded", DisplayName = "crds glob")]
    public void A_mistake_is_a_ConfigurationException_naming_file_line_and_column(string text, int line, int column, string message)
    {
        var error = Assert.ThrowsExactly<ConfigurationException>(() => RepositoryConfig.Parse(text, ConfigPath));

        StringAssert.StartsWith(error.Message, $"{ConfigPath}({line},{column}): ");
        StringAssert.Contains(error.Message, message);
    }

    [TestMethod]
    public void Crds_are_files_and_folders_relative_to_the_configuration_files_folder()
    {
        using var directory = new TemporaryDirectory();
        directory.Write("repo/crds/widgets.yaml", "");
        directory.Write("vendor/cert-manager.crds.yaml", "");
        var configPath = directory.Write("repo/.manifestlint.yaml", Lines("crds:", "  - crds/", "  - ../vendor/cert-manager.crds.yaml"));

        var crds = RepositoryConfig.Load(configPath).Crds;

        Assert.AreEqual(
            $"crds/ {directory.Combine("repo/crds/")} 2:5|../vendor/cert-manager.crds.yaml {directory.Combine("vendor/cert-manager.crds.yaml")} 3:5",
            string.Join("|", crds.Select(c => $"{c.Written} {c.FullPath} {c.At.Line}:{c.At.Column}")));
    }

    [TestMethod]
    public void The_nearest_configuration_above_the_base_directory_is_found_up_to_the_repository_root()
    {
        using var directory = new TemporaryDirectory();
        directory.Write(".manifestlint.yaml", "defaultNamespace: outside\n");
        directory.Write("repo/.git/HEAD", "ref: refs/heads/main\n");
        directory.Write("repo/.manifestlint.yaml", "defaultNamespace: repo\n");
        Directory.CreateDirectory(directory.Combine("repo/apps/web"));
        Directory.CreateDirectory(directory.Combine("other/.git"));
        Directory.CreateDirectory(directory.Combine("other/apps"));

        Assert.AreEqual(directory.Combine("repo/.manifestlint.yaml"), RepositoryConfig.Discover(directory.Combine("repo/apps/web")));
        Assert.IsNull(RepositoryConfig.Discover(directory.Combine("other/apps")), "the search stops at a repository root");
    }

    [TestMethod]
    public void The_configuration_file_drives_the_run()
    {
        using var directory = new TemporaryDirectory();
        directory.Write(".git/HEAD", "ref: refs/heads/main\n");
        directory.Write(".manifestlint.yaml", Lines(
            "defaultNamespace: shop",
            "maxFileSize: 200",
            "ignorePaths: [vendor]",
            "rules: {ML9005: warning}",
            "externalObjects: [{kind: Secret, namespace: shop, name: tls}]"));
        directory.Write("small.yaml", Lines("apiVersion: v1", "kind: ConfigMap", "metadata: {name: small}"));
        directory.Write("big.yaml", Lines("apiVersion: v1", "kind: ConfigMap", "metadata: {name: big}", "data:", "  blob: " + new string('x', 300)));
        directory.Write("nameless.yaml", Lines("apiVersion: v1", "kind: ConfigMap", "metadata: {}"));
        directory.Write("vendor/ignored.yaml", "not: [valid\n");

        var outcome = LintRunner.Run(new LintRequest { Paths = ["."], BaseDirectory = directory.Path }, new AnalysisEngine([]));

        Assert.AreEqual("ConfigMap/shop/small", outcome.Result.Index.Resources.Single().ToString());
        Assert.AreEqual("big.yaml:ML9006:Error,nameless.yaml:ML9005:Warning",
            string.Join(",", outcome.Result.Diagnostics.Select(d => $"{d.Location.Path}:{d.Id}:{d.Severity}")));
        Assert.IsTrue(outcome.Result.Index.WillExist("Secret", "shop", "tls"));
    }

    [TestMethod]
    public void An_explicit_configuration_file_that_does_not_exist_stops_the_run()
    {
        using var directory = new TemporaryDirectory();

        var error = Assert.ThrowsExactly<ConfigurationException>(() =>
            LintRunner.Run(new LintRequest { Paths = ["."], BaseDirectory = directory.Path, ConfigPath = "missing.yaml" }, new AnalysisEngine([])));
        StringAssert.Contains(error.Message, "missing.yaml");
    }

    [TestMethod]
    public void Editorconfig_beats_the_configuration_file_which_beats_the_rule_default()
    {
        using var directory = new TemporaryDirectory();
        directory.Write(".editorconfig", Lines("root = true", "[overridden/*.yaml]", "dotnet_diagnostic.ML8801.severity = suggestion"));
        var config = RepositoryConfig.Parse(Lines("rules:", "  ML8801: warning", "  category-Services: none"), ConfigPath);
        var rule = Rule("ML8801", category: "Services", severity: Severity.Error);
        var sameCategory = Rule("ML8802", category: "Services", severity: Severity.Error);
        var otherCategory = Rule("ML8803", category: "Workloads", severity: Severity.Error);
        var severities = new SeverityConfiguration(config, new EditorConfigResolver());

        Assert.AreEqual(Severity.Info, severities.Effective(rule, directory.Combine("overridden/a.yaml")), ".editorconfig");
        Assert.AreEqual(Severity.Warning, severities.Effective(rule, directory.Combine("plain/a.yaml")), ".manifestlint.yaml by ID");
        Assert.IsNull(severities.Effective(sameCategory, directory.Combine("plain/a.yaml")), ".manifestlint.yaml by category");
        Assert.AreEqual(Severity.Error, severities.Effective(otherCategory, directory.Combine("plain/a.yaml")), "the rule's default");
    }

    [TestMethod]
    public void The_rule_filter_includes_and_excludes_by_ID_or_category_and_keeps_input_diagnostics()
    {
        var services = Rule("ML8801", category: "Services");
        var workloads = Rule("ML8802", category: "Workloads");

        Assert.IsTrue(RuleFilter.All.Allows(services));
        var include = new RuleFilter(["services"], []);
        Assert.IsTrue(include.Allows(services), "a category, case-insensitively");
        Assert.IsFalse(include.Allows(workloads));
        Assert.IsTrue(include.Allows(CoreRules.YamlSyntaxError), "input diagnostics are not filtered away by --include");
        Assert.IsTrue(new RuleFilter(["ml8802"], []).Allows(workloads), "an ID, case-insensitively");
        var exclude = new RuleFilter(["Services", "Workloads"], ["ML8801"]);
        Assert.IsFalse(exclude.Allows(services), "exclude wins over include");
        Assert.IsTrue(exclude.Allows(workloads));
        Assert.IsFalse(new RuleFilter([], ["ML9008"]).Allows(CoreRules.UnrenderedHelmTemplate), "an input diagnostic excluded by ID");
        Assert.IsNull(new SeverityConfiguration(filter: new RuleFilter([], ["ML8801"])).Effective(services, null));
    }
}
