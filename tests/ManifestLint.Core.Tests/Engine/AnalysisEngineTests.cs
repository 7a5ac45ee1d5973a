using System.Collections.Concurrent;
using ManifestLint.Core.Configuration;
using ManifestLint.Core.Engine;
using ManifestLint.Core.Loading;
using ManifestLint.Core.Model;
using ManifestLint.Core.Tests.Support;
using static ManifestLint.Core.Tests.Support.Manifests;
using static ManifestLint.Core.Tests.Support.TestRules;

namespace ManifestLint.Core.Tests.Engine;

/// <summary>The engine runs analyzers like Roslyn does: guarded, in a fixed action order, with deterministic output.</summary>
[TestClass]
public sealed class AnalysisEngineTests
{
    private static readonly string ThreeConfigMaps = Lines(
        "apiVersion: v1",
        "kind: ConfigMap",
        "metadata: {name: good}",
        "---",
        "apiVersion: v1",
        "kind: ConfigMap",
        "metadata: {name: bad}",
        "---",
        "apiVersion: v1",
        "kind: Service",
        "metadata: {name: web}");

    [TestMethod]
    public void An_analyzer_that_throws_yields_ML9000_naming_rule_and_resource_and_other_results_are_kept()
    {
        var fragile = Rule("ML8801");
        var sturdy = Rule("ML8802");
        var throwing = new DelegateAnalyzer([fragile], context => context.RegisterResourceAction(c =>
        {
            if (c.Resource.Name == "bad")
            {
                throw new InvalidOperationException("boom");
            }

            c.Report(fragile, c.Resource.Root, c.Resource.Name);
        }));

        var result = Analyze(new AnalysisEngine([throwing, ReportingOnEveryResource(sturdy)]), ("m.yaml", ThreeConfigMaps));

        var failure = result.Diagnostics.Single(d => d.Id == "ML9000");
        StringAssert.Contains(failure.Message, "ML8801");
        StringAssert.Contains(failure.Message, "ConfigMap/default/bad");
        StringAssert.Contains(failure.Message, "InvalidOperationException");
        StringAssert.Contains(failure.Message, "boom");
        Assert.AreEqual(Severity.Warning, failure.Severity);
        Assert.AreEqual(Span(7, 18, 7, 21), failure.Location.Span, "at the resource that made it fail");
        Assert.AreEqual("good,web", string.Join(",", result.Diagnostics.Where(d => d.Id == "ML8801").Select(d => d.Message)), "the same rule on other resources");
        Assert.AreEqual("good,bad,web", string.Join(",", result.Diagnostics.Where(d => d.Id == "ML8802").Select(d => d.Message)), "other rules on the same resource");
    }

    [TestMethod]
    [DataRow("initialize")]
    [DataRow("run start")]
    [DataRow("run end")]
    public void An_analyzer_that_throws_outside_a_resource_yields_ML9000_for_the_run(string phase)
    {
        var fragile = Rule("ML8801");
        var throwing = new DelegateAnalyzer([fragile], context =>
        {
            if (phase == "initialize")
            {
                throw new InvalidOperationException("boom");
            }

            context.RegisterRunStartAction(start =>
            {
                if (phase == "run start")
                {
                    throw new InvalidOperationException("boom");
                }

                start.RegisterRunEndAction(_ => throw new InvalidOperationException("boom"));
            });
        });

        var result = Analyze(new AnalysisEngine([throwing, ReportingOnEveryResource(Rule("ML8802"))]), ("m.yaml", ThreeConfigMaps));

        var failure = result.Diagnostics.Single(d => d.Id == "ML9000");
        StringAssert.Contains(failure.Message, "ML8801");
        StringAssert.Contains(failure.Message, "the run");
        Assert.HasCount(3, result.Diagnostics.Where(d => d.Id == "ML8802").ToList());
    }

    [TestMethod]
    public void Reporting_a_rule_the_analyzer_does_not_declare_yields_ML9000_instead()
    {
        var declared = Rule("ML8801");
        var undeclared = Rule("ML8809");
        var sloppy = new DelegateAnalyzer([declared], context => context.RegisterResourceAction(c => c.Report(undeclared, c.Resource.Root, "x"), "Service"));

        var result = Analyze(new AnalysisEngine([sloppy]), ("m.yaml", ThreeConfigMaps));

        Assert.IsFalse(result.Diagnostics.Any(d => d.Id == "ML8809"));
        var failure = result.Diagnostics.Single(d => d.Id == "ML9000");
        StringAssert.Contains(failure.Message, "ML8809");
        StringAssert.Contains(failure.Message, "Service/default/web");
    }

