using ManifestLint.Core.Engine;
using ManifestLint.Core.Tests.Support;
using ManifestLint.Core.Yaml;
using static ManifestLint.Core.Tests.Support.Manifests;
using static ManifestLint.Core.Tests.Support.TestRules;

namespace ManifestLint.Core.Tests.Suppressions;

/// <summary>
/// Inline comments and the manifestlint.io/suppress annotation suppress findings: they are kept, marked with their
/// justification, and never fail the run.
/// </summary>
[TestClass]
public sealed class SuppressionTests
{
    private static readonly RuleDescriptor First = Rule("ML8801", severity: Severity.Error);
    private static readonly RuleDescriptor Second = Rule("ML8802", severity: Severity.Error);

    /// <summary>Reports ML8801 at every scalar "hit1" and ML8802 at every scalar "hit2", with the line in the message.</summary>
    private static readonly DelegateAnalyzer Hits = new([First, Second], context => context.RegisterResourceAction(c =>
    {
        var pending = new Stack<ManifestNode>([c.Resource.Root]);
        while (pending.TryPop(out var node))
        {
            switch (node)
            {
                case ScalarNode { Value: "hit1" or "hit2" } scalar:
                    c.Report(scalar.Value == "hit1" ? First : Second, scalar, $"line {scalar.Span.Start.Line}");
                    break;
                case MappingNode map:
                    map.Entries.Select(e => e.Value).ToList().ForEach(pending.Push);
                    break;
                case SequenceNode seq:
                    seq.Items.ToList().ForEach(pending.Push);
                    break;
            }
        }
    }));

    private static AnalysisResult Run(params string[] lines) =>
        Analyze(new AnalysisEngine([Hits]), ("m.yaml", Lines(["apiVersion: v1", "kind: ConfigMap", "metadata: {name: m}", .. lines])));

    /// <summary>"ID@line" for every active (unsuppressed) finding.</summary>
    private static string Active(AnalysisResult result) =>
        string.Join(",", result.Active.Select(d => $"{d.Id}@{d.Location.Span.Start.Line}"));

    [TestMethod]
    public void Disable_next_line_suppresses_the_next_line_with_content_skipping_blank_and_comment_lines()
    {
        var result = Run(
            "data:",                                                            // 4
            "  # manifestlint-disable-next-line ML8801 -- pods come from the operator",
            "",
            "  # an ordinary comment",
            "  a: hit1",                                                        // 8: suppressed
            "  b: hit1",                                                        // 9
            "  # manifestlint-disable-next-line ML8801",
            "  c: hit2");                                                       // 11: another rule

        Assert.AreEqual("ML8801@9,ML8802@11", Active(result));
        var suppressed = result.Diagnostics.Single(d => d.IsSuppressed);
        Assert.AreEqual(8, suppressed.Location.Span.Start.Line);
        Assert.AreEqual("pods come from the operator", suppressed.Suppression!.Justification);
    }

    [TestMethod]
    public void Disable_line_suppresses_its_own_line_only()
    {
        var result = Run(
            "data:",
            "  a: hit1   # manifestlint-disable-line ML8801 -- known",
            "  b: hit1",
            "  c: [hit1, hit2]  # manifestlint-disable-line");

        Assert.AreEqual("ML8801@6", Active(result));
        Assert.AreEqual("known", result.Diagnostics.Single(d => d.Location.Span.Start.Line == 5).Suppression!.Justification);
        Assert.IsNull(result.Diagnostics.First(d => d.Location.Span.Start.Line == 7).Suppression!.Justification, "no reason given");
    }

    [TestMethod]
    public void A_disable_block_with_IDs_suppresses_those_rules_until_enabled()
    {
        var result = Run(
            "data:",
            "  # manifestlint-disable ML8801, ML8802 -- legacy block",
            "  a: hit1",                                                        // 6
            "  b: hit2",                                                        // 7
            "  # manifestlint-enable ML8801",
            "  c: hit1",                                                        // 9: enabled again
            "  d: hit2",                                                        // 10: still disabled
            "  # manifestlint-enable ML8802",
            "  e: hit2");                                                       // 12

        Assert.AreEqual("ML8801@9,ML8802@12", Active(result));
        Assert.IsTrue(result.Diagnostics.Where(d => d.IsSuppressed).All(d => d.Suppression!.Justification == "legacy block"));
    }

