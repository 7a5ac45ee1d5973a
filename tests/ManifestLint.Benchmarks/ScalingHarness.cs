using System.Globalization;
using System.Runtime;

namespace ManifestLint.Benchmarks;

public sealed record ScaleOptions(IReadOnlyList<int> Apps, int Runs, string CorpusDirectory, string CliDll, string Format);

/// <summary>
/// Whole-process figures, all from one run so that machine load affects every figure alike: for each corpus size,
/// the parse floor and the CLI end to end as child processes (alternating, median of several runs, after a warm-up
/// that also fills the page cache), the CLI's own phase timings (--stats), its peak memory, and the time to lint a
/// single file. Prints the issue's targets as ratios.
/// </summary>
public static class ScalingHarness
{
    private const long MemoryAllowanceBytes = 100L << 20;
    private const int MemoryFactor = 8;

    private sealed record Row(Corpus Corpus, ProcessMeasurement Floor, ProcessMeasurement Lint, IReadOnlyDictionary<string, double> Phases);

    public static int Run(ScaleOptions options)
    {
        var self = typeof(ScalingHarness).Assembly.Location;
        var dotnet = DotnetHost();
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load average {LoadAverage()}, .NET {Environment.Version}, " +
                          $"floor with server GC {GCSettings.IsServerGC}, peak memory from {(ChildProcess.HasGnuTime ? "/usr/bin/time (getrusage)" : "/proc VmHWM polling")}");
        Console.WriteLine($"CLI: {options.CliDll} ({CollectorOf(options.CliDll)}); output format {options.Format}; {options.Runs} runs per figure (median), after one warm-up run");

        var corpora = options.Apps.Select(n => Corpus.Ensure(options.CorpusDirectory, n)).ToList();
        var output = Path.Combine(Path.GetTempPath(), $"manifestlint-bench-{Environment.ProcessId}.out");
        var oneFile = Directory.EnumerateFiles(corpora[0].ManifestRoot, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal).First();
        var oneFileRun = Median(options.Runs + 2, () => Lint(dotnet, options, oneFile, output, corpora[0].Directory));

        var rows = new List<Row>();
        foreach (var corpus in corpora)
        {
            Floor(dotnet, self, corpus);
            Lint(dotnet, options, corpus.ManifestRoot, output, corpus.Directory);
            var floors = new List<ProcessMeasurement>();
            var lints = new List<ProcessMeasurement>();
            for (var i = 0; i < options.Runs; i++)
            {
                floors.Add(Floor(dotnet, self, corpus));
                lints.Add(Lint(dotnet, options, corpus.ManifestRoot, output, corpus.Directory));
            }

            var lint = MedianOf(lints);
            rows.Add(new Row(corpus, MedianOf(floors), lint with { PeakRssBytes = lints.Max(l => l.PeakRssBytes) }, Phases(lint.StandardError)));
        }

