namespace ManifestLint.Rules.Tests;

[TestClass]
public sealed class RuleFixtureTests
{
    public static IEnumerable<object[]> Workspaces => FixtureWorkspace.All().Select(w => new object[] { w.RelativePath });

    [TestMethod]
    [DynamicData(nameof(Workspaces))]
    public void Fixture_diagnostics_match_inline_expectations(string fixture)
    {
        var workspace = FixtureWorkspace.All().Single(w => w.RelativePath == fixture);
        var failures = FixtureVerifier.Verify(workspace);
        Assert.IsEmpty(failures, string.Join("\n", failures));
    }
}
