using YamlDotNet.Core;

namespace ManifestLint.Benchmarks;

/// <summary>
/// The floor no linter can beat: find the manifests, read them and run YamlDotNet's event parser over every
/// document, building nothing. It uses the same file walk extensions and the same parallelism as the linter's load
/// phase (one file per work item, all cores), so the ratio against it measures what linting adds, not threading.
/// </summary>
public static class ParseFloor
{
    private static readonly string[] Extensions = [".yaml", ".yml", ".json"];

    public sealed record Result(int Files, long Bytes, long Events, int Errors);

    public static IReadOnlyList<string> FindManifests(string root) =>
        [.. Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)];

    public static Result Run(IReadOnlyList<string> files, int parallelism)
    {
        long bytes = 0;
        long events = 0;
        var errors = 0;
        Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, () => (Bytes: 0L, Events: 0L, Errors: 0), (i, _, local) =>
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
