using System.Globalization;
using System.Runtime;

namespace ManifestLint.Benchmarks;

public sealed record ScaleOptions(IReadOnlyList<int> Apps, int Runs, string CorpusDirectory, string CliDll, string Format, string? BaselineCliDll = null);

/// <summary>
/// Whole-process figures, all from one run so that machine load affects every figure alike: for each corpus size,
/// the parse floors and the CLI end to end as child processes (alternating, median of several runs, after a warm-up
/// that also fills the page cache), the CLI's own phase timings (--stats), its peak memory, and the time to lint a
/// single file. With a baseline build, both builds are linted in the same rounds. Prints the issue's targets as ratios.
/// </summary>
public static class ScalingHarness
{
    private const long MemoryAllowanceBytes = 100L << 20;
    private const int MemoryFactor = 8;

    /// <summary>
    /// One way to parse the same files with the same parser. The linter is compared with the fastest: a floor that
    /// runs slower on two cores than on one (YamlDotNet as shipped does) must not make the linter look close to it.
    /// </summary>
    private sealed record FloorKind(string Name, int Processes, int ThreadsEach, bool BuildersPerThread);

    private sealed record Build(string Name, string CliDll);

    private sealed record LintRow(Build Build, ProcessMeasurement Lint, IReadOnlyDictionary<string, double> Phases, TimeSpan OneFile);

    private sealed record Row(Corpus Corpus, IReadOnlyList<(FloorKind Kind, TimeSpan Median)> Floors, IReadOnlyList<LintRow> Lints, string LoadAverage)
    {
        public (FloorKind Kind, TimeSpan Median) Fastest => Floors.MinBy(f => f.Median);

        public TimeSpan SingleThread => Floors[0].Median;
    }

    public static int Run(ScaleOptions options)
    {
        var self = typeof(ScalingHarness).Assembly.Location;
        var dotnet = DotnetHost();
        var cores = Environment.ProcessorCount;
        FloorKind[] floorKinds =
        [
            new("1 thread", 1, 1, false),
            new($"{cores} threads", 1, cores, false),
            new($"{cores} threads, builders per thread", 1, cores, true),
            new($"{cores} processes", cores, 1, false),
        ];
        var builds = new List<Build> { new(options.BaselineCliDll is null ? "lint" : "after", options.CliDll) };
        if (options.BaselineCliDll is { } baseline)
        {
            builds.Insert(0, new Build("before", baseline));
        }

        Console.WriteLine($"machine: {cores} cores, load average {LoadAverage()}, .NET {Environment.Version}, " +
                          $"floors with server GC {GCSettings.IsServerGC}, peak memory from {(ChildProcess.HasGnuTime ? "/usr/bin/time (getrusage)" : "/proc VmHWM polling")}");
        foreach (var build in builds)
        {
            Console.WriteLine($"CLI {build.Name}: {build.CliDll} ({CollectorOf(build.CliDll)})");
        }

        Console.WriteLine($"output format {options.Format}; {options.Runs} runs per figure (median), after one warm-up run; floors and builds alternate within each run");

        var corpora = options.Apps.Select(n => Corpus.Ensure(options.CorpusDirectory, n)).ToList();
        var output = Path.Combine(Path.GetTempPath(), $"manifestlint-bench-{Environment.ProcessId}.out");
        var oneFile = Directory.EnumerateFiles(corpora[0].ManifestRoot, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal).First();
        var oneFileRuns = builds.ToDictionary(b => b, b => Median(options.Runs + 2, () => Lint(dotnet, b, options, oneFile, output, corpora[0].Directory)).Wall);

        var rows = new List<Row>();
        foreach (var corpus in corpora)
        {
            var floors = floorKinds.ToDictionary(k => k, _ => new List<TimeSpan>());
            var lints = builds.ToDictionary(b => b, _ => new List<ProcessMeasurement>());
            for (var i = 0; i <= options.Runs; i++)
            {
                foreach (var kind in floorKinds)
                {
                    var wall = Floor(dotnet, self, corpus, kind);
                    if (i > 0)
                    {
                        floors[kind].Add(wall);
                    }
                }

                foreach (var build in builds)
                {
                    var lint = Lint(dotnet, build, options, corpus.ManifestRoot, output, corpus.Directory);
                    if (i > 0)
                    {
                        lints[build].Add(lint);
                    }
                }
            }

            var lintRows = builds.Select(b =>
            {
                var median = MedianOf(lints[b]);
                return new LintRow(b, median with { PeakRssBytes = lints[b].Max(l => l.PeakRssBytes) }, Phases(median.StandardError), oneFileRuns[b]);
            }).ToList();
            rows.Add(new Row(corpus, [.. floorKinds.Select(k => (k, floors[k].Order().ElementAt(floors[k].Count / 2)))], lintRows, LoadAverage()));
        }

        File.Delete(output);
        Print(rows, floorKinds);
        Console.WriteLine($"load average after: {LoadAverage()}");
        return 0;
    }

