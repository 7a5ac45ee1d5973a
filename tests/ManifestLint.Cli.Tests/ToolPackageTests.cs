using System.Security;
using ManifestLint.Cli;

namespace ManifestLint.Cli.Tests;

/// <summary>
/// End to end, as a user gets it: pack the tool, install it from a local folder into a tool manifest (offline:
/// the only package source is that folder, the package cache is a fresh temporary one), run
/// <c>dotnet manifest-lint</c> on a copy of the samples, and check its output and exit code. The user's dotnet
/// home is a temporary one too, so nothing of the install outlives the test. Then install it
/// with --tool-path and run it by the same name through PATH, as a global tool resolves.
/// </summary>
[TestClass]
public sealed class ToolPackageTests
{
    private static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(8);
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromMinutes(2);

    [TestMethod]
    [Timeout(15 * 60 * 1000, CooperativeCancellation = true)]
    public void PackedToolInstallsFromALocalFolderAndLintsTheSamples()
    {
        using var tree = new TempTree();
        var dotnet = ProcessRunner.Dotnet;
        var quiet = new Dictionary<string, string?> { ["DOTNET_NOLOGO"] = "1", ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1" };

        // Pack with the machine's usual restore (every dependency is already in its cache), into our own
        // artifacts folder so that no other build's bin/obj is touched.
        var pack = ProcessRunner.Run(dotnet,
            ["pack", TestPaths.InRepository("src", "ManifestLint.Cli", "ManifestLint.Cli.csproj"), "-c", "Release", "-o", tree.PathOf("feed"), "--artifacts-path", tree.PathOf("artifacts"), "-nologo", "-v:q"],
            TestPaths.RepositoryRoot, quiet, PackTimeout);
        Assert.AreEqual(0, pack.ExitCode, pack.ToString());
        Assert.IsTrue(File.Exists(tree.PathOf($"feed/ManifestLint.Tool.{CliApp.Version}.nupkg")), pack.ToString());

        // Install offline: a nuget.config that knows only the folder, and an empty package cache.
        tree.Write("work/nuget.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{SecurityElement.Escape(tree.PathOf("feed"))}" />
              </packageSources>
            </configuration>
            """);
        tree.Write("work/dotnet-tools.json", """{"version": 1, "isRoot": true, "tools": {}}""");
        tree.CopyFromRepository("samples");
        Directory.Move(tree.PathOf("samples"), tree.PathOf("work/samples"));
        // DOTNET_CLI_HOME too: the SDK remembers where each local tool version was restored
        // (~/.dotnet/toolResolverCache), and an entry left by an earlier run would point into a deleted cache.
        var isolated = new Dictionary<string, string?>(quiet) { ["NUGET_PACKAGES"] = tree.PathOf("cache"), ["DOTNET_CLI_HOME"] = tree.PathOf("home") };
        var work = tree.PathOf("work");
        Directory.CreateDirectory(tree.PathOf("home"));

        var install = ProcessRunner.Run(dotnet, ["tool", "install", "ManifestLint.Tool", "--version", CliApp.Version, "--configfile", tree.PathOf("work/nuget.config")], work, isolated, ToolTimeout);
        Assert.AreEqual(0, install.ExitCode, install.ToString());

        var lint = ProcessRunner.Run(dotnet, ["manifest-lint", "samples"], work, isolated, ToolTimeout);
        Assert.AreEqual(ExitCodes.Findings, lint.ExitCode, lint.ToString());
        var lines = lint.Out.Split('\n');
        CollectionAssert.Contains(lines, "error[ML1001]: Service 'inference-api' selects app=inference-api,tier=backend, but no pod template in namespace 'ml' has these labels; Deployment 'inference-api' comes closest but lacks tier=backend", lint.ToString());
        CollectionAssert.Contains(lines, " --> samples/seed-000/service.yaml:7:3", lint.ToString());
        CollectionAssert.Contains(lines, "  = note: Deployment 'inference-api' at samples/seed-000/deployment.yaml:15 has app=inference-api only", lint.ToString());
        Assert.IsTrue(lines.Any(l => l.StartsWith("Found ", StringComparison.Ordinal) && l.Contains(" in 4 files", StringComparison.Ordinal)), lint.ToString());
        Assert.AreEqual(CliRun.Run(work, ["samples"]).Out, lint.Out, "the installed tool prints what the in-process CLI prints");

        var sarif = ProcessRunner.Run(dotnet, ["manifest-lint", "samples", "--format", "sarif", "--output", "results.sarif", "--fail-level", "none"], work, isolated, ToolTimeout);
        Assert.AreEqual(ExitCodes.Success, sarif.ExitCode, sarif.ToString());
        var log = ProducedSarif.Check(File.ReadAllText(tree.PathOf("work/results.sarif")));
        Assert.AreEqual(CliApp.Version, log["runs"]![0]!["tool"]!["driver"]!["semanticVersion"]!.GetValue<string>());

        // A tool-path install runs through PATH under the same name, the way a global tool does.
        var toolPath = tree.PathOf("tools");
        var toolPathInstall = ProcessRunner.Run(dotnet, ["tool", "install", "ManifestLint.Tool", "--version", CliApp.Version, "--tool-path", toolPath, "--configfile", tree.PathOf("work/nuget.config")], tree.Root, isolated, ToolTimeout);
        Assert.AreEqual(0, toolPathInstall.ExitCode, toolPathInstall.ToString());
        var onPath = new Dictionary<string, string?>(isolated) { ["PATH"] = toolPath + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH") };
        var version = ProcessRunner.Run(dotnet, ["manifest-lint", "--version"], tree.Root, onPath, ToolTimeout);
        Assert.AreEqual(0, version.ExitCode, version.ToString());
        Assert.AreEqual(CliApp.Version + "\n", version.Out);
    }
}
