using System.Globalization;
using ManifestLint.Core.Engine;
using ManifestLint.Robustness.Tests.Support;
using ManifestLint.Rules;

namespace ManifestLint.Benchmarks;

/// <summary>
/// The crowded namespace of the robustness suite (thousands of Services and pod templates side by side), timed here
/// where timing belongs: the engine's rules phase at n and 4n apps, in process, best of several runs after a
/// warm-up. Linear rules take about 4× as long at 4n; a per-object scan of the namespace would take 16×.
/// </summary>
public static class PathologicalHarness
{
    public static int Run(int apps, int runs)
    {
        var engine = RuleCatalog.CreateEngine();
        var options = new AnalysisOptions { MaxDegreeOfParallelism = Environment.ProcessorCount };
        Console.WriteLine($"crowded namespace, {runs} runs per size (best), load average {ScalingHarness.LoadAverage()}");
        Measure(engine, options, apps / 4, 1);
        var small = Measure(engine, options, apps, runs);
        var large = Measure(engine, options, 4 * apps, runs);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"rules time {apps:N0} → {4 * apps:N0} apps: {large.Rules.TotalMilliseconds / small.Rules.TotalMilliseconds:F2}× (linear 4×, quadratic 16×); " +
            $"selector evaluations {large.Evaluations / (double)small.Evaluations:F2}×; whole analysis {large.Total.TotalMilliseconds / small.Total.TotalMilliseconds:F2}×"));
        return 0;
    }

    private static (TimeSpan Rules, TimeSpan Total, long Evaluations) Measure(AnalysisEngine engine, AnalysisOptions options, int apps, int runs)
    {
        var inputs = PathologicalNamespace.Create(apps);
        var best = (Rules: TimeSpan.MaxValue, Total: TimeSpan.MaxValue, Evaluations: 0L);
        for (var i = 0; i < runs; i++)
        {
            using var meter = WorkMeter.Start();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var statistics = engine.Analyze(inputs, options).Statistics;
            var total = clock.Elapsed;
            if (statistics.RulesTime < best.Rules)
            {
                best = (statistics.RulesTime, total, meter.SelectorEvaluations);
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {apps,6:N0} apps: rules {best.Rules.TotalMilliseconds,8:F1} ms, analysis {best.Total.TotalMilliseconds,8:F1} ms, {best.Evaluations:N0} selector evaluations"));
        return best;
    }
}