    private static void Print(List<Row> rows, FloorKind[] floorKinds)
    {
        Console.WriteLine();
        Console.WriteLine($"| apps | files | documents | MB | {string.Join(" | ", floorKinds.Select(k => $"floor {k.Name} s"))} | fastest | load average |");
        Console.WriteLine($"|---:|---:|---:|---:|{string.Concat(floorKinds.Select(_ => "---:|"))}---|---|");
        foreach (var row in rows)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {row.Corpus.Apps:N0} | {row.Corpus.Files:N0} | {row.Corpus.Documents:N0} | {row.Corpus.Bytes / 1048576.0:F1} | " +
                $"{string.Join(" | ", row.Floors.Select(f => f.Median.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture)))} | {row.Fastest.Kind.Name} | {row.LoadAverage} |"));
        }

        Console.WriteLine();
        Console.WriteLine("| apps | build | lint s | lint / fastest floor | lint / 1-thread floor | load | index | schema | rules | output | peak RSS MB | budget MB (8×input+100) |");
        Console.WriteLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            var budget = (MemoryFactor * row.Corpus.Bytes + MemoryAllowanceBytes) / 1048576.0;
            foreach (var lint in row.Lints)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {row.Corpus.Apps:N0} | {lint.Build.Name} | {lint.Lint.Wall.TotalSeconds:F2} | {lint.Lint.Wall / row.Fastest.Median:F2}× | {lint.Lint.Wall / row.SingleThread:F2}× | " +
                    $"{Phase(lint, "load time")} | {Phase(lint, "index time")} | {Phase(lint, "schema time")} | {Phase(lint, "rules time")} | {Phase(lint, "output time")} | " +
                    $"{lint.Lint.PeakRssBytes / 1048576.0:F0} | {budget:F0} |"));
            }
        }

        Console.WriteLine();
        foreach (var row in rows)
        {
            var budget = MemoryFactor * row.Corpus.Bytes + MemoryAllowanceBytes;
            foreach (var lint in row.Lints)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"N={row.Corpus.Apps:N0} {lint.Build.Name}: lint / 1-thread floor = {lint.Lint.Wall / row.SingleThread:F2} (target ≤ 1.5, stretch ≤ 1.0), " +
                    $"lint / fastest floor ({row.Fastest.Kind.Name}) = {lint.Lint.Wall / row.Fastest.Median:F2}; " +
                    $"peak memory = {lint.Lint.PeakRssBytes / (double)row.Corpus.Bytes:F1}× input = {lint.Lint.PeakRssBytes / (double)budget:F2} of the budget (target ≤ 1.0); " +
                    $"schema phase / 1-thread floor = {(lint.Phases.TryGetValue("schema time", out var schemaMs) ? schemaMs / row.SingleThread.TotalMilliseconds : double.NaN):F3} (target ≤ 0.5)"));
            }
        }

        for (var i = 1; i < rows.Count; i++)
        {
            var (small, large) = (rows[i - 1], rows[i]);
            var appsRatio = large.Corpus.Apps / (double)small.Corpus.Apps;
            for (var b = 0; b < large.Lints.Count; b++)
            {
                var (smallLint, largeLint) = (small.Lints[b], large.Lints[b]);
                var lintRatio = largeLint.Lint.Wall / smallLint.Lint.Wall;
                var adjusted = (largeLint.Lint.Wall - largeLint.OneFile) / (smallLint.Lint.Wall - smallLint.OneFile);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"scaling {small.Corpus.Apps:N0} → {large.Corpus.Apps:N0} apps ({appsRatio:F0}×), {largeLint.Build.Name}: lint {lintRatio:F2}× (target ≤ {appsRatio * 1.1:F0}×), " +
                    $"{adjusted:F2}× without the fixed start-up cost (one-file run); fastest floor {large.Fastest.Median / small.Fastest.Median:F2}×"));
            }
        }

        foreach (var lint in rows[0].Lints)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"one file end to end, {lint.Build.Name}: {lint.OneFile.TotalMilliseconds:F0} ms (target under 500 ms)"));
        }

        // The runtime's side (JIT, collections, allocation) of the median run at the largest size, as --stats printed it.
        foreach (var lint in rows[^1].Lints)
        {
            Console.WriteLine();
            Console.WriteLine($"--stats of the median {lint.Build.Name} run at {rows[^1].Corpus.Apps:N0} apps:");
            Console.WriteLine(lint.Lint.StandardError.TrimEnd());
        }
    }

    private static string Phase(LintRow row, string name) =>
        row.Phases.TryGetValue(name, out var ms) ? string.Create(CultureInfo.InvariantCulture, $"{ms / 1000:F2}") : "?";

    /// <summary>A floor's wall time: with several processes, from starting them all to the last one's exit.</summary>
    private static TimeSpan Floor(string dotnet, string self, Corpus corpus, FloorKind kind)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var processes = Enumerable.Range(0, kind.Processes).Select(part => Task.Run(() =>
        {
            List<string> arguments = [self, "floor", "--threads", kind.ThreadsEach.ToString(CultureInfo.InvariantCulture), "--part", $"{part}/{kind.Processes}"];
            if (kind.BuildersPerThread)
            {
                arguments.Add("--builders-per-thread");
            }

            arguments.Add(corpus.ManifestRoot);
            return Checked(ChildProcess.Run(dotnet, arguments), $"floor ({kind.Name})", 0);
        })).ToArray();
        Task.WaitAll(processes);
        return clock.Elapsed;
    }

    private static ProcessMeasurement Lint(string dotnet, Build build, ScaleOptions options, string path, string output, string workingDirectory) =>
        Checked(ChildProcess.Run(dotnet, [build.CliDll, path, "--format", options.Format, "--output", output, "--stats"], workingDirectory), $"lint ({build.Name})", 0, 1);

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
