using ManifestLint.Core.Tests.Support;

namespace ManifestLint.Core.Tests.Yaml;

/// <summary>
/// The official YAML test suite, run through the loader (bytes, decoding, YAML, objects) exactly as a file is.
/// An invalid case must yield an input diagnostic; a valid case must not yield a syntax error.
/// </summary>
[TestClass]
public sealed class YamlTestSuiteTests
{
    /// <summary>
    /// What an invalid case may be reported as. ML9001 is the answer for almost every case. ML9003 is right too: YAML
    /// requires unique keys, so a case invalid because of a duplicate key is rightly a duplicate-key error. ML9002 is
    /// right when the bytes themselves are wrong. ML9007 and ML9008 are not accepted: a limit or a Helm guess would
    /// hide a plain syntax error.
    /// </summary>
    private static readonly string[] InvalidInputDiagnostics = ["ML9001", "ML9002", "ML9003"];

    /// <summary>
    /// What a valid case may still produce, by design: ML9003 for duplicate keys (the suite's parsers do not check
    /// uniqueness; the API server's strict decoding does) and ML9004 for a non-scalar key (valid YAML that kubectl
    /// cannot convert to JSON).
    /// </summary>
    private static readonly string[] DeliberateDiagnosticsOnValidYaml = ["ML9003", "ML9004"];

    /// <summary>
    /// Cases where the loader (YamlDotNet 18.1 underneath) and the suite disagree. An invalid case listed here is
    /// not detected; a valid case listed here is reported as a syntax error. Kept honest by
    /// <see cref="Every_known_difference_still_exists_and_still_differs"/>.
    /// </summary>
    internal static readonly IReadOnlyDictionary<string, string> KnownDifferences = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // Invalid YAML accepted.
        ["DK95/01"] = "YamlDotNet accepts a tab as the indentation of a double-quoted scalar's continuation line",
        ["MUS6/00"] = "YamlDotNet accepts a comment that follows a %YAML directive without a space before '#'",
        ["Y79Y/003"] = "YamlDotNet accepts a tab as the indentation of a flow sequence entry inside a block sequence",
        ["Y79Y/004"] = "YamlDotNet accepts a tab between '-' and a nested block sequence",
        ["Y79Y/005"] = "YamlDotNet accepts a tab (after a space) between '-' and a nested block sequence",
        ["Y79Y/006"] = "YamlDotNet accepts a tab between '?' and a block sequence; only the non-scalar key is reported (ML9004)",
        ["Y79Y/008"] = "YamlDotNet accepts a tab between '?' and a block mapping; only the non-scalar key is reported (ML9004)",
        ["Y79Y/009"] = "YamlDotNet accepts a tab between ':' and a block mapping; only the non-scalar key is reported (ML9004)",
        // Valid YAML rejected.
        ["4MUZ/02"] = "YamlDotNet rejects a flow mapping whose ':' is on the line after the implicit key",
        ["VJP3/01"] = "YamlDotNet rejects a flow mapping whose ':' is on the line after the implicit key",
        ["DK95/04"] = "YamlDotNet rejects a line holding only a tab between block mapping entries",
        ["UKK6/00"] = "YamlDotNet rejects '- :' (a sequence entry that is a mapping with an empty key and value)",
    };

    public TestContext TestContext { get; set; } = null!;

    public static IEnumerable<TestDataRow<string>> Cases =>
        YamlTestSuite.Cases.Select(c => new TestDataRow<string>(c.Id) { DisplayName = c.DisplayName });

    [TestMethod]
    [DynamicData(nameof(Cases))]
    public void Suite_case_loads_without_crashing_and_is_judged_as_the_suite_judges_it(string caseId)
    {
        var suiteCase = YamlTestSuite.Cases.Single(c => c.Id == caseId);
        var outcome = YamlTestSuite.Run(suiteCase); // A crash or a hang fails here, listed or not.
        if (KnownDifferences.ContainsKey(caseId))
        {
            return; // Judged by Every_known_difference_still_exists_and_still_differs.
        }

        if (suiteCase.IsError)
        {
            Assert.IsTrue(outcome.HasAny(InvalidInputDiagnostics),
                $"invalid YAML was not reported (expected one of {string.Join(", ", InvalidInputDiagnostics)}); got:\n{Manifests.Describe(outcome.Diagnostics)}");
        }
        else
        {
            var unexpected = outcome.Diagnostics.Where(d => !DeliberateDiagnosticsOnValidYaml.Contains(d.Id)).ToList();
            Assert.IsEmpty(unexpected, $"valid YAML was reported:\n{Manifests.Describe(unexpected)}");
        }
    }

    [TestMethod]
    public void Every_known_difference_still_exists_and_still_differs()
    {
        foreach (var (caseId, reason) in KnownDifferences)
        {
            var suiteCase = YamlTestSuite.Cases.SingleOrDefault(c => c.Id == caseId);
            Assert.IsNotNull(suiteCase, $"{caseId} is listed as a known difference but is not in the suite");
            var outcome = YamlTestSuite.Run(suiteCase);
            var stillDiffers = suiteCase.IsError ? !outcome.HasAny(InvalidInputDiagnostics) : outcome.HasAny("ML9001");
            Assert.IsTrue(stillDiffers, $"{caseId} ({reason}) is now judged as the suite judges it: remove it from the known differences");
        }
    }

    [TestMethod]
    public void Suite_figures_add_up_and_are_reported()
    {
        var outcomes = YamlTestSuite.Cases.Select(YamlTestSuite.Run).ToList();
        var invalid = outcomes.Where(o => o.Case.IsError).ToList();
        var valid = outcomes.Where(o => !o.Case.IsError).ToList();
        var detected = invalid.Count(o => o.HasAny(InvalidInputDiagnostics));
        var clean = valid.Count(o => o.Diagnostics.Count == 0);
        var duplicateKeys = valid.Count(o => o.HasAny("ML9003"));
        var nonScalarKeys = valid.Count(o => o.HasAny("ML9004"));
        var falseSyntaxErrors = valid.Count(o => o.HasAny("ML9001"));

        TestContext.WriteLine($"yaml-test-suite: {outcomes.Count} cases run ({invalid.Count} invalid, {valid.Count} valid), no crash or hang");
        TestContext.WriteLine($"invalid cases detected: {detected}/{invalid.Count}; known differences: {KnownDifferences.Count}");
        TestContext.WriteLine($"valid cases clean: {clean}/{valid.Count}; with duplicate keys (ML9003): {duplicateKeys}; " +
            $"with non-scalar keys (ML9004): {nonScalarKeys}; wrongly reported as syntax errors (ML9001): {falseSyntaxErrors}");

        // The shared suite is a fixed snapshot: these counts say that every case was found and run.
        Assert.HasCount(402, outcomes);
        Assert.HasCount(94, invalid);
        var listedInvalid = KnownDifferences.Keys.Count(id => invalid.Any(o => o.Case.Id == id));
        var listedValid = KnownDifferences.Count - listedInvalid;
        Assert.AreEqual(invalid.Count - listedInvalid, detected, "every invalid case not listed as a known difference is detected");
        Assert.AreEqual(listedValid, falseSyntaxErrors, "every valid case reported as a syntax error is listed as a known difference");
        Assert.AreEqual(valid.Count - clean, valid.Count(o => o.HasAny("ML9003", "ML9004") || KnownDifferences.ContainsKey(o.Case.Id)),
            "every valid case with a diagnostic is explained: a duplicate key, a non-scalar key, or a known difference");
    }
}
