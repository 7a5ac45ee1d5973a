using ManifestLint.Core.Engine;
using ManifestLint.Robustness.Tests.Support;

namespace ManifestLint.Robustness.Tests;

/// <summary>
/// Every rule over one namespace holding thousands of apps, at n and 4n apps. Work is counted, never timed: label
/// selector evaluations (the pairwise work of cross-resource rules) and bytes allocated by the whole analysis. Linear
/// rules quadruple both; a rule that scans the namespace per object multiplies them by sixteen.
/// </summary>
[TestClass]
[DoNotParallelize] // Allocation counts are process-wide; nothing else may run beside this class.
public sealed class PathologicalNamespaceTests
{
    private const int Apps = 1000;

    // 4n apps must cost at most this many times the work of n: linear is 4, quadratic 16.
    private const double MaxGrowth = 5.0;

    [TestMethod]
    public void AllRulesDoLinearWorkOnACrowdedNamespace()
    {
        // Warm up first, so JIT and one-time allocations are not charged to the smaller run.
        Measure(Apps / 10);
        var small = Measure(Apps);
        var large = Measure(4 * Apps);

        Assert.IsGreaterThanOrEqualTo(Apps, small.SelectorEvaluations, "the rules evaluated fewer selectors than there are Services: the meter is not counting");
        var selectorGrowth = (double)large.SelectorEvaluations / small.SelectorEvaluations;
        var allocationGrowth = (double)large.AllocatedBytes / small.AllocatedBytes;
        Assert.IsLessThanOrEqualTo(MaxGrowth, selectorGrowth,
            $"selector evaluations grew {selectorGrowth:F1}× from {Apps} to {4 * Apps} apps ({small.SelectorEvaluations:N0} → {large.SelectorEvaluations:N0})");
        Assert.IsLessThanOrEqualTo(MaxGrowth, allocationGrowth,
            $"allocations grew {allocationGrowth:F1}× from {Apps} to {4 * Apps} apps ({small.AllocatedBytes:N0} → {large.AllocatedBytes:N0} bytes)");
    }

    [TestMethod]
    public void PlantedFaultsAreAllFoundInTheCrowd()
    {
        // The work test above is only meaningful if the rules really ran over the crowd: each planted fault is found.
        var run = LintPipeline.Run(PathologicalNamespace.Create(Apps));
        var faults = PathologicalNamespace.Faults(Apps);
        var byRule = run.Result.Active.GroupBy(d => d.Id).ToDictionary(g => g.Key, g => g.Count());

        Assert.AreEqual(faults.SelectorTypos, byRule.GetValueOrDefault("ML1001"), "ML1001");
        Assert.AreEqual(faults.WorkloadSelectorMismatches, byRule.GetValueOrDefault("ML1002"), "ML1002");
        Assert.AreEqual(faults.TargetPortTypos, byRule.GetValueOrDefault("ML1003"), "ML1003");
        Assert.IsFalse(byRule.ContainsKey("ML9000"), "a rule crashed: " + string.Join("; ", run.Result.Diagnostics.Where(d => d.Id == "ML9000").Take(3).Select(d => d.Message)));
        Assert.IsTrue(run.Result.Diagnostics.Where(d => d.Id == "ML1001").All(d => d.RelatedLocations.Count > 0),
            "every selector typo should get its near-miss explanation, so that search runs in the work test");
    }

    private static (long SelectorEvaluations, long AllocatedBytes) Measure(int apps)
    {
        var inputs = PathologicalNamespace.Create(apps);
        var options = LintPipeline.Options();
        using var meter = WorkMeter.Start();
        var (_, allocated) = LintPipeline.MeasureAllocations(() => LintPipeline.SharedEngine.Analyze(inputs, options));
        return (meter.SelectorEvaluations, allocated);
    }
}
