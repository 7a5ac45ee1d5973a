using System.Diagnostics;
using System.Globalization;
using ManifestLint.CorpusGenerator;

return CorpusCli.Run(args);

/// <summary>
/// dotnet run --project tests/ManifestLint.CorpusGenerator -- --apps 1000 --out /tmp/corpus [--seed 42] [--fault-rate 0.02]
///     [--namespaces N] [--files-per-folder N] [--verify]
/// With --verify and no --apps, verifies an existing corpus; with both, generates and then verifies.
/// </summary>
internal static class CorpusCli
{
    private const string Usage =
        "usage: ManifestLint.CorpusGenerator --out DIR [--apps N] [--seed N] [--fault-rate R] [--namespaces N] [--files-per-folder N] [--verify]";

    public static int Run(string[] args)
    {
        try
        {
            var parsed = Parse(args);
            if (parsed.Out is null || (parsed.Apps is null && !parsed.Verify))
            {
                Console.Error.WriteLine(Usage);
                return 2;
            }

            if (parsed.Apps is { } apps)
            {
                var options = new CorpusOptions(parsed.Out, apps, parsed.Seed, parsed.FaultRate, parsed.Namespaces, parsed.FilesPerFolder);
                Generate(options);
            }

            return parsed.Verify ? VerifyAndReport(parsed.Out) : 0;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or IOException or InvalidDataException)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            Console.Error.WriteLine(Usage);
            return 2;
        }
    }

    private sealed record Arguments(
        string? Out, int? Apps, int Seed = 42, double FaultRate = 0.02, int Namespaces = 0, int FilesPerFolder = 10, bool Verify = false);

    private static Arguments Parse(string[] args)
    {
        var result = new Arguments(null, null);
        for (var i = 0; i < args.Length; i++)
        {
            result = args[i] switch
            {
                "--out" => result with { Out = Value(args, ref i) },
                "--apps" => result with { Apps = int.Parse(Value(args, ref i), CultureInfo.InvariantCulture) },
                "--seed" => result with { Seed = int.Parse(Value(args, ref i), CultureInfo.InvariantCulture) },
                "--fault-rate" => result with { FaultRate = double.Parse(Value(args, ref i), CultureInfo.InvariantCulture) },
                "--namespaces" => result with { Namespaces = int.Parse(Value(args, ref i), CultureInfo.InvariantCulture) },
                "--files-per-folder" => result with { FilesPerFolder = int.Parse(Value(args, ref i), CultureInfo.InvariantCulture) },
                "--verify" => result with { Verify = true },
                _ => throw new ArgumentException($"unknown argument '{args[i]}'"),
            };
        }

        return result;
    }

    private static string Value(string[] args, ref int i) =>
        ++i < args.Length ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value");

    private static void Generate(CorpusOptions options)
    {
        var stopwatch = Stopwatch.StartNew();
        var manifest = CorpusGenerator.Generate(options);
        stopwatch.Stop();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Generated {manifest.Apps} apps in {manifest.Namespaces} namespaces: {manifest.Documents} documents ({manifest.Objects} objects), " +
            $"{manifest.Files} files, {manifest.Bytes / 1048576.0:F1} MB in {stopwatch.Elapsed.TotalSeconds:F2} s"));
        Console.WriteLine($"{manifest.Faults.Count} faults recorded in {Path.Combine(manifest.OutputDirectory, CorpusManifest.FaultsFileName)}; " +
                          $"lint {Path.Combine(manifest.OutputDirectory, manifest.ManifestRoot)}");
    }

    private static int VerifyAndReport(string outputDirectory)
    {
        var result = FaultVerifier.Verify(outputDirectory);
        foreach (var failure in result.Failures)
        {
            Console.WriteLine($"FAIL {failure}");
        }

        var byRule = string.Join(", ", result.CheckedByRule.Select(pair => $"{pair.Key}×{pair.Value}"));
        Console.WriteLine($"Verified {result.Checked - result.Failures.Count}/{result.Checked} faults ({byRule}); " +
                          $"files on disk {result.FilesOnDisk}/{result.Manifest.Files}, bytes {result.BytesOnDisk}/{result.Manifest.Bytes}: " +
                          (result.Succeeded ? "OK" : "FAILED"));
        return result.Succeeded ? 0 : 1;
    }
}
