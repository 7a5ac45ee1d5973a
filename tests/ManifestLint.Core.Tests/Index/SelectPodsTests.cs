using System.Text;
using FsCheck;
using FsCheck.Fluent;
using ManifestLint.Core.Index;
using ManifestLint.Core.Model;
using static ManifestLint.Core.Tests.Support.Manifests;

namespace ManifestLint.Core.Tests.Index;

/// <summary>
/// ManifestIndex.SelectPods answers exactly what a scan of the namespace would, in input order, while looking at a
/// number of candidates that grows linearly with the input rather than with pairs of objects.
/// </summary>
[TestClass]
public sealed class SelectPodsTests
{
    private static readonly string[] Namespaces = ["shop", "ops"];
    private static readonly string[] Keys = ["app", "tier", "env"];
    private static readonly string[] Values = ["a", "b", "c"];

    /// <summary>A generated pod: its kind (some are workloads), namespace and labels.</summary>
    public sealed record PodSpec(bool IsDeployment, string Namespace, IReadOnlyDictionary<string, string> Labels);

    public sealed record Scenario(IReadOnlyList<PodSpec> Pods, string Namespace, IReadOnlyDictionary<string, string> MatchLabels, IReadOnlyList<SelectorRequirement> Expressions)
    {
        public override string ToString() =>
            $"pods: [{string.Join("; ", Pods.Select(p => $"{p.Namespace} {string.Join(",", p.Labels.Select(l => $"{l.Key}={l.Value}"))}"))}] " +
            $"select in {Namespace}: {new LabelSelector(MatchLabels, Expressions)}";
    }

    private static Gen<IReadOnlyDictionary<string, string>> LabelsGen =>
        Gen.SubListOf(Keys).SelectMany(keys =>
            Gen.ArrayOf(Gen.Elements(Values), keys.Count).Select(values =>
                (IReadOnlyDictionary<string, string>)keys.Zip(values).ToDictionary(kv => kv.First, kv => kv.Second)));

    private static Gen<SelectorRequirement> RequirementGen =>
        from key in Gen.Elements(Keys)
        from op in Gen.Elements(SelectorOperator.In, SelectorOperator.NotIn, SelectorOperator.Exists, SelectorOperator.DoesNotExist)
        from values in Gen.NonEmptyListOf(Gen.Elements(Values))
        select new SelectorRequirement(key, op, op is SelectorOperator.In or SelectorOperator.NotIn ? [.. values] : []);

    private static Gen<Scenario> ScenarioGen =>
        from pods in Gen.ListOf(
            from isDeployment in Gen.Elements(true, false)
            from ns in Gen.Elements(Namespaces)
            from labels in LabelsGen
            select new PodSpec(isDeployment, ns, labels))
        from ns in Gen.Elements(Namespaces)
        from matchLabels in LabelsGen
        from expressions in Gen.ListOf(RequirementGen).Select(l => l.Take(3).ToList())
        select new Scenario([.. pods], ns, matchLabels, expressions);

    [TestMethod]
    public void SelectPods_returns_what_a_scan_of_the_namespace_returns_in_input_order()
    {
        var property = Prop.ForAll(Arb.From(ScenarioGen), scenario =>
        {
            var index = BuildIndex(PodsYaml(scenario.Pods));
            var selector = new LabelSelector(scenario.MatchLabels, scenario.Expressions);

            var answer = index.SelectPods(scenario.Namespace, selector);
            var scan = index.PodTemplates.Where(t => t.Namespace == scenario.Namespace && Matches(selector, t.Labels)).ToList();

            return answer.Count == scan.Count && answer.Zip(scan).All(pair => ReferenceEquals(pair.First, pair.Second));
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), property);
    }

    [TestMethod]
    public void SelectPods_finds_pods_of_every_owner_kind_only_in_the_namespace_asked()
    {
        var index = BuildIndex(PodsYaml(
        [
            new(true, "shop", new Dictionary<string, string> { ["app"] = "a" }),
            new(false, "ops", new Dictionary<string, string> { ["app"] = "a" }),
            new(false, "shop", new Dictionary<string, string> { ["app"] = "a", ["tier"] = "b" }),
        ]));

        var selected = index.SelectPods("shop", new LabelSelector(new Dictionary<string, string> { ["app"] = "a" }, []));

        Assert.AreEqual("Deployment/shop/p0,Pod/shop/p2", string.Join(",", selected.Select(t => t.Owner.ToString())));
        Assert.IsEmpty(index.SelectPods("nowhere", LabelSelector.Everything));
    }

