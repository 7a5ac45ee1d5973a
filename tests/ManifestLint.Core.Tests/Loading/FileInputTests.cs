using ManifestLint.Core.Engine;
using ManifestLint.Core.Loading;
using ManifestLint.Core.Model;
using ManifestLint.Core.Tests.Support;
using static ManifestLint.Core.Tests.Support.Manifests;

namespace ManifestLint.Core.Tests.Loading;

/// <summary>Files on disk: collection from directories, and files that cannot be read, without losing the others.</summary>
[TestClass]
public sealed class FileInputTests
{
    private static readonly string ConfigMapA = Lines("apiVersion: v1", "kind: ConfigMap", "metadata: {name: a}");
    private static readonly string ConfigMapB = Lines("apiVersion: v1", "kind: ConfigMap", "metadata: {name: b}");

    [TestMethod]
    public void A_directory_is_searched_recursively_for_manifests_in_a_stable_order()
    {
        using var directory = new TemporaryDirectory();
        directory.Write("z.yaml", ConfigMapA);
        directory.Write("apps/b.yml", ConfigMapB);
        directory.Write("apps/c.json", "{}");
        directory.Write("apps/readme.md", "# not a manifest");
        directory.Write(".git/config.yaml", "not: scanned");
        directory.Write("node_modules/x/package.yaml", "not: scanned");

        var collected = InputCollector.Collect(["."], directory.Path);

        CollectionAssert.AreEqual(new[] { "apps/b.yml", "apps/c.json", "z.yaml" }, collected.Files.Select(f => f.Source.Path).ToArray());
        Assert.IsEmpty(collected.Diagnostics);
    }

    [TestMethod]
    public void A_missing_path_is_reported_as_missing_and_the_others_are_collected()
    {
        using var directory = new TemporaryDirectory();
        directory.Write("a.yaml", ConfigMapA);

        var collected = InputCollector.Collect(["a.yaml", "nope"], directory.Path);

        CollectionAssert.AreEqual(new[] { "nope" }, collected.MissingPaths.ToArray());
        Assert.AreEqual("a.yaml", collected.Files.Single().Source.Path);
    }

    [TestMethod]
    public void Ignored_paths_are_not_collected()
    {
        using var directory = new TemporaryDirectory();
        directory.Write("app/a.yaml", ConfigMapA);
        directory.Write("vendor/lib/b.yaml", ConfigMapB);
        directory.Write("charts/x/c.yaml", ConfigMapB);

        var collected = InputCollector.Collect(["."], directory.Path, ["vendor", "charts/**"]);

        Assert.AreEqual("app/a.yaml", collected.Files.Single().Source.Path);
    }

    [TestMethod]
    public void A_symbolic_link_loop_in_a_directory_ends_and_each_file_is_collected_once()
    {
        using var directory = new TemporaryDirectory();
        directory.Write("manifests/a.yaml", ConfigMapA);
        directory.Write("manifests/nested/b.yaml", ConfigMapB);
        Directory.CreateSymbolicLink(directory.Combine("manifests/nested/up"), "..");
        Directory.CreateSymbolicLink(directory.Combine("manifests/self"), ".");
        File.CreateSymbolicLink(directory.Combine("manifests/ping.yaml"), "pong.yaml");
        File.CreateSymbolicLink(directory.Combine("manifests/pong.yaml"), "ping.yaml");

        var collected = InputCollector.Collect(["manifests"], directory.Path);
        var result = new AnalysisEngine([]).Analyze(collected.Files, new AnalysisOptions { Load = new LoadOptions { BaseDirectory = directory.Path } });

        var realFiles = collected.Files.Select(f => f.Source.Path).Where(p => !p.Contains("ping") && !p.Contains("pong")).ToList();
        Assert.HasCount(2, realFiles, string.Join(", ", realFiles));
        Assert.AreEqual("a,b", string.Join(",", result.Index.Resources.Select(r => r.Name).Order(StringComparer.Ordinal)));
        Assert.IsTrue(result.Diagnostics.Where(d => d.Location.Path.Contains("ping") || d.Location.Path.Contains("pong")).All(d => d.Id == "ML9009"),
            Describe(result.Diagnostics));
    }

    [TestMethod]
    public void A_file_that_cannot_be_opened_yields_ML9009_and_the_other_files_still_load()
    {
        using var directory = new TemporaryDirectory();
        directory.Write("good.yaml", ConfigMapA);
        File.CreateSymbolicLink(directory.Combine("dangling.yaml"), "does-not-exist.yaml");

        var result = AnalyzeDirectory(directory);

        var unreadable = result.Diagnostics.Single();
        Assert.AreEqual("ML9009", unreadable.Id);
        Assert.AreEqual("dangling.yaml", unreadable.Location.Path);
        Assert.AreEqual("a", result.Index.Resources.Single().Name);
    }

    [TestMethod]
    public void A_file_without_read_permission_yields_ML9009_and_the_other_files_still_load()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Inconclusive("POSIX permissions are not available on Windows.");
            return;
        }

        using var directory = new TemporaryDirectory();
        directory.Write("good.yaml", ConfigMapA);
        var locked = directory.Write("locked.yaml", ConfigMapB);
        File.SetUnixFileMode(locked, UnixFileMode.None);
        if (CanRead(locked))
        {
            // Root (or a file system that ignores modes) reads it anyway: chmod cannot make a file unreadable here.
            // The unreadable-file path is still covered by the dangling-link test above.
            Assert.Inconclusive("This process can read a file with mode 000 (running as root?); permission denial cannot be produced.");
        }

        var result = AnalyzeDirectory(directory);

        var unreadable = result.Diagnostics.Single();
        Assert.AreEqual("ML9009", unreadable.Id);
        Assert.AreEqual("locked.yaml", unreadable.Location.Path);
        Assert.AreEqual("a", result.Index.Resources.Single().Name);
    }

    [TestMethod]
    public void A_broken_file_does_not_cost_the_results_of_the_other_files()
    {
        var result = new AnalysisEngine([]).Analyze(
        [
            InputFile.FromText("1-good.yaml", ConfigMapA),
            InputFile.FromText("2-syntax.yaml", "apiVersion: v1\nkind: [\n"),
            InputFile.FromMemory("3-binary.yaml", [0x00, 0x01, 0x02]),
            InputFile.FromMemory("4-utf8.yaml", [0x61, 0x3A, 0x20, 0xFF]),
            InputFile.FromText("5-good.yaml", ConfigMapB),
        ]);

        Assert.AreEqual("a,b", string.Join(",", result.Index.Resources.Select(r => r.Name)));
        Assert.AreEqual("2-syntax.yaml:ML9001,3-binary.yaml:ML9002,4-utf8.yaml:ML9002",
            string.Join(",", result.Diagnostics.Select(d => $"{d.Location.Path}:{d.Id}")));
    }

    private static AnalysisResult AnalyzeDirectory(TemporaryDirectory directory)
    {
        var collected = InputCollector.Collect(["."], directory.Path);
        return new AnalysisEngine([]).Analyze(collected.Files, new AnalysisOptions { Load = new LoadOptions { BaseDirectory = directory.Path } }, collected.Diagnostics);
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
}
