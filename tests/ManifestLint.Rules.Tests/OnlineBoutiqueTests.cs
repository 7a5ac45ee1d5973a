using System.Diagnostics;
using System.Text;
using ManifestLint.Core.Engine;
using ManifestLint.TestSupport;

namespace ManifestLint.Rules.Tests;

/// <summary>
/// Google's Online Boutique is a correct application: every rule of the catalogue (including rules added later)
/// runs over its manifests, as written and as kustomize renders them, and must find no warning or error, and
/// nothing at all from a cross-resource rule.
/// </summary>
[TestClass]
public sealed class OnlineBoutiqueTests
{
    private static string Root => TestPaths.InShared("testdata", "real-world", "online-boutique");

    /// <summary>Layouts linted as written, each a set of folders of the app analyzed together.</summary>
    private static readonly Dictionary<string, string[]> Layouts = new(StringComparer.Ordinal)
    {
        ["kubernetes-manifests"] = ["kubernetes-manifests"],
        ["release"] = ["release"],
        ["kustomize base + network-policies component"] = ["kustomize/base", "kustomize/components/network-policies"],
        ["kustomize base"] = ["kustomize/base"],
    };

    /// <summary>Layouts rendered by `kubectl kustomize`: the kustomization folders to render, as one overlay.</summary>
    private static readonly Dictionary<string, (string[] Resources, string[] Components)> RenderedLayouts = new(StringComparer.Ordinal)
    {
        ["kubernetes-manifests"] = (["kubernetes-manifests"], []),
        ["kustomize base"] = (["kustomize/base"], []),
        ["kustomize base + network-policies component"] = (["kustomize/base"], ["kustomize/components/network-policies"]),
    };

    public static IEnumerable<TestDataRow<string>> LayoutNames => Layouts.Keys.Select(k => new TestDataRow<string>(k) { DisplayName = $"as written: {k}" });

    public static IEnumerable<TestDataRow<string>> RenderedLayoutNames => RenderedLayouts.Keys.Select(k => new TestDataRow<string>(k) { DisplayName = $"rendered by kubectl kustomize: {k}" });

    [TestMethod]
    [DynamicData(nameof(LayoutNames))]
    public void No_rule_finds_a_problem_in_the_manifests_as_written(string layout)
    {
        var result = Lint(new LintRequest { Paths = Layouts[layout], BaseDirectory = Root });

        AssertClean(result, layout);
    }

    [TestMethod]
    [DynamicData(nameof(RenderedLayoutNames))]
    public void No_rule_finds_a_problem_in_the_manifests_kustomize_renders(string layout)
    {
        var kubectl = FindOnPath("kubectl");
        if (kubectl is null)
        {
            Assert.Inconclusive("kubectl is not installed; the rendered layouts cannot be produced.");
            return;
        }

        var (resources, components) = RenderedLayouts[layout];
        var overlay = Directory.CreateTempSubdirectory("manifestlint-boutique-");
        try
        {
            // kustomize only accepts relative paths to other kustomizations, and the shared folder is read-only.
            string Relative(string folder) => Path.GetRelativePath(overlay.FullName, Path.Combine(Root, folder)).Replace('\\', '/');
            File.WriteAllText(Path.Combine(overlay.FullName, "kustomization.yaml"),
                "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n" +
                "resources:\n" + string.Concat(resources.Select(r => $"- {Relative(r)}\n")) +
                (components.Length == 0 ? "" : "components:\n" + string.Concat(components.Select(c => $"- {Relative(c)}\n"))));
            var rendered = Render(kubectl, overlay.FullName);

            var result = Lint(new LintRequest { Paths = ["-"], StandardInput = Encoding.UTF8.GetBytes(rendered), BaseDirectory = Root });

            AssertClean(result, layout + " (rendered)");
        }
        finally
        {
            overlay.Delete(recursive: true);
        }
    }

    private static AnalysisResult Lint(LintRequest request)
    {
        // An explicit empty configuration and no .editorconfig: every rule at its default severity, whatever lies around.
        return LintRunner.Run(request with { ConfigPath = FixtureWorkspace.EmptyConfigPath.Value, UseEditorConfig = false }, RuleCatalog.CreateEngine()).Result;
    }

    private static void AssertClean(AnalysisResult result, string layout)
    {
        // The app was really analyzed: all eleven services' Deployments and Services are there.
        Assert.IsGreaterThanOrEqualTo(11, result.Index.OfKind("Deployment").Count, $"{layout}: the Deployments were not loaded");
        Assert.IsGreaterThanOrEqualTo(11, result.Index.OfKind("Service").Count, $"{layout}: the Services were not loaded");
        Assert.IsGreaterThan(CoreRules.All.Count, result.RulesRun.Count, $"{layout}: no catalogue rule ran");

        var crossResource = result.Diagnostics.Where(d => d.Rule.IsCrossResource).ToList();
        var warningsOrErrors = result.Diagnostics.Where(d => d.Severity >= Severity.Warning && !IsSkaffoldPlaceholderImage(layout, d)).ToList();
        var found = string.Join("\n", result.Diagnostics.Select(d => $"  {d.Id} {d.Severity} {d.Location}: {d.Message}"));
        Assert.IsEmpty(crossResource, $"{layout}: a cross-resource rule fired on a correct app:\n{found}");
        Assert.IsEmpty(warningsOrErrors, $"{layout}: warnings or errors on a correct app:\n{found}");
    }

    /// <summary>
    /// kubernetes-manifests/ is skaffold's input: its README says the images there are bare names (<c>image: frontend</c>)
    /// that skaffold replaces with tagged builds. Applied as written they would pull ':latest', which is what ML3001
    /// reports, and all it may report there.
    /// </summary>
    private static bool IsSkaffoldPlaceholderImage(string layout, Diagnostic diagnostic) =>
        layout.StartsWith("kubernetes-manifests", StringComparison.Ordinal) && diagnostic.Id == "ML3001" && diagnostic.Message.Contains("has no tag", StringComparison.Ordinal);

    private static string Render(string kubectl, string directory)
    {
        var start = new ProcessStartInfo(kubectl, ["kustomize", directory])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("kubectl kustomize did not finish");
        }

        Assert.AreEqual(0, process.ExitCode, $"kubectl kustomize {directory} failed: {stderr.Result}");
        return stdout.Result;
    }

    private static string? FindOnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(dir => OperatingSystem.IsWindows() ? [Path.Combine(dir, tool + ".exe")] : new[] { Path.Combine(dir, tool) })
            .FirstOrDefault(File.Exists);
}
