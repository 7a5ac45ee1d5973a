using System.Diagnostics;
using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using ManifestLint.Core.Engine;
using ManifestLint.Core.Loading;
using ManifestLint.Robustness.Tests.Support;
using Microsoft.FSharp.Core;
using YamlDotNet.RepresentationModel;

namespace ManifestLint.Robustness.Tests.Fuzzing;

/// <summary>One generated input: a seed manifest and the edits applied to it, in order.</summary>
public sealed record FuzzCase(int SeedIndex, IReadOnlyList<Mutation> Mutations)
{
    public Seed Seed => SeedManifests.All[SeedIndex % SeedManifests.All.Count];

    public byte[] Build()
    {
        var seeds = SeedManifests.All.Select(s => s.Content).ToList();
        return Mutations.Aggregate(Seed.Content, (bytes, mutation) => mutation.Apply(bytes, seeds));
    }

    public override string ToString() => $"seed {SeedIndex} ({Seed.Name}): {string.Join(", ", Mutations)}";
}

/// <summary>
/// Mutation fuzzing of the whole pipeline with FsCheck: real manifests, truncated, spliced, byte-flipped, re-indented
/// and sprinkled with YAML tokens, are linted beside an intact file. For every case: nothing throws, the run ends
/// within its deadline, no rule crashes, the intact file keeps exactly its findings, the mutated file is accounted
/// for (objects, a diagnostic, or no Kubernetes object by YamlDotNet's own reading), and the SARIF log is valid.
/// CI runs a fixed, seeded set; MANIFESTLINT_FUZZ_CASES and MANIFESTLINT_FUZZ_SEED make longer or other runs.
/// </summary>
[TestClass]
public sealed class PipelineFuzzTests
{
    private const int DefaultCases = 2000;
    private const ulong DefaultSeed = 20_260_101;
    private const string MutatedPath = "fuzz/mutated.yaml";
    private const string ControlPath = "fuzz/control.yaml";

    /// <summary>A case takes milliseconds; the deadline only catches hangs and explosive work, even on a loaded runner.</summary>
    private static readonly TimeSpan CaseDeadline = TimeSpan.FromSeconds(30);

    // The incident moved to a namespace and labels no seed uses, so that no mutation can legitimately change its findings.
    private static readonly string Control = Manifests.Incident
        .Replace("namespace: ml", "namespace: fuzz-control-zone", StringComparison.Ordinal)
        .Replace("inference-", "zq-control-", StringComparison.Ordinal);