    [TestMethod]
    public void Output_is_sorted_by_file_line_column_and_ID_and_identical_on_every_parallel_run()
    {
        // Several analyzers report on many resources of several files, some at the same position.
        var rules = Enumerable.Range(1, 4).Select(i => Rule($"ML880{i}")).ToList();
        var analyzers = rules.Select(rule => new DelegateAnalyzer([rule], context => context.RegisterResourceAction(c =>
        {
            c.Report(rule, c.Resource.Root.At("metadata", "name")!, c.Resource.Name);
            c.Report(rule, c.Resource.Root.KeyOf("kind")!, "kind of " + c.Resource.Name);
        }))).ToList();
        var files = Enumerable.Range(0, 6).Select(f => ($"dir{f % 2}/file{f}.yaml", string.Join("---\n",
            Enumerable.Range(0, 40).Select(i => Lines("apiVersion: v1", "kind: ConfigMap", $"metadata: {{name: cm-{f}-{i}}}"))))).ToArray();
        var engine = new AnalysisEngine([.. analyzers.AsEnumerable().Reverse()]);
        var options = new AnalysisOptions { MaxDegreeOfParallelism = 8 };

        string Run() => string.Join("\n", engine.Analyze([.. files.Select(f => InputFile.FromText(f.Item1, f.Item2))], options).Diagnostics
            .Select(d => $"{d.Location.Path}:{d.Location.Span}:{d.Id}:{d.Message}"));

        var first = engine.Analyze([.. files.Select(f => InputFile.FromText(f.Item1, f.Item2))], options).Diagnostics;
        Assert.HasCount(6 * 40 * 4 * 2, first);
        var keys = first.Select(d => (d.Location.Path, d.Location.Span.Start.Line, d.Location.Span.Start.Column, d.Id)).ToList();
        var sorted = keys.OrderBy(k => k.Path, StringComparer.Ordinal).ThenBy(k => k.Line).ThenBy(k => k.Column).ThenBy(k => k.Id, StringComparer.Ordinal).ToList();
        CollectionAssert.AreEqual(sorted, keys, "file, line, column, ID");
        var expected = Run();
        for (var run = 0; run < 25; run++)
        {
            Assert.AreEqual(expected, Run(), $"run {run} differs");
        }
    }

    [TestMethod]
    public void Run_start_actions_precede_resource_actions_which_precede_run_end_actions()
    {
        var sequence = 0;
        var events = new ConcurrentQueue<(int Order, string Phase, string? Resource)>();
        void Record(string phase, string? resource = null) => events.Enqueue((Interlocked.Increment(ref sequence), phase, resource));
        var rule = Rule("ML8801");
        var analyzers = Enumerable.Range(0, 3).Select(_ => new DelegateAnalyzer([rule], context =>
        {
            context.RegisterResourceAction(c => Record("resource", c.Resource.Name));
            context.RegisterResourceAction(c => Record("service", c.Resource.Name), "Service");
            context.RegisterRunStartAction(start =>
            {
                Record("start");
                start.RegisterResourceAction(c => Record("resource-from-start", c.Resource.Name), "ConfigMap");
                start.RegisterRunEndAction(_ => Record("end"));
            });
        })).ToList();

        Analyze(new AnalysisEngine(analyzers), ("m.yaml", ThreeConfigMaps));

        var all = events.ToList();
        var lastStart = all.Where(e => e.Phase == "start").Max(e => e.Order);
        var firstEnd = all.Where(e => e.Phase == "end").Min(e => e.Order);
        var resourceEvents = all.Where(e => e.Phase.StartsWith("resource", StringComparison.Ordinal) || e.Phase == "service").ToList();
        Assert.AreEqual(3, all.Count(e => e.Phase == "start"));
        Assert.AreEqual(3, all.Count(e => e.Phase == "end"));
        Assert.IsTrue(resourceEvents.All(e => e.Order > lastStart && e.Order < firstEnd), string.Join("\n", all.OrderBy(e => e.Order)));
        Assert.AreEqual("bad,good,web", string.Join(",", resourceEvents.Where(e => e.Phase == "resource").Select(e => e.Resource).Distinct().Order()));
        Assert.AreEqual(9, resourceEvents.Count(e => e.Phase == "resource"), "every resource once per analyzer");
        Assert.AreEqual("web,web,web", string.Join(",", resourceEvents.Where(e => e.Phase == "service").Select(e => e.Resource)));
        Assert.AreEqual(6, resourceEvents.Count(e => e.Phase == "resource-from-start" && e.Resource is "good" or "bad"));
        Assert.AreEqual(6, resourceEvents.Count(e => e.Phase == "resource-from-start"), "kind filters apply to actions registered at run start too");
    }

