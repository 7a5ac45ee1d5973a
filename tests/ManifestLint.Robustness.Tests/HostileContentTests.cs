using System.Text;
using ManifestLint.Core.Engine;
using ManifestLint.Core.Loading;
using ManifestLint.Robustness.Tests.Support;

namespace ManifestLint.Robustness.Tests;

/// <summary>
/// Hostile file contents, each linted beside an intact file: the hostile one gets a clear diagnostic (or correct
/// results), within a deadline and a memory bound, and the intact one keeps exactly the findings it has alone.
/// </summary>
[TestClass]
[DoNotParallelize] // Several tests bound allocations, which are counted process-wide.
public sealed class HostileContentTests
{
    private const string HostilePath = "hostile.yaml";
    private const string IntactPath = "intact.yaml";

    private static readonly Lazy<IReadOnlyList<string>> IntactAlone = new(() =>
        Describe(LintPipeline.Run(InputFile.FromText(IntactPath, Manifests.Incident)).In(IntactPath)));

    [TestMethod]
    public void BillionLaughsAliasBombIsRefusedWithoutExpanding()
    {
        var bomb = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: lol}\ndata:\n  l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var level = 1; level <= 9; level++)
        {
            var items = string.Join(", ", Enumerable.Repeat($"*l{level - 1}", 9));
            bomb.Append($"  l{level}: &l{level} [{items}]\n");
        }

        // 9^10 ≈ 3.5 billion nodes if expanded; the reader must stop at its limit without building them.
        var (run, allocated) = RunBesideIntact(Encoding.UTF8.GetBytes(bomb.ToString()));

        AssertHostileReported(run, "ML9007", "more than 1,000,000 nodes");
        Assert.IsLessThan(64L << 20, allocated, $"{allocated:N0} bytes allocated for a 1 KB alias bomb");
    }

    [TestMethod]
    public void AliasBombThroughMergeKeysIsRefused()
    {
        var bomb = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: merge}\ndata:\n  m0: &m0 {a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8, i: 9}\n");
        for (var level = 1; level <= 9; level++)
        {
            var items = string.Join(", ", Enumerable.Range(0, 9).Select(i => $"k{i}: *m{level - 1}"));
            bomb.Append($"  m{level}: &m{level} {{<<: *m{level - 1}, {items}}}\n");
        }

        var (run, allocated) = RunBesideIntact(Encoding.UTF8.GetBytes(bomb.ToString()));

        AssertHostileReported(run, "ML9007", "through aliases");
        Assert.IsLessThan(64L << 20, allocated, $"{allocated:N0} bytes allocated for a merge-key bomb");
    }

    [TestMethod]
    [DataRow("flow sequences", "[", "]")]
    [DataRow("flow mappings", "{a: ", "}")]
    public void HundredThousandLevelsOfFlowNestingAreRefused(string shape, string open, string close)
    {
        const int depth = 100_000;
        var text = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata:\n  x: " +
                   string.Concat(Enumerable.Repeat(open, depth)) + "0" + string.Concat(Enumerable.Repeat(close, depth)) + "\n";

        var (run, allocated) = RunBesideIntact(Encoding.UTF8.GetBytes(text));

        AssertHostileReported(run, "ML9007", "Nesting deeper than 1000 levels");
        Assert.IsLessThan(512L << 20, allocated, $"{allocated:N0} bytes allocated for {depth:N0} levels of {shape}");
    }

    [TestMethod]
    public void HundredThousandLevelsOfBlockSequencesAreRefused()
    {
        // "- - - - x": each dash opens a block sequence one level deeper, without a line per level.
        const int depth = 100_000;
        var text = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata:\n  x:\n    " + string.Concat(Enumerable.Repeat("- ", depth)) + "x\n";

        var (run, allocated) = RunBesideIntact(Encoding.UTF8.GetBytes(text));

        AssertHostileReported(run, "ML9007", "Nesting deeper than 1000 levels");
        Assert.IsLessThan(512L << 20, allocated, $"{allocated:N0} bytes allocated for {depth:N0} levels of block sequences");
    }

    [TestMethod]
    public void RandomBytesAreReportedAsNotText()
    {
        var bytes = new byte[1 << 20];
        new Random(20240601).NextBytes(bytes);

        var (run, _) = RunBesideIntact(bytes);

        AssertHostileReported(run, "ML9002", "");
    }

    [TestMethod]
    public void RandomPrintableTextIsHandled()
    {
        // Random printable ASCII is text but almost never YAML: a syntax error, or nothing at all, never a crash.
        var random = new Random(7);
        var text = new string([.. Enumerable.Range(0, 200_000).Select(_ => random.Next(10) == 0 ? '\n' : (char)random.Next(32, 127))]);

        var (run, _) = RunBesideIntact(Encoding.UTF8.GetBytes(text));

        Assert.IsTrue(run.IdsIn(HostilePath).All(id => id.StartsWith("ML9", StringComparison.Ordinal)), string.Join(", ", run.IdsIn(HostilePath)));
        AssertNeighbourUnharmed(run);
    }

    [TestMethod]
    [DataRow(new byte[] { 0xC3, 0x28 }, DisplayName = "truncated two-byte sequence")]
    [DataRow(new byte[] { 0xC0, 0xAF }, DisplayName = "overlong encoding of '/'")]
    [DataRow(new byte[] { 0xED, 0xA0, 0x80 }, DisplayName = "UTF-16 surrogate encoded as UTF-8")]
    [DataRow(new byte[] { 0xFF }, DisplayName = "byte that never occurs in UTF-8")]
    public void InvalidUtf8IsReportedWhereItIs(byte[] invalid)
    {
        // The bad bytes sit in the value on line 4, after "  name: web-" (12 characters).
        var before = Encoding.UTF8.GetBytes("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-");
        var after = Encoding.UTF8.GetBytes("\ndata: {k: v}\n");

        var (run, _) = RunBesideIntact([.. before, .. invalid, .. after]);

        var diagnostic = AssertHostileReported(run, "ML9002", "Invalid UTF-8");
        Assert.AreEqual(4, diagnostic.Location.Span.Start.Line);
        Assert.AreEqual(13, diagnostic.Location.Span.Start.Column);
    }

    [TestMethod]
    [DataRow("utf-16LE")]
    [DataRow("utf-16BE")]
    public void Utf16WithByteOrderMarkGivesTheSameFindingsAsUtf8(string encodingName)
    {
        var encoding = Encoding.GetEncoding(encodingName);
        byte[] bytes = [.. encoding.GetPreamble(), .. encoding.GetBytes(Manifests.Incident)];

        var run = LintPipeline.Run(InputFile.FromMemory(IntactPath, bytes));

        CollectionAssert.AreEqual(IntactAlone.Value.ToList(), Describe(run.In(IntactPath)).ToList());
    }

    [TestMethod]
    public void Utf16WithoutByteOrderMarkIsReportedAsNotUtf8()
    {
        var (run, _) = RunBesideIntact(Encoding.Unicode.GetBytes(Manifests.Incident));

        AssertHostileReported(run, "ML9002", "UTF-16 without a byte order mark");
    }

    [TestMethod]
    public void CrlfLineEndingsKeepLinesAndColumns()
    {
        var crlf = Manifests.Incident.ReplaceLineEndings("\r\n");

        var run = LintPipeline.Run(InputFile.FromText(IntactPath, crlf));

        // Same findings at the same positions, suppression comment included (its text must not keep the '\r').
        CollectionAssert.AreEqual(IntactAlone.Value.ToList(), Describe(run.In(IntactPath)).ToList());
        var selector = run.In(IntactPath).Single(d => d.Id == "ML1001");
        Assert.AreEqual(Manifests.IncidentSelectorLine, selector.Location.Span.Start.Line);
        Assert.AreEqual(3, selector.Location.Span.Start.Column);
        var metrics = run.Result.Diagnostics.Single(d => d.Id == "ML1003" && d.Location.Span.Start.Line == Manifests.IncidentMetricsPortLine);
        Assert.IsTrue(metrics.IsSuppressed, "the disable-line comment on a CRLF line was not honoured");
    }

    [TestMethod]
    public void IncidentFindingsPointAtTheirTokens()
    {
        // The baseline the encoding tests compare against is itself right: each finding starts at its token.
        var lines = Manifests.Incident.Split('\n');
        var findings = LintPipeline.Run(InputFile.FromText(IntactPath, Manifests.Incident)).In(IntactPath).ToList();

        Assert.AreEqual("selector:", TokenAt(lines, findings.Single(d => d.Id == "ML1001").Location.Span.Start, 9));
        var admin = findings.Single(d => d.Id == "ML1003" && !d.IsSuppressed);
        Assert.AreEqual(Manifests.IncidentAdminPortLine, admin.Location.Span.Start.Line);
        Assert.AreEqual("9999", TokenAt(lines, admin.Location.Span.Start, 4));
    }

    [TestMethod]
    public void TabsAsSeparatorsKeepColumnsRight()
    {
        // Tabs are legal YAML white space outside indentation; a column counts a tab as one character (SARIF utf16CodeUnits).
        var text = Manifests.Incident.Replace("- {name: admin, port: 81, targetPort: 9999}", "- {name:\tadmin,\tport: 81,\t\ttargetPort:\t9999}", StringComparison.Ordinal);
        var lines = text.Split('\n');

        var run = LintPipeline.Run(InputFile.FromText(IntactPath, text));

        var admin = run.In(IntactPath).Single(d => d.Id == "ML1003" && !d.IsSuppressed);
        Assert.AreEqual("9999", TokenAt(lines, admin.Location.Span.Start, 4));
    }

    [TestMethod]
    public void TabIndentationIsASyntaxErrorOnItsLineAndLaterDocumentsStillCount()
    {
        // YAML forbids tabs in indentation; the broken document is reported and the next one is still analyzed.
        var text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: tabbed\n---\n" + Manifests.Incident;

        var run = LintPipeline.Run(InputFile.FromText(HostilePath, text));

        var error = run.In(HostilePath).First(d => d.Id == "ML9001");
        Assert.AreEqual(4, error.Location.Span.Start.Line);
        Assert.IsTrue(run.In(HostilePath).Any(d => d.Id == "ML1001" && d.Location.Span.Start.Line == Manifests.IncidentSelectorLine + 5),
            "the documents after the tab-indented one were not analyzed");
    }

    [TestMethod]
    public void HugeInMemoryInputIsRefusedBeforeDecoding()
    {
        // Standard input has no file size to check first; 200 MB must still be refused without being decoded or parsed.
        var bytes = new byte[200 << 20];
        bytes.AsSpan().Fill((byte)'a');

        var (run, allocated) = LintPipeline.MeasureAllocations(() => LintPipeline.Run(InputFile.FromMemory(HostilePath, bytes), InputFile.FromText(IntactPath, Manifests.Incident)));

        AssertHostileReported(run, "ML9006", "over the limit");
        Assert.IsLessThan(32L << 20, allocated, $"{allocated:N0} bytes allocated to refuse a 200 MB input");
    }

    private static (PipelineRun Run, long AllocatedBytes) RunBesideIntact(byte[] hostile) =>
        LintPipeline.MeasureAllocations(() => LintPipeline.Run(InputFile.FromMemory(HostilePath, hostile), InputFile.FromText(IntactPath, Manifests.Incident)));

    /// <summary>Asserts the hostile file got the diagnostic, nothing crashed, the intact file kept its findings and the SARIF is valid.</summary>
    private static Diagnostic AssertHostileReported(PipelineRun run, string id, string messagePart)
    {
        var diagnostic = run.In(HostilePath).FirstOrDefault(d => d.Id == id);
        Assert.IsNotNull(diagnostic, $"expected {id} in {HostilePath}; got {string.Join("; ", run.In(HostilePath).Select(d => $"{d.Id} {d.Message}"))}");
        StringAssert.Contains(diagnostic.Message, messagePart);
        AssertNeighbourUnharmed(run);
        return diagnostic;
    }

    /// <summary>No rule crashed, the intact file kept exactly its findings, and the SARIF log is valid.</summary>
    private static void AssertNeighbourUnharmed(PipelineRun run)
    {
        Assert.IsFalse(run.Result.Diagnostics.Any(d => d.Id == "ML9000"), "a rule crashed");
        CollectionAssert.AreEqual(IntactAlone.Value.ToList(), Describe(run.In(IntactPath)).ToList(), "the intact file's findings changed");
        var sarifProblems = LintPipeline.SarifProblems(run);
        Assert.IsEmpty(sarifProblems, string.Join(Environment.NewLine, sarifProblems.Take(5)));
    }

    private static string TokenAt(string[] lines, Core.Yaml.SourcePosition at, int length) =>
        lines[at.Line - 1].TrimEnd('\r').Substring(at.Column - 1, length);

    private static IReadOnlyList<string> Describe(IEnumerable<Diagnostic> diagnostics) =>
        [.. diagnostics.Select(d => $"{d.Id} {d.Location.Span} {d.Severity} suppressed={d.IsSuppressed} {d.Message} related=[{string.Join(", ", d.RelatedLocations.Select(r => r.Location.Span))}]")];
}