    private static readonly Lazy<IReadOnlyList<string>> ControlAlone = new(() =>
        Describe(LintPipeline.Run(InputFile.FromText(ControlPath, Control)).In(ControlPath)));

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void MutatedManifestsNeverBreakThePipeline()
    {
        var cases = EnvironmentInt("MANIFESTLINT_FUZZ_CASES") ?? DefaultCases;
        var seed = (ulong?)EnvironmentInt("MANIFESTLINT_FUZZ_SEED") ?? DefaultSeed;
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        var totalBytes = 0L;

        var property = Prop.ForAll(Arb.From(CaseGenerator()), fuzzCase =>
        {
            var bytes = fuzzCase.Build();
            totalBytes += bytes.Length;
            var outcome = CheckCase(fuzzCase, bytes);
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        });
        var config = Config.QuickThrowOnFailure
            .WithMaxTest(cases)
            .WithQuietOnSuccess(true)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(seed), FSharpOption<int>.None)));
        Check.One(config, property);

        var summary = string.Create(CultureInfo.InvariantCulture,
            $"Fuzzed {cases:N0} cases (seed {seed}, {SeedManifests.All.Count} seed files, {totalBytes / 1048576.0:F1} MB) in {clock.Elapsed.TotalSeconds:F1} s " +
            $"({cases / clock.Elapsed.TotalSeconds:F0} cases/s): ") +
            string.Join(", ", outcomes.OrderByDescending(o => o.Value).Select(o => $"{o.Key} {o.Value}"));
        TestContext.WriteLine(summary);
        Console.WriteLine(summary);
    }

    [TestMethod]
    public void MutationsAreDeterministicAndChangeTheirSeeds()
    {
        // A failing case is reported by its printed form (seed and mutations); rebuilding it must give the same bytes.
        var cases = Gen.Sample(CaseGenerator(), 200);

        foreach (var fuzzCase in cases)
        {
            CollectionAssert.AreEqual(fuzzCase.Build(), fuzzCase.Build(), fuzzCase.ToString());
        }

        var changed = cases.Count(c => !c.Build().AsSpan().SequenceEqual(c.Seed.Content));
        Assert.IsGreaterThan(cases.Length * 9 / 10, changed, $"only {changed} of {cases.Length} cases changed their seed");
    }

    /// <summary>Runs one case and returns a label of what the mutated file turned into, for the run's summary.</summary>
    private static string CheckCase(FuzzCase fuzzCase, byte[] bytes)
    {
        var run = LintPipeline.Run([InputFile.FromMemory(MutatedPath, bytes), InputFile.FromText(ControlPath, Control)],
            deadline: CaseDeadline, what: fuzzCase.ToString());

        var crashes = run.Result.Diagnostics.Where(d => d.Id == "ML9000").Select(d => d.Message).ToList();
        Assert.IsEmpty(crashes, $"a rule crashed on {fuzzCase}: {string.Join("; ", crashes)}");
        CollectionAssert.AreEqual(ControlAlone.Value.ToList(), Describe(run.In(ControlPath)).ToList(), $"the intact file's findings changed beside {fuzzCase}");

        var loaded = run.Result.Files.Where(f => f.Source.Path == MutatedPath).ToList();
        Assert.HasCount(1, loaded, $"the mutated file was not accounted for exactly once: {fuzzCase}");
        var diagnostics = run.In(MutatedPath).ToList();
        if (loaded[0].Objects.Count == 0 && diagnostics.Count == 0)
        {
            Assert.IsFalse(IndependentReaderSeesObject(bytes, out var what),
                $"the mutated file produced neither objects nor diagnostics, but YamlDotNet reads {what} in it: {fuzzCase}");
        }

        var sarifProblems = LintPipeline.SarifProblems(run);
        Assert.IsEmpty(sarifProblems, $"invalid SARIF for {fuzzCase}: {string.Join("; ", sarifProblems.Take(5))}");
        Assert.IsFalse(string.IsNullOrEmpty(run.Text), "the text writer wrote nothing");

        return diagnostics.FirstOrDefault(d => d.Id.StartsWith("ML9", StringComparison.Ordinal))?.Id
            ?? (loaded[0].Objects.Count > 0 ? "objects" : "nothing");
    }

    /// <summary>
    /// Whether YamlDotNet's representation model, a reader independent of ours, finds a complete Kubernetes object
    /// (apiVersion, kind and metadata.name as plain strings) in a document. Lists, kustomizations and documents it
    /// cannot load are not judged.
    /// </summary>
    private static bool IndependentReaderSeesObject(byte[] bytes, out string what)
    {
        what = "";
        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (Exception ex) when (ex is YamlDotNet.Core.YamlException or ArgumentException or InvalidOperationException)
        {
            return false;
        }

        foreach (var document in stream.Documents)
        {
            if (document.RootNode is YamlMappingNode root &&
                Scalar(root, "apiVersion") is { Length: > 0 } &&
                Scalar(root, "kind") is { Length: > 0 } kind &&
                !kind.EndsWith("List", StringComparison.Ordinal) && kind is not ("Kustomization" or "Component") &&
                root.Children.TryGetValue(new YamlScalarNode("metadata"), out var metadata) && metadata is YamlMappingNode meta &&
                Scalar(meta, "name") is { Length: > 0 } name)
            {
                what = $"{kind} '{name}'";
                return true;
            }
        }

        return false;
    }

    private static string? Scalar(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain or YamlDotNet.Core.ScalarStyle.SingleQuoted or YamlDotNet.Core.ScalarStyle.DoubleQuoted, Tag.IsEmpty: true } scalar
            ? scalar.Value
            : null;

    /// <summary>Four cases in five start from a Kubernetes manifest; the rest from the YAML test suite's odd corners.</summary>
    private static Gen<FuzzCase> CaseGenerator() =>
        from seedIndex in Gen.Frequency((4, Gen.Elements(SeedManifests.Manifests.AsEnumerable())), (1, Gen.Elements(SeedManifests.YamlSuite.AsEnumerable())))
        from count in Gen.Choose(1, 4)
        from mutations in Gen.ListOf(MutationGenerator(), count)
        select new FuzzCase(seedIndex, [.. mutations]);

    private static Gen<Mutation> MutationGenerator()
    {
        var at = Gen.Choose(0, Mutation.Scale);
        return Gen.Frequency(
            (3, at.Select(a => new Mutation(MutationKind.Truncate, a))),
            (3, from a in at
                from length in Gen.Choose(1, 400)
                from other in Gen.Choose(0, SeedManifests.All.Count - 1)
                from start in Gen.Choose(0, Mutation.Scale)
                select new Mutation(MutationKind.Splice, a, length, other, start)),
            (4, from a in at from mask in Gen.Choose(1, 255) select new Mutation(MutationKind.FlipByte, a, Value: mask)),
            (3, from a in at from lines in Gen.Choose(1, 12) from delta in Gen.Elements(-4, -2, -1, 1, 2, 3) select new Mutation(MutationKind.Reindent, a, lines, Value: delta)),
            (1, Gen.Elements(3, 4).Select(factor => new Mutation(MutationKind.ReindentAll, 0, Value: factor))),
            (1, at.Select(a => new Mutation(MutationKind.TabIndent, a))),
            (2, from a in at from length in Gen.Choose(1, 200) select new Mutation(MutationKind.Delete, a, length)),
            (2, from a in at from length in Gen.Choose(1, 400) select new Mutation(MutationKind.Duplicate, a, length)),
            (4, from a in at from token in Gen.Choose(0, Mutation.Tokens.Count - 1) select new Mutation(MutationKind.InsertToken, a, Other: token)),
            (1, Gen.Elements(0, 1).Select(v => new Mutation(MutationKind.LineEndings, 0, Value: v))));
    }

    private static int? EnvironmentInt(string name) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : null;

    private static IReadOnlyList<string> Describe(IEnumerable<Diagnostic> diagnostics) =>
        [.. diagnostics.Select(d => $"{d.Id} {d.Location.Span} {d.Severity} suppressed={d.IsSuppressed} {d.Message}")];
}
