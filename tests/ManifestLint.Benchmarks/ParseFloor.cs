using ManifestLint.Core.Loading;
using YamlDotNet.Core;

namespace ManifestLint.Benchmarks;

/// <summary>
/// The floor no linter can beat: find the manifests, read them and run YamlDotNet's event parser over every
/// document, building nothing. The harness runs it several ways (one thread, every core, every core with the
/// scanner's builders kept per thread, one process per core over a share of the files each) and compares the linter
/// with the fastest, so that no slowness the parser has on several threads is hidden in the floor.
/// </summary>
public static class ParseFloor
{
    private static readonly string[] Extensions = [".yaml", ".yml", ".json"];

    public sealed record Result(int Files, long Bytes, long Events, int Errors);

    /// <summary>How one floor process parses: on how many threads, with YamlDotNet's builders shared or per thread, and which share of the files.</summary>
    public sealed record Settings(int Threads, bool BuildersPerThread, int Part = 0, int Parts = 1);

    public static IReadOnlyList<string> FindManifests(string root) =>
        [.. Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)];

    /// <summary>Every n-th file from the part's index: shares of the same size and mix for the processes of one floor.</summary>
    public static IReadOnlyList<string> Share(IReadOnlyList<string> files, int part, int parts) =>
        [.. files.Where((_, i) => i % parts == part)];

    public static Result Run(IReadOnlyList<string> files, Settings settings)
    {
        if (settings.BuildersPerThread && !ScannerBuilders.IsPerThread)
        {
            throw new InvalidOperationException("YamlDotNet's builders could not be made per thread (see ScannerBuilders)");
        }

        files = Share(files, settings.Part, settings.Parts);
        long bytes = 0;
        long events = 0;
        var errors = 0;
        Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = settings.Threads }, () => (Bytes: 0L, Events: 0L, Errors: 0), (i, _, local) =>
        {
            var text = File.ReadAllText(files[i]);
            local.Bytes += text.Length;
            try
            {
                var parser = new Parser(new StringReader(text));
                while (parser.MoveNext())
                {
                    local.Events++;
                }
            }
            catch (YamlException)
            {
                local.Errors++;
            }

            return local;
        }, local =>
        {
            Interlocked.Add(ref bytes, local.Bytes);
            Interlocked.Add(ref events, local.Events);
            Interlocked.Add(ref errors, local.Errors);
        });
        return new Result(files.Count, bytes, events, errors);
    }
}