    [TestMethod]
    public void A_pod_template_action_runs_for_the_kinds_that_make_pods_and_for_nothing_else()
    {
        var seen = new ConcurrentQueue<string>();
        var analyzer = new DelegateAnalyzer([Rule("ML8801")], context =>
        {
            context.RegisterPodTemplateAction(c => seen.Enqueue($"{c.Resource.Kind}/{c.Resource.Name}"));
            context.RegisterRunStartAction(start => start.RegisterPodTemplateAction(c => seen.Enqueue($"start:{c.Resource.Kind}/{c.Resource.Name}")));
        });
        const string manifests = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: c, image: nginx:1.27}]}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: debug}
            spec: {containers: [{name: c, image: busybox:1.36}]}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: web}
            spec: {selector: {app: web}, ports: [{port: 80}]}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: settings}
            """;

        Analyze(new AnalysisEngine([analyzer]), ("m.yaml", manifests));

        Assert.AreEqual("Deployment/web,Pod/debug,start:Deployment/web,start:Pod/debug", string.Join(",", seen.Order(StringComparer.Ordinal)));
    }

    [TestMethod]
    public void A_rule_turned_off_in_the_repository_configuration_does_not_run()
    {
        var off = ReportingOnEveryResource(Rule("ML8801"));
        var categoryOff = ReportingOnEveryResource(Rule("ML8802", category: "Noisy"));
        var on = ReportingOnEveryResource(Rule("ML8803"));
        var config = new RepositoryConfig { Rules = new Dictionary<string, string> { ["ML8801"] = "none", ["category-Noisy"] = "none" } };
        var options = new AnalysisOptions { Severities = new SeverityConfiguration(config) };

        var result = new AnalysisEngine([off, categoryOff, on]).Analyze([InputFile.FromText("m.yaml", ThreeConfigMaps)], options);

        Assert.AreEqual(0, off.InitializeCount, "an ID set to none");
        Assert.AreEqual(0, categoryOff.InitializeCount, "a category set to none");
        Assert.AreEqual(1, on.InitializeCount);
        Assert.AreEqual("ML8803", string.Join(",", result.Diagnostics.Select(d => d.Id).Distinct()));
        CollectionAssert.DoesNotContain(result.RulesRun.Select(r => r.Id).ToList(), "ML8801");
    }

    [TestMethod]
    public void A_rule_off_by_default_runs_only_when_enabled_by_ID()
    {
        var optIn = ReportingOnEveryResource(Rule("ML8801", enabledByDefault: false));

        var notEnabled = new AnalysisEngine([optIn]).Analyze([InputFile.FromText("m.yaml", ThreeConfigMaps)]);
        Assert.AreEqual(0, optIn.InitializeCount);
        Assert.IsEmpty(notEnabled.Diagnostics);

        var byCategory = new SeverityConfiguration(new RepositoryConfig { Rules = new Dictionary<string, string> { ["category-Test"] = "error", ["all"] = "error" } });
        new AnalysisEngine([optIn]).Analyze([InputFile.FromText("m.yaml", ThreeConfigMaps)], new AnalysisOptions { Severities = byCategory });
        Assert.AreEqual(0, optIn.InitializeCount, "category and all settings do not enable a rule that is off by default");

        var byId = new SeverityConfiguration(new RepositoryConfig { Rules = new Dictionary<string, string> { ["ML8801"] = "error" } });
        var enabled = new AnalysisEngine([optIn]).Analyze([InputFile.FromText("m.yaml", ThreeConfigMaps)], new AnalysisOptions { Severities = byId });
        Assert.AreEqual(1, optIn.InitializeCount);
        Assert.IsTrue(enabled.Diagnostics.All(d => d.Id == "ML8801" && d.Severity == Severity.Error));
        Assert.HasCount(3, enabled.Diagnostics);
    }

    [TestMethod]
    public void A_rule_excluded_by_the_rule_filter_does_not_run()
    {
        var excluded = ReportingOnEveryResource(Rule("ML8801"));
        var options = new AnalysisOptions { Severities = new SeverityConfiguration(filter: new RuleFilter([], ["ML8801"])) };

        var result = new AnalysisEngine([excluded]).Analyze([InputFile.FromText("m.yaml", ThreeConfigMaps)], options);

        Assert.AreEqual(0, excluded.InitializeCount);
        Assert.IsEmpty(result.Diagnostics);
    }

    [TestMethod]
    public void A_rule_turned_off_by_editorconfig_for_every_file_does_not_run_and_runs_where_a_file_turns_it_on()
    {
        using var directory = new TemporaryDirectory();
        directory.Write(".editorconfig", Lines("root = true", "[*.yaml]", "dotnet_diagnostic.ML8801.severity = none", "dotnet_diagnostic.ML8802.severity = none"));
        directory.Write("special/.editorconfig", Lines("[*.yaml]", "dotnet_diagnostic.ML8802.severity = error"));
        var a = directory.Write("a.yaml", ThreeConfigMaps);
        var b = directory.Write("special/b.yaml", ThreeConfigMaps);
        var offEverywhere = ReportingOnEveryResource(Rule("ML8801"));
        var onInOneFolder = ReportingOnEveryResource(Rule("ML8802"));
        var options = new AnalysisOptions
        {
            Load = new LoadOptions { BaseDirectory = directory.Path },
            Severities = new SeverityConfiguration(editorConfig: new EditorConfigResolver()),
        };

        var result = new AnalysisEngine([offEverywhere, onInOneFolder]).Analyze(
            [new InputFile(new SourceFile("a.yaml", a)), new InputFile(new SourceFile("special/b.yaml", b))], options);

        Assert.AreEqual(0, offEverywhere.InitializeCount);
        Assert.AreEqual(1, onInOneFolder.InitializeCount);
        Assert.IsTrue(result.Diagnostics.All(d => d.Id == "ML8802" && d.Location.Path == "special/b.yaml" && d.Severity == Severity.Error), Describe(result.Diagnostics));
        Assert.HasCount(3, result.Diagnostics);
    }
}