    [TestMethod]
    public void A_crowded_namespace_costs_a_linear_number_of_candidates()
    {
        // 5,000 workloads that all share tier=web and part-of=shop, each with its own app label, and 5,000 Services
        // that each select their workload in the ways real charts do. A scan per Service would look at 25,000,000.
        const int apps = 5000;
        var text = new StringBuilder();
        for (var i = 0; i < apps; i++)
        {
            text.Append($"apiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: app-{i}, namespace: crowd}}\n")
                .Append($"spec:\n  template:\n    metadata:\n      labels: {{app: app-{i}, tier: web, part-of: shop}}\n---\n");
            var selector = (i % 4) switch
            {
                0 => $"{{app: app-{i}, tier: web, part-of: shop}}",
                1 => $"{{part-of: shop, app: app-{i}}}",
                2 => $"{{tier: web, app: missing-{i}}}",
                _ => $"{{app: app-{i}}}",
            };
            text.Append($"apiVersion: v1\nkind: Service\nmetadata: {{name: svc-{i}, namespace: crowd}}\nspec: {{selector: {selector}}}\n---\n");
        }

        var index = BuildIndex(text.ToString());
        var services = index.OfKind("Service");
        Assert.HasCount(apps, services);
        var matched = 0;
        foreach (var service in services)
        {
            matched += index.SelectPods("crowd", LabelSelector.FromMap(service.Root.MappingAt("spec", "selector")!)).Count;
        }

        // The same workloads selected through matchExpressions: "tier In (web)" must not build a 5,000-entry union per query.
        foreach (var i in Enumerable.Range(0, apps))
        {
            matched += index.SelectPods("crowd", new LabelSelector(new Dictionary<string, string>(),
            [
                new SelectorRequirement("tier", SelectorOperator.In, ["web", "api"]),
                new SelectorRequirement("app", SelectorOperator.In, [$"app-{i}"]),
            ])).Count;
        }

        Assert.AreEqual(apps * 3 / 4 + apps, matched, "each query finds its one workload, except the deliberate misses");
        Assert.IsLessThanOrEqualTo(4L * apps, index.CandidatesExamined,
            $"SelectPods examined {index.CandidatesExamined:N0} candidates for {2 * apps:N0} queries over {apps:N0} workloads");
    }

    /// <summary>The reference semantics, written out independently of LabelSelector.Matches.</summary>
    private static bool Matches(LabelSelector selector, IReadOnlyDictionary<string, string> labels) =>
        selector.MatchLabels.All(kv => labels.TryGetValue(kv.Key, out var v) && v == kv.Value) &&
        selector.MatchExpressions.All(r => r.Operator switch
        {
            SelectorOperator.In => labels.TryGetValue(r.Key, out var v) && r.Values.Contains(v),
            SelectorOperator.NotIn => !labels.TryGetValue(r.Key, out var v) || !r.Values.Contains(v),
            SelectorOperator.Exists => labels.ContainsKey(r.Key),
            _ => !labels.ContainsKey(r.Key),
        });

    private static string PodsYaml(IReadOnlyList<PodSpec> pods)
    {
        var text = new StringBuilder();
        for (var i = 0; i < pods.Count; i++)
        {
            var (isDeployment, ns, labels) = (pods[i].IsDeployment, pods[i].Namespace, pods[i].Labels);
            var labelMap = "{" + string.Join(", ", labels.Select(l => $"{l.Key}: {l.Value}")) + "}";
            text.Append(isDeployment
                ? $"apiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: p{i}, namespace: {ns}}}\nspec: {{template: {{metadata: {{labels: {labelMap}}}}}}}\n---\n"
                : $"apiVersion: v1\nkind: Pod\nmetadata: {{name: p{i}, namespace: {ns}, labels: {labelMap}}}\n---\n");
        }

        return text.ToString();
    }
}
