using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using ManifestLint.Benchmarks;

return BenchmarkCli.Run(args);

/// <summary>
/// dotnet run -c Release --project tests/ManifestLint.Benchmarks -- COMMAND
///   scale [--apps 1000,10000] [--runs 3] [--corpus DIR] [--cli PATH | --r2r] [--baseline PATH] [--format sarif]
///                                                                                       whole-process ratios (README "Performance")
///   phases [--apps 1000] [--corpus DIR] [BenchmarkDotNet options]                       in-process phase benchmarks
///   pathological [--apps 1000] [--runs 5]                                               rules time at n and 4n in one namespace
///   floor [--threads N] [--part I/N] [--builders-per-thread] DIR                         one parse floor (run by scale)
/// </summary>
internal static class BenchmarkCli
{
    private const string Usage = """
        usage: ManifestLint.Benchmarks scale [--apps 1000,10000] [--runs 3] [--corpus DIR] [--cli PATH | --r2r] [--baseline PATH] [--format sarif|text]
               ManifestLint.Benchmarks phases [--apps 1000] [--corpus DIR] [BenchmarkDotNet options, e.g. --filter *Load*]
               ManifestLint.Benchmarks pathological [--apps 1000] [--runs 5]
               ManifestLint.Benchmarks floor [--threads N] [--part I/N] [--builders-per-thread] DIR
        """;

    public static int Run(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        var rest = args[1..].ToList();
        var corpus = Take(rest, "--corpus") ?? Path.Combine(Path.GetTempPath(), "manifestlint-bench");
        switch (args[0])
        {
            case "scale":
                var apps = (Take(rest, "--apps") ?? "1000,10000").Split(',').Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToList();
                var runs = int.Parse(Take(rest, "--runs") ?? "3", CultureInfo.InvariantCulture);
                var cli = Take(rest, "--cli") ?? (rest.Remove("--r2r") ? CliBuild.PublishReadyToRun() : CliBuild.BesideHarness);
                var format = Take(rest, "--format") ?? "sarif";
                var baseline = Take(rest, "--baseline") is { } before ? Path.GetFullPath(before) : null;
                return ScalingHarness.Run(new ScaleOptions(apps, runs, corpus, Path.GetFullPath(cli), format, baseline));
            case "phases":
                PhaseBenchmarks.CorpusDirectory = corpus;
                PhaseBenchmarks.AppCounts = [.. (Take(rest, "--apps") ?? "1000").Split(',').Select(a => int.Parse(a, CultureInfo.InvariantCulture))];

                // In process, so that the corpus settings above reach the benchmarks and nothing is rebuilt offline.
                var job = Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(2).WithIterationCount(8);
                var config = DefaultConfig.Instance.AddJob(job)
                    .WithArtifactsPath(Path.Combine(Path.GetTempPath(), "manifestlint-bdn")); // never inside the checkout
                BenchmarkSwitcher.FromTypes([typeof(PhaseBenchmarks)]).Run(rest.Count == 0 ? ["--filter", "*"] : [.. rest], config);
                return 0;
            case "pathological":
                return PathologicalHarness.Run(int.Parse(Take(rest, "--apps") ?? "1000", CultureInfo.InvariantCulture), int.Parse(Take(rest, "--runs") ?? "5", CultureInfo.InvariantCulture));
            case "floor":
                var threads = int.Parse(Take(rest, "--threads") ?? Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
                var part = (Take(rest, "--part") ?? "0/1").Split('/').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
                var perThread = rest.Remove("--builders-per-thread");
                if (rest.Count != 1)
                {
                    goto default;
                }

                var result = ParseFloor.Run(ParseFloor.FindManifests(rest[0]), new ParseFloor.Settings(threads, perThread, part[0], part[1]));
                Console.WriteLine($"{result.Files} files, {result.Bytes} characters, {result.Events} events, {result.Errors} with syntax errors; " +
                                  $"{threads} threads, YamlDotNet's builders {(perThread ? "per thread" : "shared, as shipped")}");
                return 0;
            default:
                Console.Error.WriteLine(Usage);
                return 2;
        }
    }

    /// <summary>Removes "--name value" from the arguments and returns the value, so the rest can go to BenchmarkDotNet.</summary>
    private static string? Take(List<string> args, string name)
    {
        var at = args.IndexOf(name);
        if (at < 0 || at + 1 >= args.Count)
        {
            return null;
        }

        var value = args[at + 1];
        args.RemoveRange(at, 2);
        return value;
    }
}
