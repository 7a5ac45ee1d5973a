using System.Text.Json.Nodes;
using ManifestLint.Core.Engine;
using ManifestLint.Core.Loading;
using ManifestLint.Core.Output;
using ManifestLint.Core.Output.Sarif;
using ManifestLint.Rules;
using ManifestLint.TestSupport.JsonSchema;

namespace ManifestLint.Robustness.Tests.Support;

/// <summary>A whole run: the engine's result and what the text and SARIF writers made of it.</summary>
public sealed record PipelineRun(AnalysisResult Result, string Text, string Sarif)
{
    public IEnumerable<Diagnostic> In(string path) => Result.Diagnostics.Where(d => d.Location.Path == path);

    public IReadOnlyList<string> IdsIn(string path) => [.. In(path).Select(d => d.Id)];
}

/// <summary>
/// Runs inputs through the same pipeline the CLI uses (load, index, every built-in rule, text and SARIF output), and
/// bounds it: a hostile input must produce a diagnostic, not a hang, so every run has a deadline.
/// </summary>
public static class LintPipeline
{
    /// <summary>Generous: a normal case takes milliseconds; only a hang (or work that explodes) reaches it on a loaded 2-core runner.</summary>
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(60);

    private static readonly Lazy<AnalysisEngine> Engine = new(RuleCatalog.CreateEngine);
    private static readonly Lazy<JsonSchemaValidator> SarifSchema = new(JsonSchemaValidator.ForSarif210);

    public static AnalysisEngine SharedEngine => Engine.Value;

    public static AnalysisOptions Options(int? parallelism = null, long? maxFileSize = null) => new()
    {
        Load = new LoadOptions
        {
            BaseDirectory = Path.GetTempPath(),
            MaxFileSizeBytes = maxFileSize ?? LoadOptions.DefaultMaxFileSize,
        },
        MaxDegreeOfParallelism = parallelism ?? Math.Max(2, Environment.ProcessorCount),
    };

    public static OutputContext OutputContext(string? baseDirectory = null) => new()
    {
        BaseDirectory = baseDirectory ?? Path.GetTempPath(),
        ToolVersion = "0.1.0",
        Rules = RuleCatalog.AllRules,
        Documentation = RuleCatalog.Documentation,
    };

    /// <summary>Analyzes and renders both formats; throws <see cref="AssertFailedException"/> if that takes longer than the deadline.</summary>
    public static PipelineRun Run(IReadOnlyList<InputFile> inputs, AnalysisOptions? options = null, TimeSpan? deadline = null, string? what = null) =>
        WithinDeadline(() => Render(SharedEngine.Analyze(inputs, options ?? Options())), deadline ?? DefaultDeadline, what ?? DescribeInputs(inputs));

    public static PipelineRun Run(params InputFile[] inputs) => Run((IReadOnlyList<InputFile>)inputs);

    public static PipelineRun Render(AnalysisResult result, OutputContext? context = null)
    {
        context ??= OutputContext();
        var text = new StringWriter();
        new TextOutputWriter().Write(result, text, context);
        var sarif = new StringWriter();
        new SarifOutputWriter().Write(result, sarif, context);
        return new PipelineRun(result, text.ToString(), sarif.ToString());
    }

    /// <summary>Schema errors of the SARIF log (empty when valid), plus a check that every reported diagnostic became a result.</summary>
    public static IReadOnlyList<string> SarifProblems(PipelineRun run)
    {
        JsonNode? log;
        try
        {
            log = JsonNode.Parse(run.Sarif);
        }
        catch (System.Text.Json.JsonException ex)
        {
            return [$"not JSON: {ex.Message}"];
        }

        var problems = SarifSchema.Value.Validate(log).Select(e => e.ToString()).ToList();
        var results = log?["runs"]?[0]?["results"]?.AsArray().Count ?? -1;
        var expected = run.Result.Diagnostics.Count(d => d.Severity != Severity.Hidden && d.Location.Path.Length > 0);
        if (results != expected)
        {
            problems.Add($"SARIF has {results} results for {expected} diagnostics");
        }

        return problems;
    }

    /// <summary>Runs <paramref name="work"/> on the thread pool and fails the test if it does not finish in time (the work is then abandoned).</summary>
    public static T WithinDeadline<T>(Func<T> work, TimeSpan deadline, string what)
    {
        var task = Task.Run(work);
        if (!task.Wait(deadline))
        {
            throw new AssertFailedException($"Did not finish within {deadline.TotalSeconds:F0} s: {what}");
        }

        return task.GetAwaiter().GetResult();
    }

    /// <summary>Bytes allocated by every thread while <paramref name="work"/> ran: an upper bound on the memory it can have needed.</summary>
    public static (T Value, long AllocatedBytes) MeasureAllocations<T>(Func<T> work)
    {
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var value = work();
        return (value, GC.GetTotalAllocatedBytes(precise: true) - before);
    }

    private static string DescribeInputs(IReadOnlyList<InputFile> inputs) =>
        string.Join(", ", inputs.Take(3).Select(i => i.Source.Path)) + (inputs.Count > 3 ? $" and {inputs.Count - 3} more" : "");
}
