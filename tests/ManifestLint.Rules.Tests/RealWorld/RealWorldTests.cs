using System.Text;
using ManifestLint.Core.Engine;
using ManifestLint.TestSupport;

namespace ManifestLint.Rules.Tests.RealWorld;

/// <summary>
/// The test of precision: public projects' manifests (../shared/testdata/real-world), none written for ManifestLint, each
/// linted from its own folder as a user would (every rule, default severities). The exact set of warnings and errors from
/// cross-resource and input rules is pinned in expected-findings.txt, so every change to it is a reviewed decision; the
/// findings a review confirmed as real (the folder's README) must stay among them.
/// </summary>
[TestClass]
public sealed class RealWorldTests
{
    /// <summary>The confirmed real findings of ../shared/testdata/real-world/README.md, as "project path ID".</summary>
    private static readonly string[] Confirmed =
    [
        "k8s-examples _archived/volumes/flocker/flocker-pod-with-rc.yml ML1003",
        "k8s-examples _archived/volumes/vsphere/vsphere-volume-pvcscvsanpod.yaml ML1306",
        "k8s-examples _archived/cockroachdb/cockroachdb-statefulset.yaml ML1404",
    ];

    private static string Root => TestPaths.InShared("testdata", "real-world");

    private static string ExpectedFile => TestPaths.InRepository("tests", "ManifestLint.Rules.Tests", "RealWorld", "expected-findings.txt");

    private static readonly Lazy<IReadOnlyList<string>> Actual = new(() =>
        [.. Directory.GetDirectories(Root).Order(StringComparer.Ordinal).SelectMany(dir => Lint(Path.GetFileName(dir)!))]);

    [TestMethod]
    public void Warnings_and_errors_on_real_projects_are_exactly_the_reviewed_set()
    {
        var expected = File.ReadAllLines(ExpectedFile).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();

        var added = Actual.Value.Except(expected).ToList();
        var gone = expected.Except(Actual.Value).ToList();
        Assert.IsTrue(added.Count == 0 && gone.Count == 0,
            "The findings on the real-world projects changed. Review each one; if the change is right, update " +
            $"RealWorld/expected-findings.txt and say why in the commit message.\nnew:\n  {string.Join("\n  ", added)}\ngone:\n  {string.Join("\n  ", gone)}");
    }

    [TestMethod]
    public void Every_confirmed_real_finding_is_found()
    {
        foreach (var confirmed in Confirmed)
        {
            var parts = confirmed.Split(' ');
            Assert.IsTrue(Actual.Value.Any(a => a.StartsWith($"{parts[0]} {parts[1]}:", StringComparison.Ordinal) && a.Contains($" {parts[2]} ", StringComparison.Ordinal)),
                $"the confirmed finding {confirmed} is no longer reported");
        }
    }

    /// <summary>One line per warning or error of a reference or input rule: "project path:line ID message".</summary>
    private static IEnumerable<string> Lint(string project)
    {
        var result = LintRunner.Run(new LintRequest
        {
            Paths = ["."],
            BaseDirectory = Path.Combine(Root, project),
            ConfigPath = FixtureWorkspace.EmptyConfigPath.Value,
            UseEditorConfig = false,
        }, RuleCatalog.CreateEngine()).Result;
        return result.Active
            .Where(d => d.Severity >= Severity.Warning && IsReferenceOrInputRule(d.Rule))
            .Select(d => $"{project} {d.Location.Path}:{d.Location.Span.Start.Line} {d.Id} {Flatten(d.Message)}");
    }

    /// <summary>
    /// The rules this precision test is about: the references between objects (ML1xxx), schema validation (ML2xxx) and
    /// reading the input (ML9xxx).
    /// Single-object checks (ML3xxx, ML4xxx) report what a manifest says of itself, and are measured on these projects
    /// in rules/PARITY.md instead.
    /// </summary>
    internal static bool IsReferenceOrInputRule(RuleDescriptor rule) =>
        rule.Id.StartsWith("ML1", StringComparison.Ordinal) || rule.Category is RuleCategories.Input or RuleCategories.Schema;

    private static string Flatten(string message) => message.Replace('\n', ' ').Replace('\r', ' ');

    /// <summary>Writes the current findings where the expectations live, for a reviewed update: MANIFESTLINT_UPDATE_REAL_WORLD=1.</summary>
    [TestMethod]
    public void Update_the_expected_findings_when_asked()
    {
        if (Environment.GetEnvironmentVariable("MANIFESTLINT_UPDATE_REAL_WORLD") != "1")
        {
            return;
        }

        // The review notes at the top of the file are kept; the findings below them are written anew.
        var notes = File.Exists(ExpectedFile) ? File.ReadAllLines(ExpectedFile).TakeWhile(l => l.StartsWith('#')).ToList() : [];
        var text = new StringBuilder(string.Concat(notes.Select(n => n + "\n")));
        foreach (var line in Actual.Value)
        {
            text.Append(line).Append('\n');
        }

        File.WriteAllText(ExpectedFile, text.ToString());
    }
}
