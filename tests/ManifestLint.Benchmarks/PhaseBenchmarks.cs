using BenchmarkDotNet.Attributes;
using ManifestLint.Core.Engine;
using ManifestLint.Core.Index;
using ManifestLint.Core.Loading;
using ManifestLint.Core.Output;
using ManifestLint.Core.Output.Sarif;
using ManifestLint.Rules;

namespace ManifestLint.Benchmarks;

/// <summary>
/// In-process BenchmarkDotNet figures for one corpus: the parse floor, each phase of the engine on its own, and the
/// whole lint (collect, analyze, write SARIF) without process start-up. Each phase benchmark starts from the
/// previous phase's output, prepared once in the global setup.
/// </summary>
[MemoryDiagnoser]
public class PhaseBenchmarks
{
    private IReadOnlyList<string> _paths = [];
    private IReadOnlyList<InputFile> _inputs = [];
    private LoadedFile[] _loaded = [];
    private AnalysisResult? _result;
    private AnalysisEngine _engine = null!;
    private AnalysisOptions _options = null!;
    private Corpus _corpus = null!;

    /// <summary>Corpus sizes to benchmark (phases --apps).</summary>
    public static IReadOnlyList<int> AppCounts { get; set; } = [1000];

    [ParamsSource(nameof(AppCountValues))]
    public int Apps { get; set; }

    public static IEnumerable<int> AppCountValues => AppCounts;

    /// <summary>Where corpora are generated; the scale harness uses the same place, so they are shared.</summary>
    public static string CorpusDirectory { get; set; } = Path.Combine(Path.GetTempPath(), "manifestlint-bench");

    [GlobalSetup]
    public void Setup()
    {
        var corpus = _corpus = Corpus.Ensure(CorpusDirectory, Apps);
        _paths = ParseFloor.FindManifests(corpus.ManifestRoot);
        _inputs = InputCollector.Collect([corpus.ManifestRoot], corpus.Directory).Files;
        _engine = RuleCatalog.CreateEngine();
        _options = new AnalysisOptions { Load = new LoadOptions { BaseDirectory = corpus.Directory } };
        _loaded = Load();
        _result = _engine.Analyze(_inputs, _options);
    }

    [Benchmark(Baseline = true, Description = "floor: read + YamlDotNet events, 1 thread")]
    public long Floor() => ParseFloor.Run(_paths, new ParseFloor.Settings(1, BuildersPerThread: false)).Events;

    // Loading made YamlDotNet's builders per thread for this whole process (ScannerBuilders), so this floor has them too.
    [Benchmark(Description = "floor: read + YamlDotNet events, all cores")]
    public long FloorAllCores() => ParseFloor.Run(_paths, new ParseFloor.Settings(Environment.ProcessorCount, BuildersPerThread: true)).Events;

    [Benchmark(Description = "load: read, decode, parse to positioned trees")]
    public LoadedFile[] Load()
    {
        var files = new LoadedFile[_inputs.Count];
        Parallel.For(0, _inputs.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i => files[i] = ManifestLoader.Load(_inputs[i], _options.Load));
        return files;
    }

    [Benchmark(Description = "index: resources and lookups")]
    public ManifestIndex Index() => new(ResourceFactory.Create(_loaded, _options.Load), _options.Load.DefaultNamespace);

    [Benchmark(Description = "analyze: load + index + rules + severities")]
    public AnalysisResult Analyze() => _engine.Analyze(_inputs, _options);

    [Benchmark(Description = "output: SARIF")]
    public void Sarif() => new SarifOutputWriter().Write(_result!, TextWriter.Null, new OutputContext { BaseDirectory = _corpus.Directory, Documentation = RuleCatalog.Documentation });

    [Benchmark(Description = "lint in process: collect + analyze + SARIF")]
    public void Lint()
    {
        var outcome = LintRunner.Run(new LintRequest { Paths = [_corpus.ManifestRoot], BaseDirectory = _corpus.Directory }, _engine);
        new SarifOutputWriter().Write(outcome.Result, TextWriter.Null, new OutputContext { BaseDirectory = _corpus.Directory, Documentation = RuleCatalog.Documentation });
    }
}
