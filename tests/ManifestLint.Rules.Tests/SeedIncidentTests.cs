namespace ManifestLint.Rules.Tests;

/// <summary>
/// Each incident in ../shared/seeds that can be seen in manifests, reproduced under Seeds/ and linted with
/// every rule: the findings (by ID and line) are the inline expect annotations, checked strictly both ways.
/// </summary>
[TestClass]
public sealed class SeedIncidentTests
{
    public static IEnumerable<object[]> Incidents => FixtureWorkspace.Seeds().Select(w => new object[] { w.RelativePath });

    [TestMethod]
    public void Every_reproducible_seed_incident_has_a_reproduction()
    {
        var reproduced = FixtureWorkspace.Seeds().Select(w => w.RelativePath).ToList();
        CollectionAssert.AreEquivalent(new[] { "Seeds/seed-000/", "Seeds/seed-001/", "Seeds/seed-003/", "Seeds/seed-004/" }, reproduced);
    }

    [TestMethod]
    [DynamicData(nameof(Incidents))]
    public void Seed_incident_is_caught_before_deploy(string incident)
    {
        var workspace = FixtureWorkspace.Seeds().Single(w => w.RelativePath == incident);
        Assert.IsNotEmpty(workspace.Expectations(), "a reproduction must expect at least one finding");
        var failures = FixtureVerifier.Verify(workspace);
        Assert.IsEmpty(failures, string.Join("\n", failures));
    }
}
