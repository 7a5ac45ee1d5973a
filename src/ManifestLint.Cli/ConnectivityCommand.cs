using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using ManifestLint.Core.Configuration;
using ManifestLint.Core.Connectivity;
using ManifestLint.Core.Engine;

namespace ManifestLint.Cli;

/// <summary>
/// <c>connectivity PATH…</c>: which workloads may connect to which, and on what, under the input's NetworkPolicies
/// and Ingresses. The input is read exactly as the lint command reads it (same files, configuration and index);
/// no rule runs.
/// </summary>
public static class ConnectivityCommand
{
    public static Command Create(CliConsole console)
    {
        var paths = CommandInput.PathsArgument("analyze");
        var format = new Option<string>("--format", "-f")
        {
            Description = "txt (netpol-analyzer's list format), json, csv, md or dot",
            DefaultValueFactory = _ => "txt",
        };
        format.AcceptOnlyFromAmong([.. ConnectivityReportWriter.Formats]);
        var output = CommandInput.OutputFileOption();
        var ns = CommandInput.NamespaceOption();
        var config = CommandInput.ConfigOption();
        var stats = CommandInput.StatsOption();
        var command = new Command("connectivity", "List the connections NetworkPolicies and Ingresses allow between workloads (netpol-analyzer's list)")
        {
            paths, format, output, ns, config, stats,
        };
        command.SetAction(parse => Run(
            console, parse.GetValue(paths) ?? [], parse.GetValue(format)!, parse.GetValue(output), parse.GetValue(ns), parse.GetValue(config), parse.GetValue(stats)));
        return command;
    }

    private static int Run(CliConsole console, IReadOnlyList<string> paths, string format, string? outputPath, string? @namespace, string? configPath, bool stats) =>
        CommandInput.Guard(console, outputPath, () =>
        {
            var request = CommandInput.Request(console, paths, RepositoryRoot.Find(console.CurrentDirectory), configPath, @namespace);

            // No analyzers: the run loads and indexes the input as lint does, and reports only input problems.
            var outcome = LintRunner.Run(request, new AnalysisEngine([]));
            if (CommandInput.MissingPaths(console, outcome, paths) is { } missing)
            {
                throw new UsageException(missing);
            }

            foreach (var problem in outcome.Result.Active.Where(d => d.Severity >= Severity.Warning))
            {
                console.Error.WriteLine($"warning: {problem.Location}: {problem.Id} {problem.Message}");
            }

            var clock = Stopwatch.StartNew();
            var report = ConnectivityAnalyzer.Analyze(outcome.Result.Index);
            var analysisTime = clock.Elapsed;
            CommandInput.Write(console, outputPath, writer => ConnectivityReportWriter.Write(report, format, writer));
            if (stats)
            {
                var counts = outcome.Result.Statistics;
                console.Error.WriteLine($"files: {counts.Files}, resources: {counts.Resources}, pod templates: {counts.PodTemplates}, connections: {report.Rows.Count}");
                console.Error.WriteLine($"load time: {Ms(counts.LoadTime)}, index time: {Ms(counts.IndexTime)}, connectivity time: {Ms(analysisTime)}, output time: {Ms(clock.Elapsed - analysisTime)}");
            }

            return ExitCodes.Success;
        });

    private static string Ms(TimeSpan time) => time.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture) + " ms";
}
