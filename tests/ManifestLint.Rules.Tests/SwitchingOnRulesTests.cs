using ManifestLint.Core.Engine;

namespace ManifestLint.Rules.Tests;

/// <summary>
/// Rules that ship off by default (Roslyn's EnabledByDefault: false) stay silent until a user names them, in
/// .manifestlint.yaml or in .editorconfig; a category-wide or global setting does not switch them on.
/// </summary>
[TestClass]
public sealed class SwitchingOnRulesTests
{
    private const string RuleId = RuleIds.RootFilesystemWritable; // ML4009, off by default

    private const string Workload = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: api}
        spec:
          selector: {matchLabels: {app: api}}
          template:
            metadata: {labels: {app: api}}
            spec:
              containers:
                - name: api
                  image: api:1.4.2
                  resources: {limits: {memory: 128Mi}}

        """;

    [TestMethod]
    public void The_rule_is_off_by_default()
    {
        Assert.IsFalse(RuleCatalog.Find(RuleId)!.EnabledByDefault);
        Assert.IsEmpty(Findings(manifestLintYaml: null, editorConfig: null));
    }

    [TestMethod]
    public void Naming_it_in_manifestlint_yaml_switches_it_on_at_that_severity()
    {
        var findings = Findings(manifestLintYaml: $"rules:\n  {RuleId}: error\n", editorConfig: null);

        Assert.AreEqual(Severity.Error, findings.Single().Severity);
    }

    [TestMethod]
    public void Naming_it_in_editorconfig_switches_it_on_at_that_severity()
    {
        var findings = Findings(manifestLintYaml: null, editorConfig: $"root = true\n[*.yaml]\ndotnet_diagnostic.{RuleId.ToLowerInvariant()}.severity = warning\n");

        Assert.AreEqual(Severity.Warning, findings.Single().Severity);
    }

    [TestMethod]
    public void Category_and_global_settings_do_not_switch_it_on()
    {
        Assert.IsEmpty(Findings(manifestLintYaml: "rules:\n  category-Security: error\n  all: warning\n", editorConfig: null));
        Assert.IsEmpty(Findings(manifestLintYaml: null, editorConfig: "root = true\n[*.yaml]\ndotnet_analyzer_diagnostic.category-security.severity = error\ndotnet_analyzer_diagnostic.severity = warning\n"));
    }

    private static List<Diagnostic> Findings(string? manifestLintYaml, string? editorConfig)
    {
        var folder = Directory.CreateTempSubdirectory("manifestlint-switch-on-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "deployment.yaml"), Workload);
            var config = Path.Combine(folder.FullName, ".manifestlint.yaml");
            File.WriteAllText(config, manifestLintYaml ?? "");
            if (editorConfig is not null)
            {
                File.WriteAllText(Path.Combine(folder.FullName, ".editorconfig"), editorConfig);
            }

            var request = new LintRequest { Paths = ["."], BaseDirectory = folder.FullName, ConfigPath = config, UseEditorConfig = true };
            return [.. LintRunner.Run(request, RuleCatalog.CreateEngine()).Result.Active.Where(d => d.Id == RuleId)];
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