    [TestMethod]
    public void A_disable_block_without_IDs_suppresses_every_rule_and_runs_to_the_end_when_never_enabled()
    {
        var open = Run("data:", "  # manifestlint-disable", "  a: hit1", "  b: hit2");
        Assert.AreEqual("", Active(open));
        Assert.HasCount(2, open.Diagnostics);

        var closed = Run("data:", "  # manifestlint-disable", "  a: hit1", "  # manifestlint-enable", "  b: hit2");
        Assert.AreEqual("ML8802@8", Active(closed));
    }

    [TestMethod]
    public void Enabling_one_rule_inside_a_block_that_disables_every_rule_enables_only_that_rule()
    {
        var result = Run(
            "data:",
            "  # manifestlint-disable",
            "  a: hit1",                                                        // 6
            "  # manifestlint-enable ML8801",
            "  b: hit1",                                                        // 8
            "  c: hit2");                                                       // 9: still disabled

        Assert.AreEqual("ML8801@8", Active(result));
    }

    [TestMethod]
    public void A_hash_inside_a_string_or_a_block_scalar_is_not_a_directive()
    {
        var result = Run(
            "data:",
            "  quoted: \"# manifestlint-disable-next-line ML8801\"",
            "  a: hit1",                                                        // 6
            "  script: |",
            "    # manifestlint-disable-next-line ML8801",
            "    echo done",
            "  b: hit1",                                                        // 10
            "  folded: >-",
            "    text # manifestlint-disable",
            "  c: hit1");                                                       // 13

        Assert.AreEqual("ML8801@6,ML8801@10,ML8801@13", Active(result));
    }

    [TestMethod]
    public void The_suppress_annotation_suppresses_the_listed_rules_with_their_reasons()
    {
        var result = Analyze(new AnalysisEngine([Hits]), ("m.yaml", Lines(
            "apiVersion: v1",
            "kind: ConfigMap",
            "metadata:",
            "  name: annotated",
            "  annotations:",
            "    manifestlint.io/suppress: \"ML8801: pods come from the operator; ml8802\"",
            "data: {a: hit1, b: hit2}",
            "---",
            "apiVersion: v1",
            "kind: ConfigMap",
            "metadata:",
            "  name: partly",
            "  annotations:",
            "    manifestlint.io/suppress: |",
            "      ML8802: generated",
            "data: {a: hit1, b: hit2}")));

        Assert.AreEqual("ML8801@16", Active(result));
        var reasons = result.Diagnostics.Where(d => d.IsSuppressed).Select(d => $"{d.Id}@{d.Location.Span.Start.Line}:{d.Suppression!.Justification ?? "-"}");
        Assert.AreEqual("ML8801@7:pods come from the operator,ML8802@7:-,ML8802@16:generated", string.Join(",", reasons));
    }

    [TestMethod]
    public void Suppressed_findings_are_kept_but_do_not_count_towards_the_run_failing()
    {
        var result = Run("data:", "  a: hit1  # manifestlint-disable-line -- accepted risk", "  b: hit2  # manifestlint-disable-line ML8802");

        Assert.HasCount(2, result.Diagnostics);
        Assert.IsTrue(result.Diagnostics.All(d => d.IsSuppressed && d.Severity == Severity.Error));
        Assert.IsFalse(result.HasAtLeast(Severity.Error));
        Assert.IsFalse(result.HasAtLeast(Severity.Info));

        var unsuppressed = Run("data:", "  a: hit1");
        Assert.IsTrue(unsuppressed.HasAtLeast(Severity.Error));
    }

    [TestMethod]
    public void Input_diagnostics_can_be_suppressed_by_comment_too()
    {
        var result = Analyze(new AnalysisEngine([]), ("m.yaml", Lines(
            "apiVersion: v1",
            "kind: ConfigMap",
            "metadata:",
            "  name: a",
            "  # manifestlint-disable-next-line ML9003 -- kubectl keeps the last one, as intended",
            "  name: b")));

        Assert.AreEqual("accepted", result.Diagnostics.Single().IsSuppressed ? "accepted" : Describe(result.Diagnostics));
    }
}
