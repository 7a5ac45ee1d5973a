using ManifestLint.Core.Loading;
using ManifestLint.Core.Yaml;

namespace ManifestLint.Cli.Tests;

/// <summary>The GitHub Action (action.yml) and the pre-commit hook (.pre-commit-hooks.yaml) at the repository root.</summary>
[TestClass]
public sealed class RepositoryIntegrationTests
{
    private static MappingNode Read(string file)
    {
        var stream = YamlStreamReader.Read(File.ReadAllText(TestPaths.InRepository(file)));
        Assert.IsEmpty(stream.Problems, string.Join("\n", stream.Problems.Select(p => p.Message)));
        return stream.Documents.Single().Root as MappingNode ?? throw new AssertFailedException($"{file} is not a mapping");
    }

    [TestMethod]
    public void TheActionInstallsDotnet10AndTheTool_LintsToSarif_AndUploadsIt()
    {
        var action = Read("action.yml");
        var steps = action.SequenceAt("runs", "steps")!.Mappings().ToList();

        Assert.AreEqual("composite", action.StringAt("runs", "using"));
        Assert.AreEqual("10.0.x", steps.Single(s => s.StringAt("uses") == "actions/setup-dotnet@v4").StringAt("with", "dotnet-version"));
        StringAssert.Contains(steps.Single(s => s.StringAt("name") == "Install ManifestLint").StringAt("run"), "dotnet tool install ManifestLint.Tool");
        var lint = steps.Single(s => s.StringAt("id") == "lint").StringAt("run")!;
        StringAssert.Contains(lint, "dotnet-manifest-lint");
        StringAssert.Contains(lint, "--format sarif --output \"$SARIF_FILE\"");
        var upload = steps.Single(s => s.StringAt("uses") == "github/codeql-action/upload-sarif@v3");
        Assert.AreEqual("${{ inputs.sarif-file }}", upload.StringAt("with", "sarif_file"));
        StringAssert.Contains(upload.StringAt("if"), "!cancelled()", "findings must not skip the upload");
        Assert.AreEqual("${{ steps.lint.outputs.exit-code != '0' }}", steps[^1].StringAt("if"), "the step fails after the upload");
    }

    [TestMethod]
    public void TheActionIsWhatInitTellsWorkflowsToUse()
    {
        var inputs = Read("action.yml").MappingAt("inputs")!;

        StringAssert.Contains(InitCommand.WorkflowSnippet, "uses: " + InitCommand.ActionReference);
        Assert.IsNotNull(inputs.Get("path"), "the snippet sets 'path'");
    }

    [TestMethod]
    public void ThePreCommitHookLintsTheWholeRepositoryWhenAManifestChanges()
    {
        var stream = YamlStreamReader.Read(File.ReadAllText(TestPaths.InRepository(".pre-commit-hooks.yaml")));
        var hook = (stream.Documents.Single().Root as SequenceNode)!.Mappings().Single();

        Assert.AreEqual("manifest-lint", hook.StringAt("id"));
        Assert.AreEqual("dotnet manifest-lint", hook.StringAt("entry"));
        Assert.AreEqual("false", hook.StringAt("pass_filenames"), "a cross-resource linter needs every file, not the staged ones");
        Assert.AreEqual(@"\.(ya?ml|json)$", hook.StringAt("files"));
    }
}
