using System.CommandLine;
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
        var paths = CommandInput.PathsArgument("read");
        var format = new Option<string>("--format", "-f") { Description = "dot (Graphviz), mermaid or json", DefaultValueFactory = _ => "dot" };
        format.AcceptOnlyFromAmong([.. ResourceGraphWriter.Formats]);
        var output = CommandInput.OutputFileOption();
        var ns = CommandInput.NamespaceOption();
        var config = CommandInput.ConfigOption();
        var command = new Command("graph", "Write the topology (routes, selections, admissions, scaling, config references) with broken references marked")
        {
            paths, format, output, ns, config,
        };
        command.SetAction(parse => Run(console, parse.GetValue(paths) ?? [], parse.GetValue(format)!, parse.GetValue(output), parse.GetValue(ns), parse.GetValue(config)));
        return command;
    }

    private static int Run(CliConsole console, IReadOnlyList<string> paths, string format, string? outputPath, string? @namespace, string? configPath) =>
        CommandInput.Guard(console, outputPath, () =>
        {
            var request = CommandInput.Request(console, paths, RepositoryRoot.Find(console.CurrentDirectory), configPath, @namespace);
            var outcome = LintRunner.Run(request, RuleCatalog.RegistryFor);
            if (CommandInput.MissingPaths(console, outcome, paths) is { } missing)
            {
                throw new UsageException(missing);
            }

            foreach (var problem in outcome.Result.Active.Where(d => d.Rule.Category == RuleCategories.Input && d.Severity >= Severity.Warning))
            {
                console.Error.WriteLine($"warning: {problem.Location}: {problem.Id} {problem.Message}");
            }

            var graph = ResourceGraph.Build(outcome.Result);
            CommandInput.Write(console, outputPath, writer => ResourceGraphWriter.Write(graph, format, writer));
            return ExitCodes.Success;
        });
}
