using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
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
        var paths = new Argument<string[]>("PATH")
        {
            Description = "Files or directories to analyze (directories are searched for *.yaml, *.yml, *.json), or - for standard input. Default: the current directory",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var format = new Option<string>("--format", "-f")
        {
            Description = "txt (netpol-analyzer's list format), json, csv, md or dot",
            DefaultValueFactory = _ => "txt",
        };
        format.AcceptOnlyFromAmong([.. ConnectivityReportWriter.Formats]);
        var output = new Option<string?>("--output", "-o") { Description = "Write to FILE instead of standard output", HelpName = "FILE" };
        var ns = new Option<string?>("--namespace", "-n") { Description = "Namespace of objects that do not set metadata.namespace (default: default)" };
        var config = new Option<string?>("--config") { Description = "A .manifestlint.yaml (default: the nearest one from the current directory up to the repository root)", HelpName = "FILE" };
        var stats = new Option<bool>("--stats") { Description = "Print counts and phase timings to standard error" };
        var command = new Command("connectivity", "List the connections NetworkPolicies and Ingresses allow between workloads (netpol-analyzer's list)")
        {
            paths, format, output, ns, config, stats,
        };
        command.SetAction(parse => Run(
            console, parse.GetValue(paths) ?? [], parse.GetValue(format)!, parse.GetValue(output), parse.GetValue(ns), parse.GetValue(config), parse.GetValue(stats)));
        return command;
    }

    private static int Run(CliConsole console, IReadOnlyList<string> paths, string format, string? outputPath, string? @namespace, string? configPath, bool stats)
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

            // No analyzers: the run loads and indexes the input as lint does, and reports only input problems.
            var outcome = LintRunner.Run(request, new AnalysisEngine([]));
            if (outcome.MissingPaths.Count > 0)
            {
                // Say it with the path as typed, not the absolute path the runner was given.
                var typed = inputs.Where(p => p != "-").DistinctBy(p => Path.GetFullPath(p, cwd), StringComparer.Ordinal).ToDictionary(p => Path.GetFullPath(p, cwd), p => p, StringComparer.Ordinal);
                throw new UsageException(string.Join("; ", outcome.MissingPaths.Select(p => $"path not found: {typed.GetValueOrDefault(p, p)}")));
            }

            foreach (var problem in outcome.Result.Active.Where(d => d.Severity >= Severity.Warning))
            {
                console.Error.WriteLine($"warning: {problem.Location}: {problem.Id} {problem.Message}");
            }

            var clock = Stopwatch.StartNew();
            var report = ConnectivityAnalyzer.Analyze(outcome.Result.Index);
            var analysisTime = clock.Elapsed;
            if (outputPath is null)
            {
                ConnectivityReportWriter.Write(report, format, console.Out);
                console.Out.Flush();
            }
            else
            {
                var fullPath = Path.GetFullPath(outputPath, cwd);
                Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
                using var file = new StreamWriter(fullPath, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { NewLine = "\n" };
                ConnectivityReportWriter.Write(report, format, file);
            }

            if (stats)
            {
                var counts = outcome.Result.Statistics;
                console.Error.WriteLine($"files: {counts.Files}, resources: {counts.Resources}, pod templates: {counts.PodTemplates}, connections: {report.Rows.Count}");
                console.Error.WriteLine($"load time: {Ms(counts.LoadTime)}, index time: {Ms(counts.IndexTime)}, connectivity time: {Ms(analysisTime)}, output time: {Ms(clock.Elapsed - analysisTime)}");
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

    private static string Ms(TimeSpan time) => time.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture) + " ms";

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
