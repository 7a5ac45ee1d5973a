namespace ManifestLint.Cli.Tests;

/// <summary>
/// The connectivity command against np-guard netpol-analyzer's own cases (shared/testdata/netpol-analyzer, see its
/// README): from inside each case folder, <c>connectivity input --format txt</c> must print exactly the expected
/// lines (trimmed, blank lines dropped, both sides sorted).
/// </summary>
[TestClass]
public sealed class ConnectivityCaseTests
{
    private static string Root => TestPaths.InShared("testdata", "netpol-analyzer");

    private static IEnumerable<string> AllCases =>
        Directory.EnumerateDirectories(Root).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);

    public static IEnumerable<TestDataRow<string>> Cases =>
        AllCases.Select(c => new TestDataRow<string>(c) { DisplayName = c });

    [TestMethod]
    public void The_shared_folder_holds_the_23_cases_its_readme_lists()
    {
        Assert.HasCount(23, AllCases.ToList());
    }

    [TestMethod]
    [DynamicData(nameof(Cases))]
    public void Connectivity_lists_exactly_what_netpol_analyzer_lists(string caseName)
    {
        var (expected, actual, result) = Compare(caseName);

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        Assert.AreEqual(string.Join("\n", expected), string.Join("\n", actual), $"case {caseName}");
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
