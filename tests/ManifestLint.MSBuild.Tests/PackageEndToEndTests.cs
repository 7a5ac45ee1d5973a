using System.IO.Compression;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using ManifestLint.TestSupport;

namespace ManifestLint.MSBuild.Tests;

/// <summary>
/// Packs ManifestLint.MSBuild once into a temporary folder feed, then builds sample projects that reference it
/// with `dotnet build`, as a user would (isolated package cache, only the local folder as package source).
/// Builds are few and chained: each one also checks what the previous one left behind.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class PackageEndToEndTests
{
    private const string HelpBase = "https://github.com/manifestlint/manifestlint/blob/main/rules/";

    private static string s_root = "";
    private static string s_version = "";
    private static string s_package = "";

    private static Dictionary<string, string> Environment => new() { ["NUGET_PACKAGES"] = Path.Combine(s_root, "cache") };

    [ClassInitialize]
    public static void Pack(TestContext context)
    {
        s_root = Path.Combine(Path.GetTempPath(), "manifestlint-e2e-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(s_root);
        // A version no cache has seen, so restore can only take this very package.
        s_version = $"0.1.0-e2e.{DateTime.UtcNow.Ticks}";
        var pack = DotnetCli.Run(TestPaths.RepositoryRoot, Environment,
            "pack", TestPaths.InRepository("src", "ManifestLint.MSBuild", "ManifestLint.MSBuild.csproj"),
            "-c", "Release", "-o", Path.Combine(s_root, "nupkg"), "--artifacts-path", Path.Combine(s_root, "artifacts"),
            $"-p:Version={s_version}", "-nodeReuse:false", "-tl:off", "-v:m");
        Assert.AreEqual(0, pack.ExitCode, pack.ToString());
        s_package = Path.Combine(s_root, "nupkg", $"ManifestLint.MSBuild.{s_version}.nupkg");
        Assert.IsTrue(File.Exists(s_package), pack.ToString());
    }

    [ClassCleanup]
    public static void DeleteRoot()
    {
        try
        {
            Directory.Delete(s_root, recursive: true);
        }
        catch (IOException)
        {
            // Leftovers in the temp folder are harmless; a failed test's files may even help.
        }
    }

    [TestMethod]
    public void Package_HasTheTaskLayout_AndIsADevelopmentDependencyWithoutDependencies()
    {
        using var zip = ZipFile.OpenRead(s_package);
        var entries = zip.Entries.Select(e => e.FullName).Where(n => !n.StartsWith('_') && !n.StartsWith("package/", StringComparison.Ordinal) && n != "[Content_Types].xml")
            .Order(StringComparer.Ordinal).ToArray();
        CollectionAssert.AreEqual(
            new[]
            {
                "ManifestLint.MSBuild.nuspec",
                "README.md",
                "build/ManifestLint.MSBuild.props",
                "build/ManifestLint.MSBuild.targets",
                "buildTransitive/ManifestLint.MSBuild.props",
                "buildTransitive/ManifestLint.MSBuild.targets",

                // JsonSchema.Net (custom resources against their CRDs) and what it needs.
                "tasks/net10.0/Humanizer.dll",
                "tasks/net10.0/Json.More.dll",
                "tasks/net10.0/JsonPointer.Net.dll",
                "tasks/net10.0/JsonSchema.Net.dll",
                "tasks/net10.0/ManifestLint.Core.dll",
                "tasks/net10.0/ManifestLint.MSBuild.deps.json",
                "tasks/net10.0/ManifestLint.MSBuild.dll",
                "tasks/net10.0/ManifestLint.Rules.dll",
                "tasks/net10.0/Microsoft.Extensions.FileSystemGlobbing.dll",
                "tasks/net10.0/YamlDotNet.dll",
            },
            entries,
            string.Join("\n", entries));

        using var nuspecStream = zip.GetEntry("ManifestLint.MSBuild.nuspec")!.Open();
        var metadata = XDocument.Load(nuspecStream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        Assert.AreEqual("true", metadata.Elements().Single(e => e.Name.LocalName == "developmentDependency").Value);
        Assert.IsFalse(metadata.Elements().Any(e => e.Name.LocalName == "dependencies"), metadata.ToString());
    }

    [TestMethod]
    public void BrokenManifest_FailsTheBuildWithTheCanonicalError_AndIsLintedAgainOnTheNextBuild()
    {
        var project = CreateProject("broken");
        SampleManifests.Write(project, "deploy/api.yaml", SampleManifests.SelectorMatchesNoPods);
        var expected = $"{project}/deploy/api.yaml(25,3,25,11): error ML1001: Service 'api' selects app=api, but no pod template in namespace 'default' has these labels ({HelpBase}ML1001.md) [{project}/Sample.csproj]";

        var first = Build(project);

        Assert.AreNotEqual(0, first.ExitCode, first.ToString());
        CollectionAssert.Contains(first.Lines().ToList(), expected, first.ToString());

        // An errored run leaves no stamp, so nothing is skipped; in-process this time (the opt-out of the task host).
        var second = Build(project, "--no-restore", "-v:d", "-p:ManifestLintUseTaskHost=false");

        Assert.AreNotEqual(0, second.ExitCode, second.ToString());
        var lines = second.Lines(trim: true);
        CollectionAssert.Contains(lines.ToList(), expected, second.ToString());
        Assert.IsTrue(lines.Any(l => l.StartsWith("Building target \"_ManifestLintRun\" completely.", StringComparison.Ordinal)), second.ToString());
        Assert.IsFalse(lines.Any(l => l.Contains("external task host", StringComparison.Ordinal)), second.ToString());
    }

    [TestMethod]
    public void Warnings_HonourNoWarnAndWarningsAsErrors_SurviveAnIncrementalBuild_AndTheSarifMatchesTheCli()
    {
        var project = CreateProject("warnings", "<ManifestLintSarifFile>obj/manifestlint.sarif</ManifestLintSarifFile>");
        SampleManifests.Write(project, "deploy/app.yaml", SampleManifests.TargetPortNotDeclared);
        var warning = $"{project}/deploy/app.yaml(30,19,30,27): warning ML1003: Service 'web' targetPort 'web-http'/TCP is not declared by any container of the pods it selects (Deployment 'web' declares http=8080/TCP) ({HelpBase}ML1003.md) [{project}/Sample.csproj]";
        var asError = warning.Replace(": warning ML1003:", ": error ML1003:", StringComparison.Ordinal);

        var first = Build(project);
        Assert.AreEqual(0, first.ExitCode, first.ToString());
        CollectionAssert.Contains(first.Lines().ToList(), warning, first.ToString());
        AssertSameSarifResults(CliSarif(project, "deploy"), Path.Combine(project, "obj", "manifestlint.sarif"));

        // Nothing changed: the lint target is skipped, its warning is replayed, and the task host ran the replay.
        var unchanged = Build(project, "--no-restore", "-v:d");
        Assert.AreEqual(0, unchanged.ExitCode, unchanged.ToString());
        var lines = unchanged.Lines(trim: true);
        CollectionAssert.Contains(lines.ToList(), "Skipping target \"_ManifestLintRun\" because all output files are up-to-date with respect to the input files.", unchanged.ToString());
        CollectionAssert.Contains(lines.ToList(), warning, unchanged.ToString());
        Assert.IsTrue(lines.Any(l => l.StartsWith("Launching task \"ReplayManifestLintResults\"", StringComparison.Ordinal) && l.Contains("in an external task host", StringComparison.Ordinal)), unchanged.ToString());

        var noWarn = Build(project, "--no-restore", "-p:NoWarn=ML1003");
        Assert.AreEqual(0, noWarn.ExitCode, noWarn.ToString());
        Assert.DoesNotContain("ML1003", noWarn.Output);

        var warningsAsErrors = Build(project, "--no-restore", "-p:WarningsAsErrors=ML1003");
        Assert.AreNotEqual(0, warningsAsErrors.ExitCode, warningsAsErrors.ToString());
        CollectionAssert.Contains(warningsAsErrors.Lines().ToList(), asError, warningsAsErrors.ToString());

        var treatWarningsAsErrors = Build(project, "--no-restore", "-p:TreatWarningsAsErrors=true");
        Assert.AreNotEqual(0, treatWarningsAsErrors.ExitCode, treatWarningsAsErrors.ToString());
        CollectionAssert.Contains(treatWarningsAsErrors.Lines().ToList(), asError, treatWarningsAsErrors.ToString());

        // A changed .editorconfig is an input: the lint runs again and ML1003 is back to its default, error.
        SampleManifests.Write(project, ".editorconfig", "root = true\n");
        var configChanged = Build(project, "--no-restore");
        Assert.AreNotEqual(0, configChanged.ExitCode, configChanged.ToString());
        CollectionAssert.Contains(configChanged.Lines().ToList(), asError, configChanged.ToString());
    }

    [TestMethod]
    public void WithoutManifestLintFileItems_TheBuildSaysOnceHowToAddThem()
    {
        var project = CreateProject("no-items", items: "");
        var hint = "ManifestLint: Sample has no manifests to lint. Add them with <ManifestLintFile Include=\"deploy/**/*.yaml\" />, or set ManifestLintEnabled=false. (Shown once.)";

        var first = Build(project);
        Assert.AreEqual(0, first.ExitCode, first.ToString());
        CollectionAssert.Contains(first.Lines(trim: true).ToList(), hint, first.ToString());

        var second = Build(project, "--no-restore");
        Assert.AreEqual(0, second.ExitCode, second.ToString());
        Assert.DoesNotContain("ManifestLint:", second.Output);
    }

    /// <summary>A class library that references the package, isolated from any Directory.Build.* or configuration above it.</summary>
    private static string CreateProject(string name, string properties = "", string items = "<ManifestLintFile Include=\"deploy/**/*.yaml\" />")
    {
        var project = Path.Combine(s_root, name);
        Directory.CreateDirectory(project);
        // The repository root for .manifestlint.yaml discovery and SARIF paths.
        Directory.CreateDirectory(Path.Combine(project, ".git"));
        SampleManifests.Write(project, "Directory.Build.props", "<Project />\n");
        SampleManifests.Write(project, "Directory.Build.targets", "<Project />\n");
        SampleManifests.Write(project, ".editorconfig", SampleManifests.EditorConfig);
        SampleManifests.Write(project, "Greeter.cs", "namespace Sample;\n\npublic static class Greeter\n{\n    public static string Hello => \"hi\";\n}\n");
        SampleManifests.Write(project, "nuget.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{Path.Combine(s_root, "nupkg")}" />
              </packageSources>
            </configuration>

            """);
        SampleManifests.Write(project, "Sample.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                {properties}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="ManifestLint.MSBuild" Version="{s_version}" PrivateAssets="all" />
                {items}
              </ItemGroup>
            </Project>

            """);
        return project;
    }

    private static ProcessResult Build(string project, params string[] arguments) =>
        DotnetCli.Run(project, Environment, ["build", "-tl:off", "-nodeReuse:false", .. arguments.Any(a => a.StartsWith("-v:", StringComparison.Ordinal)) ? arguments : ["-v:m", .. arguments]]);

    /// <summary>The command line's SARIF for the same files, run as a process from the project directory.</summary>
    private static string CliSarif(string project, params string[] paths)
    {
        var output = Path.Combine(project, "obj", "cli.sarif");
        var cli = Path.Combine(AppContext.BaseDirectory, "dotnet-manifest-lint.dll");
        var run = DotnetCli.Run(project, Environment, ["exec", cli, "--format", "sarif", "--output", output, .. paths]);
        Assert.IsTrue(File.Exists(output), run.ToString());
        return output;
    }

    private static void AssertSameSarifResults(string expectedFile, string actualFile)
    {
        var expected = SarifResults(expectedFile);
        var actual = SarifResults(actualFile);
        Assert.IsNotEmpty(expected);
        CollectionAssert.AreEqual(expected.ToArray(), actual.ToArray(), $"CLI:\n{string.Join("\n", expected)}\nTask:\n{string.Join("\n", actual)}");
    }

    /// <summary>Each result as one line: rule, level, message, absolute location and region, suppression count.</summary>
    private static List<string> SarifResults(string file)
    {
        var run = JsonNode.Parse(File.ReadAllText(file))!["runs"]![0]!;
        var bases = run["originalUriBaseIds"]?.AsObject().ToDictionary(p => p.Key, p => new Uri(p.Value!["uri"]!.GetValue<string>())) ?? [];
        return
        [
            .. run["results"]!.AsArray().Select(result =>
            {
                var physical = result!["locations"]![0]!["physicalLocation"]!;
                var artifact = physical["artifactLocation"]!;
                var uri = artifact["uri"]!.GetValue<string>();
                var path = artifact["uriBaseId"]?.GetValue<string>() is { } baseId ? new Uri(bases[baseId], uri).LocalPath : new Uri(uri).LocalPath;
                var region = physical["region"]!;
                return string.Join(" | ",
                    result["ruleId"]!.GetValue<string>(),
                    result["level"]?.GetValue<string>() ?? "warning",
                    result["message"]!["text"]!.GetValue<string>(),
                    $"{path}({region["startLine"]},{region["startColumn"]},{region["endLine"]},{region["endColumn"]})",
                    $"suppressions={result["suppressions"]?.AsArray().Count.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}");
            }),
        ];
    }
}
