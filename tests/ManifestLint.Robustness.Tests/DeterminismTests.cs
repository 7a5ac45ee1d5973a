using System.Security.Cryptography;
using ManifestLint.Cli;
using ManifestLint.CorpusGenerator;
using ManifestLint.Robustness.Tests.Support;

namespace ManifestLint.Robustness.Tests;

/// <summary>
/// The same corpus linted ten times through the CLI, with parallelism on, gives byte-identical SARIF: code scanning
/// diffs runs, so any reordering would open and close alerts at random.
/// </summary>
[TestClass]
public sealed class DeterminismTests
{
    private const int Apps = 200;
    private const int Runs = 10;

    private static string _corpus = "";

    [ClassInitialize]
    public static void GenerateCorpus(TestContext context)
    {
        _ = context;
        _corpus = Path.Combine(Path.GetTempPath(), "manifestlint-determinism-" + Guid.NewGuid().ToString("N"));

        // A higher fault rate than the default, so that many findings (and their related locations) must keep their order.
        CorpusGenerator.CorpusGenerator.Generate(new CorpusOptions(_corpus, Apps, Seed: 11, FaultRate: 0.2));
    }

    [ClassCleanup]
    public static void DeleteCorpus()
    {
        if (Directory.Exists(_corpus))
        {
            Directory.Delete(_corpus, recursive: true);
        }
    }

    [TestMethod]
    public void TenParallelRunsWriteByteIdenticalSarif()
    {
        var hashes = new List<string>();
        byte[]? first = null;
        for (var run = 0; run < Runs; run++)
        {
            var sarif = LintToSarif();
            first ??= sarif;
            hashes.Add(Convert.ToHexString(SHA256.HashData(sarif)));
        }

        Assert.IsNotNull(first);
        var results = System.Text.Json.Nodes.JsonNode.Parse(first)!["runs"]![0]!["results"]!.AsArray();
        Assert.IsGreaterThan(Apps / 10, results.Count, "the corpus should produce many findings, or the comparison proves little");
        Assert.HasCount(1, hashes.Distinct().ToList(), $"SARIF differed between runs: {string.Join(", ", hashes.Select(h => h[..12]))}");
    }

    private static byte[] LintToSarif()
    {
        var output = Path.Combine(_corpus, "out.sarif");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var console = new CliConsole(stdout, stderr, () => Stream.Null) { CurrentDirectory = _corpus };

        var exitCode = LintPipeline.WithinDeadline(
            () => CliApp.Run([CorpusGenerator.CorpusGenerator.ManifestRoot, "--format", "sarif", "--output", output], console),
            LintPipeline.DefaultDeadline, "lint the determinism corpus");

        Assert.AreEqual(ExitCodes.Findings, exitCode, stderr.ToString());
        var bytes = File.ReadAllBytes(output);
        File.Delete(output);
        return bytes;
    }
}
