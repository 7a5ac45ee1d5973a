using System.CommandLine;
using System.Text;
using ManifestLint.Core.Configuration;
using ManifestLint.Core.Engine;
using ManifestLint.Core.Graph;
using ManifestLint.Rules;

namespace ManifestLint.Cli;

/// <summary>
/// <c>graph PATH…</c>: the input's topology (Ingress → Service → workload, NetworkPolicy admissions, autoscalers and
/// disruption budgets, config references) as DOT, Mermaid or JSON. The input is read as the lint command reads it and
/// the rules run, so that broken edges carry the IDs of the findings that explain them.
/// </summary>
public static class GraphCommand
{
    public static Command Create(CliConsole console)
    {
        var paths = new Argument<string[]>("PATH")
        {
            Description = "Files or directories to read (directories are searched for *.yaml, *.yml, *.json), or - for standard input. Default: the current directory",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var format = new Option<string>("--format", "-f") { Description = "dot (Graphviz), mermaid or json", DefaultValueFactory = _ => "dot" };
        format.AcceptOnlyFromAmong([.. ResourceGraphWriter.Formats]);
        var output = new Option<string?>("--output", "-o") { Description = "Write to FILE instead of standard output", HelpName = "FILE" };
        var ns = new Option<string?>("--namespace", "-n") { Description = "Namespace of objects that do not set metadata.namespace (default: default)" };
        var config = new Option<string?>("--config") { Description = "A .manifestlint.yaml (default: the nearest one from the current directory up to the repository root)", HelpName = "FILE" };
        var command = new Command("graph", "Write the topology (routes, selections, admissions, scaling, config references) with broken references marked")
        {
            paths, format, output, ns, config,
        };
        command.SetAction(parse => Run(console, parse.GetValue(paths) ?? [], parse.GetValue(format)!, parse.GetValue(output), parse.GetValue(ns), parse.GetValue(config)));
        return command;
    }

    private static int Run(CliConsole console, IReadOnlyList<string> paths, string format, string? outputPath, string? @namespace, string? configPath)
    {
        var cwd = console.CurrentDirectory;
        try
        {
            var explicitConfig = configPath is null ? null : Path.GetFullPath(configPath, cwd);
            if (explicitConfig is not null && !File.Exists(explicitConfig))
            {
                throw new UsageException($"--config {configPath}: configuration file not found");
            }

            var inputs = paths.Count == 0 ? ["."] : paths;
            var request = new LintRequest
            {
                Paths = [.. inputs.Select(p => p == "-" ? p : Path.GetFullPath(p, cwd))],
                StandardInput = inputs.Contains("-") ? ReadAll(console.OpenStandardInput()) : null,
                BaseDirectory = RepositoryRoot.Find(cwd),
                ConfigPath = explicitConfig ?? RepositoryConfig.Discover(cwd),
                Namespace = @namespace,
            };

            var outcome = LintRunner.Run(request, RuleCatalog.CreateEngine());
            if (outcome.MissingPaths.Count > 0)
            {
                var typed = inputs.Where(p => p != "-").DistinctBy(p => Path.GetFullPath(p, cwd), StringComparer.Ordinal).ToDictionary(p => Path.GetFullPath(p, cwd), p => p, StringComparer.Ordinal);
                throw new UsageException(string.Join("; ", outcome.MissingPaths.Select(p => $"path not found: {typed.GetValueOrDefault(p, p)}")));
            }

            foreach (var problem in outcome.Result.Active.Where(d => d.Rule.Category == RuleCategories.Input && d.Severity >= Severity.Warning))
            {
                console.Error.WriteLine($"warning: {problem.Location}: {problem.Id} {problem.Message}");
            }

            var graph = ResourceGraph.Build(outcome.Result);
            if (outputPath is null)
            {
                ResourceGraphWriter.Write(graph, format, console.Out);
                console.Out.Flush();
            }
            else
            {
                var fullPath = Path.GetFullPath(outputPath, cwd);
                Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
                using var file = new StreamWriter(fullPath, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { NewLine = "\n" };
                ResourceGraphWriter.Write(graph, format, file);
            }

            return ExitCodes.Success;
        }
        catch (Exception ex) when (ex is UsageException or ConfigurationException)
        {
            console.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.UsageError;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            console.Error.WriteLine($"error: --output {outputPath}: cannot write the file: {ex.Message}");
            return ExitCodes.UsageError;
        }
    }

    private static byte[] ReadAll(Stream stream)
    {
        using (stream)
        {
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            return buffer.ToArray();
        }
    }
}
