using System.CommandLine;
using System.Text;
using ManifestLint.Core.Configuration;
using ManifestLint.Core.Engine;
using ManifestLint.Rules;

namespace ManifestLint.Cli;

/// <summary>
/// <c>init</c>: writes a commented <c>.manifestlint.yaml</c> at the repository root from what the manifests show
/// (units, unknown operators, undeclared objects; see <see cref="StarterConfig"/>), and prints the workflow that runs
/// the linter on GitHub. It never overwrites a configuration someone wrote, unless told to with --force.
/// </summary>
public static class InitCommand
{
    /// <summary>The composite action at this repository's root (action.yml), as a workflow refers to it.</summary>
    public const string ActionReference = "manifestlint/manifestlint@v1";

    public static Command Create(CliConsole console)
    {
        var force = new Option<bool>("--force") { Description = "Overwrite an existing .manifestlint.yaml" };
        var command = new Command("init", "Write a commented .manifestlint.yaml for this repository and print a GitHub workflow that runs the linter") { force };
        command.SetAction(parse => Run(console, parse.GetValue(force)));
        return command;
    }

    private static int Run(CliConsole console, bool force)
    {
        var root = RepositoryRoot.Find(console.CurrentDirectory);
        var path = Path.Combine(root, RepositoryConfig.FileName);
        if (File.Exists(path) && !force)
        {
            console.Error.WriteLine($"error: {Display(path, console)} already exists; run with --force to replace it");
            return ExitCodes.UsageError;
        }

        // The repository as a lint run from its root sees it (with the configuration being replaced, under --force).
        var outcome = LintRunner.Run(new LintRequest { Paths = [root], BaseDirectory = root, ConfigPath = null }, RuleCatalog.CreateEngine());
        var starter = StarterConfig.From(outcome.Result);
        File.WriteAllText(path, starter.Render(CliApp.CommandName), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));

        console.Out.WriteLine($"Wrote {Display(path, console)}: {starter.Units.Count} deployment units, "
            + $"{starter.UnknownPodOwners.Count} unknown custom resource kinds, {starter.Unresolved.Count} undeclared objects (all suggestions commented out).");
        console.Out.WriteLine();
        console.Out.WriteLine("To lint every pull request on GitHub, add .github/workflows/manifestlint.yml:");
        console.Out.WriteLine();
        console.Out.Write(WorkflowSnippet);
        return ExitCodes.Success;
    }

    public static string WorkflowSnippet => $$"""
        name: manifests
        on: [push, pull_request]
        jobs:
          manifestlint:
            runs-on: ubuntu-latest
            permissions:
              contents: read
              security-events: write          # upload the SARIF to code scanning
            steps:
              - uses: actions/checkout@v4
              - uses: {{ActionReference}}
                with:
                  path: .                     # files or folders to lint

        """.Replace("\r\n", "\n", StringComparison.Ordinal);

    private static string Display(string path, CliConsole console) =>
        Path.GetRelativePath(console.CurrentDirectory, path).Replace('\\', '/');
}
