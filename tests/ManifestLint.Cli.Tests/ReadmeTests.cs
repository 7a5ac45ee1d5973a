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
}
