using System.Diagnostics;
using System.Runtime.Versioning;
using ManifestLint.Core.Engine;
using ManifestLint.Core.Loading;
using ManifestLint.Robustness.Tests.Support;

namespace ManifestLint.Robustness.Tests;

/// <summary>
/// Hostile things on disk, linted the way the CLI does (collect a directory, then analyze): each gets a clear
/// diagnostic, and the ordinary file beside it keeps its findings.
/// </summary>
[TestClass]
[DoNotParallelize] // The huge-file test bounds allocations, which are counted process-wide.
[OSCondition(OperatingSystems.Linux | OperatingSystems.OSX)] // Unix permissions, symbolic links and FIFOs.
[SupportedOSPlatform("linux")]
[SupportedOSPlatform("macos")]
public sealed class HostileFileSystemTests
{
    private string _root = "";

    [TestInitialize]
    public void CreateRoot()
    {
        _root = Path.Combine(Path.GetTempPath(), "manifestlint-hostile-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_root);
        File.WriteAllText(Path.Combine(_root, "intact.yaml"), Manifests.Incident);
    }

    [TestCleanup]
    public void DeleteRoot()
    {
        // Links are skipped: the loops some tests build would make a recursive walk endless, and links have no mode to restore.
        var realEntries = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = false };
        foreach (var directory in Directory.EnumerateDirectories(_root, "*", new EnumerationOptions { AttributesToSkip = FileAttributes.ReparsePoint }))
        {
            File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        foreach (var path in Directory.EnumerateFileSystemEntries(_root, "*", realEntries))
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        Directory.Delete(_root, recursive: true);
    }

    [TestMethod]
    public void TwoHundredMegabyteFileIsRefusedWithoutReadingIt()
    {
        // Sparse: the file claims 200 MB but costs no disk and no time to create, so this runs in CI.
        var huge = Path.Combine(_root, "huge.yaml");
        using (var stream = new FileStream(huge, FileMode.CreateNew))
        {
            stream.SetLength(200L << 20);
        }

        var (run, allocated) = LintPipeline.MeasureAllocations(() => Lint(_root));

        var diagnostic = run.In("huge.yaml").Single();
        Assert.AreEqual("ML9006", diagnostic.Id);
        StringAssert.Contains(diagnostic.Message, (200L << 20).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.IsLessThan(16L << 20, allocated, $"{allocated:N0} bytes allocated to refuse a 200 MB file: was it read?");
        AssertIntactFindings(run);
    }

    [TestMethod]
    public void SymbolicLinkLoopsEndAndEveryFileIsLintedOnce()
    {
        var nested = Directory.CreateDirectory(Path.Combine(_root, "a", "b")).FullName;
        File.WriteAllText(Path.Combine(nested, "deep.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep, namespace: ml}\n");
        Directory.CreateSymbolicLink(Path.Combine(nested, "back-to-root"), _root);
        Directory.CreateSymbolicLink(Path.Combine(nested, "self"), nested);

        var run = Lint(_root);

        var paths = run.Result.Files.Select(f => f.Source.Path).Order(StringComparer.Ordinal).ToList();
        CollectionAssert.AreEqual(new[] { "a/b/deep.yaml", "intact.yaml" }, paths);
        AssertIntactFindings(run);
    }

    [TestMethod]
    public void LinkThatLoopsOntoItselfIsReportedAsUnreadable()
    {
        // "loop.yaml -> loop.yaml": opening it fails with ELOOP, for every user including root.
        File.CreateSymbolicLink(Path.Combine(_root, "loop.yaml"), Path.Combine(_root, "loop.yaml"));
        File.CreateSymbolicLink(Path.Combine(_root, "dangling.yaml"), Path.Combine(_root, "missing", "nothing.yaml"));

        var run = Lint(_root);

        Assert.AreEqual("ML9009", run.In("loop.yaml").Single().Id);
        Assert.AreEqual("ML9009", run.In("dangling.yaml").Single().Id);
        AssertIntactFindings(run);
    }

    [TestMethod]
    public void FileWithoutReadPermissionIsReportedOrReadAsTheUserMay()
    {
        var locked = Path.Combine(_root, "locked.yaml");
        File.WriteAllText(locked, "apiVersion: v1\nkind: Service\nmetadata: {name: locked, namespace: ml}\nspec:\n  selector: {app: inference-apl}\n  ports: [{port: 80}]\n"); // one letter from the incident pods
        File.SetUnixFileMode(locked, UnixFileMode.None);

        var run = Lint(_root);

        if (CanRead(locked))
        {
            // Root (or CAP_DAC_OVERRIDE) reads it anyway, and so must we: the Service's finding is reported.
            Assert.AreEqual("ML1001", run.In("locked.yaml").Single().Id);
        }
        else
        {
            var diagnostic = run.In("locked.yaml").Single();
            Assert.AreEqual("ML9009", diagnostic.Id);
            StringAssert.Contains(diagnostic.Message, "denied");
        }

        AssertIntactFindings(run);
    }

    [TestMethod]
    public void DirectoryWithoutPermissionIsReportedOrWalkedAsTheUserMay()
    {
        var closed = Directory.CreateDirectory(Path.Combine(_root, "closed")).FullName;
        File.WriteAllText(Path.Combine(closed, "inside.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: inside, namespace: ml}\n");
        File.SetUnixFileMode(closed, UnixFileMode.None);

        var run = Lint(_root);

        if (CanList(closed))
        {
            Assert.IsTrue(run.Result.Files.Any(f => f.Source.Path == "closed/inside.yaml"));
        }
        else
        {
            Assert.AreEqual("ML9009", run.In("closed").Single().Id);
        }

        AssertIntactFindings(run);
    }

    [TestMethod]
    public void NamedPipeDoesNotHangTheRun()
    {
        // Opening a FIFO for reading blocks until someone writes to it: a linter that opens one waits forever.
        var fifo = Path.Combine(_root, "pipe.yaml");
        if (!TryMakeFifo(fifo))
        {
            Assert.Inconclusive("mkfifo is not available on this machine");
        }

        var run = Lint(_root, TimeSpan.FromSeconds(30));

        // A pipe has no content to lint until someone writes to it: it is read as an empty file, without being opened.
        Assert.AreEqual(0, run.Result.Files.Single(f => f.Source.Path == "pipe.yaml").Objects.Count);
        Assert.IsEmpty(run.In("pipe.yaml").ToList());
        AssertIntactFindings(run);
    }

    private PipelineRun Lint(string path, TimeSpan? deadline = null) => LintPipeline.WithinDeadline(() =>
    {
        var outcome = LintRunner.Run(new LintRequest { Paths = [path], BaseDirectory = _root, UseEditorConfig = false }, LintPipeline.SharedEngine);
        return LintPipeline.Render(outcome.Result, LintPipeline.OutputContext(_root));
    }, deadline ?? LintPipeline.DefaultDeadline, path);

    private static void AssertIntactFindings(PipelineRun run)
    {
        var findings = run.In("intact.yaml").Where(d => !d.IsSuppressed).Select(d => (d.Id, d.Location.Span.Start.Line)).ToList();
        CollectionAssert.AreEquivalent(new[] { ("ML1001", Manifests.IncidentSelectorLine), ("ML1003", Manifests.IncidentAdminPortLine) }, findings);
        var sarifProblems = LintPipeline.SarifProblems(run);
        Assert.IsEmpty(sarifProblems, string.Join(Environment.NewLine, sarifProblems.Take(5)));
    }

    private static bool CanRead(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static bool CanList(string path)
    {
        try
        {
            _ = Directory.EnumerateFileSystemEntries(path).Count();
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static bool TryMakeFifo(string path)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("mkfifo", [path]) { RedirectStandardError = true })!;
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
