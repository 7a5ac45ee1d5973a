using ManifestLint.Cli.Tests.Support;

namespace ManifestLint.Cli.Tests;

/// <summary>The README must stay true: its rule table is exactly what `rules --format markdown` prints.</summary>
[TestClass]
public sealed class ReadmeTests
{
    [TestMethod]
    public void Readme_rule_table_matches_the_rule_catalogue()
    {
        var run = CliRun.InRepository("rules", "--format", "markdown");
        Assert.AreEqual(0, run.ExitCode, run.ToString());
        var readme = File.ReadAllText(TestPaths.InRepository("README.md")).Replace("\r\n", "\n");
        var start = readme.IndexOf("\n## Rules\n", StringComparison.Ordinal);
        Assert.IsGreaterThanOrEqualTo(0, start, "README has no '## Rules' section");
        var tableStart = readme.IndexOf("| ID |", start, StringComparison.Ordinal);
        var tableEnd = readme.IndexOf("\n\n", tableStart, StringComparison.Ordinal);
        Assert.AreEqual(run.Out.Trim(), readme[tableStart..tableEnd].Trim(),
            "Regenerate the README table with: dotnet run --project src/ManifestLint.Cli -- rules --format markdown");
    }

    [TestMethod]
    public void Readme_format_option_lists_every_lint_format()
    {
        var readme = File.ReadAllText(TestPaths.InRepository("README.md"));

        Assert.Contains($"| `-f, --format {string.Join("\\|", LintCommand.Formats)}` |", readme);
    }

    [TestMethod]
    public void Readme_graph_usage_and_example_are_what_the_graph_command_does()
    {
        var readme = File.ReadAllText(TestPaths.InRepository("README.md")).Replace("\r\n", "\n");
        Assert.Contains($"graph [PATH ...] [--format {string.Join('|', ManifestLint.Core.Graph.ResourceGraphWriter.Formats)}] [-o FILE]", readme);

        var run = CliRun.InRepository("graph", "tests/ManifestLint.Rules.Tests/Fixtures/ML1205/seed-000-both-faults.yaml");
        var section = readme[readme.IndexOf("### Topology graph", StringComparison.Ordinal)..];
        var start = section.IndexOf("```\n", StringComparison.Ordinal) + 4;
        var example = section[start..section.IndexOf("\n```", start, StringComparison.Ordinal)];
        foreach (var line in example.Split('\n'))
        {
            Assert.Contains(line + "\n", run.Out, "README's graph example is not in the command's output");
        }
    }

    [TestMethod]
    public void Readme_custom_rules_example_is_a_valid_configuration_whose_rules_find_what_it_says()
    {
        var readme = File.ReadAllText(TestPaths.InRepository("README.md")).Replace("\r\n", "\n");
        var section = readme.IndexOf("\n## Custom rules\n", StringComparison.Ordinal);
        var start = readme.IndexOf("```yaml\n", section, StringComparison.Ordinal) + "```yaml\n".Length;
        var example = readme[start..readme.IndexOf("```", start, StringComparison.Ordinal)];
        using var tree = new TempTree().Write(".git/HEAD", "ref: refs/heads/main\n").Write(".manifestlint.yaml", example).Write("deploy.yaml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: prod}
            spec:
              revisionHistoryLimit: 20
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers: [{name: web, image: docker.io/nginx}]

            """);

        var run = CliRun.Run(tree.Root, ["deploy.yaml", "--include", "ACME001,ACME002", "--format", "github"]);

        StringAssert.Contains(run.Out, "title=ACME001::Deployment 'web' keeps too many old ReplicaSets: 20 should be at most 10");
        StringAssert.Contains(run.Out, "title=ACME002::container 'web' of Deployment 'web' pulls $.image from outside registry.acme.example");
    }
}
