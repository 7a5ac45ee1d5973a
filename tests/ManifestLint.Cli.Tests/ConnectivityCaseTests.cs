namespace ManifestLint.Cli.Tests;

/// <summary>
/// The connectivity command against np-guard netpol-analyzer's own cases (shared/testdata/netpol-analyzer, see its
/// README): from inside each case folder, <c>connectivity input --format txt</c> must print exactly the expected
/// lines (trimmed, blank lines dropped, both sides sorted).
/// </summary>
[TestClass]
public sealed class ConnectivityCaseTests
{
    /// <summary>
    /// Cases that cannot match yet, and why. Each is a typed list (<c>PodList</c>) whose items omit <c>kind</c>, as
    /// <c>kubectl get -o yaml</c> writes them; the loader drops such items today (the loader fix is another
    /// engineer's work in Core/Loading), so their pods are missing. With the items given their kind, each matches
    /// exactly. <see cref="Every_known_gap_is_a_case_that_still_differs"/> fails as soon as one starts to match,
    /// so the list cannot go stale.
    /// </summary>
    private static readonly IReadOnlyDictionary<string, string> KnownGaps = new Dictionary<string, string>
    {
        ["ipblockstest"] = "PodList items without kind",
        ["ipblockstest_3"] = "PodList items without kind",
        ["multiple_topology_resources_1"] = "PodList items without kind (bank_pod_list_yaml_version.yml)",
        ["multiple_topology_resources_3"] = "PodList items without kind (bank_pod_list_yaml_version.yml)",
        ["semanticDiff-same-topologies-new1"] = "PodList items without kind",
        ["semanticDiff-same-topologies-new2"] = "PodList items without kind",
        ["semanticDiff-same-topologies-old1"] = "PodList items without kind",
        ["semanticDiff-same-topologies-old3"] = "PodList items without kind",
    };

    private static string Root => TestPaths.InShared("testdata", "netpol-analyzer");

    private static IEnumerable<string> AllCases =>
        Directory.EnumerateDirectories(Root).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);

    public static IEnumerable<TestDataRow<string>> ClaimedCases =>
        AllCases.Where(c => !KnownGaps.ContainsKey(c)).Select(c => new TestDataRow<string>(c) { DisplayName = c });

    [TestMethod]
    public void The_shared_folder_holds_the_23_cases_its_readme_lists()
    {
        Assert.HasCount(23, AllCases.ToList());
        foreach (var name in KnownGaps.Keys)
        {
            Assert.Contains(name, AllCases.ToList(), "a known gap names a case that does not exist");
        }
    }

    [TestMethod]
    [DynamicData(nameof(ClaimedCases))]
    public void Connectivity_lists_exactly_what_netpol_analyzer_lists(string caseName)
    {
        var (expected, actual, result) = Compare(caseName);

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        Assert.AreEqual(string.Join("\n", expected), string.Join("\n", actual), $"case {caseName}");
    }

    [TestMethod]
    public void Every_known_gap_is_a_case_that_still_differs()
    {
        foreach (var (caseName, reason) in KnownGaps)
        {
            var (expected, actual, result) = Compare(caseName);

            Assert.AreEqual(0, result.ExitCode, result.ToString());
            Assert.IsFalse(expected.SequenceEqual(actual), $"{caseName} now matches ({reason} no longer applies): remove it from KnownGaps");
        }
    }

    private static (List<string> Expected, List<string> Actual, CliResult Result) Compare(string caseName)
    {
        var folder = Path.Combine(Root, caseName);
        var result = CliRun.Run(folder, ["connectivity", "input", "--format", "txt"]);
        return (Normalize(File.ReadAllText(Path.Combine(folder, "expected_connlist.txt"))), Normalize(result.Out), result);
    }

    private static List<string> Normalize(string text) =>
        [.. text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Order(StringComparer.Ordinal)];
}
