using ManifestLint.Cli;

namespace ManifestLint.Cli.Tests;

/// <summary>
/// Each format's output on the samples, and on rendered Helm output read from standard input, compared with
/// the files in Golden/. When a rule is added or a message changes, regenerate them:
/// <c>UPDATE_GOLDEN=1 dotnet test tests/ManifestLint.Cli.Tests</c>, and review the diff.
/// </summary>
[TestClass]
public sealed class GoldenFileTests
{
    [TestMethod]
    [DataRow("text", "samples.txt")]
    [DataRow("json", "samples.json")]
    [DataRow("sarif", "samples.sarif")]
    [DataRow("github", "samples.github.txt")]
    [DataRow("junit", "samples.junit.xml")]
    public void SamplesMatchTheGoldenFile(string format, string golden)
    {
        var run = CliRun.InRepository("samples", "--format", format);

        Assert.AreEqual(ExitCodes.Findings, run.ExitCode, run.ToString());
        Assert.AreEqual("", run.Error);
        if (format == "sarif")
        {
            ProducedSarif.Check(run.Out);
        }

        Golden.Match(golden, format == "sarif" ? SarifNormalizer.Normalize(run.Out) : run.Out);
    }

    [TestMethod]
    [DataRow("text", "helm-stdin.txt")]
    [DataRow("sarif", "helm-stdin.sarif")]
    public void HelmOutputOnStandardInputMatchesTheGoldenFile(string format, string golden)
    {
        var rendered = File.ReadAllText(TestPaths.InRepository("tests", "ManifestLint.Cli.Tests", "Inputs", "helm-rendered.yaml"));

        var run = CliRun.Run(TestPaths.RepositoryRoot, ["-", "--format", format], standardInput: rendered);

        Assert.AreEqual(ExitCodes.Findings, run.ExitCode, run.ToString());
        if (format == "sarif")
        {
            ProducedSarif.Check(run.Out);
        }

        Golden.Match(golden, format == "sarif" ? SarifNormalizer.Normalize(run.Out) : run.Out);
    }

    [TestMethod]
    public void SarifIsByteIdenticalAcrossRuns()
    {
        var first = CliRun.InRepository("samples", "--format", "sarif").Out;
        var second = CliRun.InRepository("samples", "--format", "sarif").Out;

        ProducedSarif.Check(first);
        Assert.AreEqual(first, second);
    }
}