        File.Delete(output);
        Print(rows, oneFileRun);
        Console.WriteLine($"load average after: {LoadAverage()}");
        return 0;
    }

    private static void Print(List<Row> rows, ProcessMeasurement oneFile)
    {
        Console.WriteLine();
        Console.WriteLine("| apps | files | documents | MB | floor s | lint s | lint/floor | load | index | schema | rules | output | peak RSS MB | budget MB (8×input+100) |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            var megabytes = row.Corpus.Bytes / 1048576.0;
            var budget = (MemoryFactor * row.Corpus.Bytes + MemoryAllowanceBytes) / 1048576.0;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {row.Corpus.Apps:N0} | {row.Corpus.Files:N0} | {row.Corpus.Documents:N0} | {megabytes:F1} | {row.Floor.Wall.TotalSeconds:F2} | {row.Lint.Wall.TotalSeconds:F2} | " +
                $"{row.Lint.Wall / row.Floor.Wall:F2}× | {Phase(row, "load time")} | {Phase(row, "index time")} | {Phase(row, "schema time")} | {Phase(row, "rules time")} | {Phase(row, "output time")} | " +
                $"{row.Lint.PeakRssBytes / 1048576.0:F0} | {budget:F0} |"));
        }

        Console.WriteLine();
        foreach (var row in rows)
        {
            var budget = MemoryFactor * row.Corpus.Bytes + MemoryAllowanceBytes;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"N={row.Corpus.Apps:N0}: end-to-end / floor = {row.Lint.Wall / row.Floor.Wall:F2} (target ≤ 2.0); " +
                $"peak memory = {row.Lint.PeakRssBytes / (double)row.Corpus.Bytes:F1}× input = {row.Lint.PeakRssBytes / (double)budget:F2} of the budget (target ≤ 1.0); " +
                $"schema phase / floor = {(row.Phases.TryGetValue("schema time", out var schemaMs) ? schemaMs / row.Floor.Wall.TotalMilliseconds : double.NaN):F3} (target ≤ 0.5)"));
        }

        for (var i = 1; i < rows.Count; i++)
        {
            var (small, large) = (rows[i - 1], rows[i]);
            var appsRatio = large.Corpus.Apps / (double)small.Corpus.Apps;
            var lintRatio = large.Lint.Wall / small.Lint.Wall;
            var adjusted = (large.Lint.Wall - oneFile.Wall) / (small.Lint.Wall - oneFile.Wall);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"scaling {small.Corpus.Apps:N0} → {large.Corpus.Apps:N0} apps ({appsRatio:F0}×): lint {lintRatio:F2}× (target ≤ {appsRatio * 1.1:F0}×), " +
                $"{adjusted:F2}× without the fixed start-up cost (one-file run); floor {large.Floor.Wall / small.Floor.Wall:F2}×"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"one file end to end: {oneFile.Wall.TotalMilliseconds:F0} ms (target well under 500 ms)"));
    }

    private static string Phase(Row row, string name) =>
        row.Phases.TryGetValue(name, out var ms) ? string.Create(CultureInfo.InvariantCulture, $"{ms / 1000:F2}") : "?";

    private static ProcessMeasurement Floor(string dotnet, string self, Corpus corpus) =>
        Checked(ChildProcess.Run(dotnet, [self, "floor", corpus.ManifestRoot]), "floor", 0);

    private static ProcessMeasurement Lint(string dotnet, ScaleOptions options, string path, string output, string workingDirectory) =>
        Checked(ChildProcess.Run(dotnet, [options.CliDll, path, "--format", options.Format, "--output", output, "--stats"], workingDirectory), "lint", 0, 1);

    private static ProcessMeasurement Checked(ProcessMeasurement measurement, string what, params int[] expectedExitCodes) =>
        expectedExitCodes.Contains(measurement.ExitCode)
            ? measurement
            : throw new InvalidOperationException($"{what} exited with {measurement.ExitCode}: {measurement.StandardError}");

    private static ProcessMeasurement Median(int runs, Func<ProcessMeasurement> run)
    {
        run();
        return MedianOf([.. Enumerable.Range(0, runs).Select(_ => run())]);
    }

    private static ProcessMeasurement MedianOf(List<ProcessMeasurement> runs) => runs.OrderBy(r => r.Wall).ElementAt(runs.Count / 2);

    /// <summary>"load time: 123.4 ms" lines that --stats writes to standard error.</summary>
    private static Dictionary<string, double> Phases(string stderr)
    {
        var phases = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in stderr.Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line.TrimEnd().EndsWith(" ms", StringComparison.Ordinal) &&
                double.TryParse(line[(colon + 1)..].Trim()[..^3], NumberStyles.Float, CultureInfo.InvariantCulture, out var ms))
            {
                phases[line[..colon].Trim()] = ms;
            }
        }

        return phases;
    }

    /// <summary>The garbage collector the CLI's runtimeconfig.json asks for: it decides much of a large run's time and memory.</summary>
    private static string CollectorOf(string cliDll)
    {
        var config = Path.ChangeExtension(cliDll, ".runtimeconfig.json");
        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(config));
            var properties = json.RootElement.GetProperty("runtimeOptions").TryGetProperty("configProperties", out var p) ? p : default;
            var server = properties.ValueKind == System.Text.Json.JsonValueKind.Object && properties.TryGetProperty("System.GC.Server", out var s) && s.GetBoolean();
            return server ? "server GC" : "workstation GC";
        }
        catch (Exception ex) when (ex is IOException or System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return "GC mode unknown";
        }
    }

    public static string LoadAverage()
    {
        try
        {
            return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
}
