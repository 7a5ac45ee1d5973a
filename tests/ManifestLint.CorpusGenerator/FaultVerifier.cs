using System.Text.Json;

namespace ManifestLint.CorpusGenerator;

/// <param name="Failures">One message per fault whose recorded line does not hold the expected key (and value).</param>
public sealed record VerificationResult(
    int Checked,
    IReadOnlyDictionary<string, int> CheckedByRule,
    IReadOnlyList<string> Failures,
    int FilesOnDisk,
    long BytesOnDisk,
    CorpusManifest Manifest)
{
    public bool Succeeded => Failures.Count == 0 && FilesOnDisk == Manifest.Files && BytesOnDisk == Manifest.Bytes;
}

/// <summary>
/// Re-reads faults.json and checks each entry against the files as written: the recorded line must hold the fault's key
/// (YAML "key:" or JSON "\"key\":", optionally after "- "), followed by the faulty value where one is recorded. It also
/// recounts files and bytes, so the manifest's totals are checked against the disk rather than trusted.
/// </summary>
public static class FaultVerifier
{
    public static VerificationResult Verify(string outputDirectory)
    {
        var json = File.ReadAllText(Path.Combine(outputDirectory, CorpusManifest.FaultsFileName));
        var manifest = (JsonSerializer.Deserialize<CorpusManifest>(json, CorpusGenerator.JsonOptions)
            ?? throw new InvalidDataException("faults.json is empty.")) with { OutputDirectory = Path.GetFullPath(outputDirectory) };

        var failures = new List<string>();
        var byRule = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var linesByFile = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var fault in manifest.Faults)
        {
            byRule[fault.RuleId] = byRule.GetValueOrDefault(fault.RuleId) + 1;
            if (Check(outputDirectory, fault, linesByFile) is { } failure)
            {
                failures.Add($"{fault.RuleId} {fault.File}:{fault.Line}: {failure}");
            }
        }

        var (files, bytes) = MeasureDisk(Path.Combine(outputDirectory, manifest.ManifestRoot));
        return new VerificationResult(manifest.Faults.Count, byRule, failures, files, bytes, manifest);
    }

    private static string? Check(string outputDirectory, CorpusFault fault, Dictionary<string, string[]> cache)
    {
        if (!cache.TryGetValue(fault.File, out var lines))
        {
            var path = Path.Combine(outputDirectory, fault.File);
            if (!File.Exists(path))
            {
                return "file does not exist";
            }

            lines = File.ReadAllText(path).Split('\n');
            cache[fault.File] = lines;
        }

        if (fault.Line < 1 || fault.Line > lines.Length)
        {
            return $"line is outside the file ({lines.Length} lines)";
        }

        var text = lines[fault.Line - 1].TrimStart();
        if (text.StartsWith("- ", StringComparison.Ordinal))
        {
            text = text[2..];
        }

        string rest;
        if (text.StartsWith(fault.Key + ":", StringComparison.Ordinal))
        {
            rest = text[(fault.Key.Length + 1)..];
        }
        else if (text.StartsWith($"\"{fault.Key}\":", StringComparison.Ordinal))
        {
            rest = text[(fault.Key.Length + 3)..];
        }
        else
        {
            return $"expected key '{fault.Key}' but the line is '{lines[fault.Line - 1]}'";
        }

        if (fault.Value is null)
        {
            return null;
        }

        var value = rest.Trim().TrimEnd(',').Trim('"');
        return value == fault.Value ? null : $"expected value '{fault.Value}' but found '{value}'";
    }

    private static (int Files, long Bytes) MeasureDisk(string root)
    {
        if (!Directory.Exists(root))
        {
            return (0, 0);
        }

        var files = 0;
        var bytes = 0L;
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            files++;
            bytes += new FileInfo(file).Length;
        }

        return (files, bytes);
    }
}
