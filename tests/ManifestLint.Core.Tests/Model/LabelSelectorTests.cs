using ManifestLint.Core.Model;
using ManifestLint.Core.Yaml;
using static ManifestLint.Core.Tests.Support.Manifests;

namespace ManifestLint.Core.Tests.Model;

/// <summary>Label selectors mean exactly what they mean to the Kubernetes API (metav1.LabelSelectorAsSelector).</summary>
[TestClass]
public sealed class LabelSelectorTests
{
    private static readonly Dictionary<string, string> WebFrontProd = new() { ["app"] = "web", ["tier"] = "front", ["env"] = "prod" };
    private static readonly Dictionary<string, string> NoLabels = [];

    private static LabelSelector? Parse(string yaml) =>
        LabelSelector.FromLabelSelector((MappingNode)Single(Lines("apiVersion: v1", "kind: ConfigMap", "metadata: {name: s}", "selector: " + yaml)).Root.Get("selector")!);

    private static LabelSelector Valid(string yaml) => Parse(yaml) ?? throw new AssertFailedException($"{yaml} should be a valid selector");

    [TestMethod]
    public void Every_matchLabels_pair_must_be_present_with_the_same_value()
    {
        var selector = Valid("{matchLabels: {app: web, tier: front}}");

        Assert.IsTrue(selector.Matches(WebFrontProd));
        Assert.IsFalse(selector.Matches(new Dictionary<string, string> { ["app"] = "web" }));
        Assert.IsFalse(selector.Matches(new Dictionary<string, string> { ["app"] = "web", ["tier"] = "back" }));
    }

    [TestMethod]
    [DataRow("{key: tier, operator: In, values: [front, back]}", true, false, DisplayName = "In: the label is one of the values")]
    [DataRow("{key: tier, operator: In, values: [back]}", false, false, DisplayName = "In: a different value does not match")]
    [DataRow("{key: tier, operator: NotIn, values: [back]}", true, true, DisplayName = "NotIn: matches other values and an absent label")]
    [DataRow("{key: tier, operator: NotIn, values: [front]}", false, true, DisplayName = "NotIn: the listed value does not match")]
    [DataRow("{key: tier, operator: Exists}", true, false, DisplayName = "Exists: any value")]
    [DataRow("{key: tier, operator: DoesNotExist}", false, true, DisplayName = "DoesNotExist: only an absent label")]
    public void Each_operator_matches_as_in_Kubernetes(string expression, bool matchesLabelled, bool matchesUnlabelled)
    {
        var selector = Valid($"{{matchExpressions: [{expression}]}}");

        Assert.AreEqual(matchesLabelled, selector.Matches(WebFrontProd), "with tier=front");
        Assert.AreEqual(matchesUnlabelled, selector.Matches(NoLabels), "without a tier label");
    }

    [TestMethod]
    public void MatchLabels_and_every_expression_must_all_hold()
    {
        var selector = Valid("{matchLabels: {app: web}, matchExpressions: [{key: env, operator: In, values: [prod]}, {key: canary, operator: DoesNotExist}]}");

        Assert.IsTrue(selector.Matches(WebFrontProd));
        Assert.IsFalse(selector.Matches(new Dictionary<string, string>(WebFrontProd) { ["canary"] = "true" }));
        Assert.IsFalse(selector.Matches(new Dictionary<string, string>(WebFrontProd) { ["env"] = "dev" }));
    }

    [TestMethod]
    public void An_empty_selector_matches_everything()
    {
        foreach (var empty in new[] { "{}", "{matchLabels: {}}", "{matchLabels: {}, matchExpressions: []}" })
        {
            var selector = Valid(empty);

            Assert.IsTrue(selector.IsEmpty, empty);
            Assert.IsTrue(selector.Matches(NoLabels), empty);
            Assert.IsTrue(selector.Matches(WebFrontProd), empty);
        }
    }

    [TestMethod]
    [DataRow("{matchExpressions: [{key: tier, operator: Equals, values: [front]}]}", DisplayName = "an unknown operator")]
    [DataRow("{matchExpressions: [{key: tier, operator: in, values: [front]}]}", DisplayName = "operators are case-sensitive")]
    [DataRow("{matchExpressions: [{key: tier, operator: '1', values: [front]}]}", DisplayName = "a number is not an operator")]
    [DataRow("{matchExpressions: [{key: tier, operator: 'In, NotIn', values: [front]}]}", DisplayName = "a list is not an operator")]
    [DataRow("{matchExpressions: [{key: tier, values: [front]}]}", DisplayName = "no operator")]
    [DataRow("{matchExpressions: [{operator: Exists}]}", DisplayName = "no key")]
    [DataRow("{matchExpressions: [{key: tier, operator: In}]}", DisplayName = "In without values")]
    [DataRow("{matchExpressions: [{key: tier, operator: NotIn, values: []}]}", DisplayName = "NotIn with empty values")]
    [DataRow("{matchExpressions: [{key: tier, operator: Exists, values: [front]}]}", DisplayName = "Exists with values")]
    [DataRow("{matchExpressions: [{key: tier, operator: DoesNotExist, values: [front]}]}", DisplayName = "DoesNotExist with values")]
    public void A_selector_the_API_would_reject_is_null(string yaml)
    {
        Assert.IsNull(Parse(yaml));
    }

    [TestMethod]
    public void A_Service_selector_is_a_plain_label_map()
    {
        var selector = LabelSelector.FromMap((MappingNode)Single(Lines("apiVersion: v1", "kind: Service", "metadata: {name: s}", "spec: {selector: {app: web, tier: front}}")).Root.At("spec", "selector")!);

        Assert.IsTrue(selector.Matches(WebFrontProd));
        Assert.IsFalse(selector.Matches(new Dictionary<string, string> { ["app"] = "web" }));
        Assert.AreEqual("app=web,tier=front", selector.ToString());
    }

    [TestMethod]
    public void Unmet_names_each_requirement_the_labels_fail()
    {
        var selector = Valid("{matchLabels: {app: web, tier: back}, matchExpressions: [{key: env, operator: NotIn, values: [prod]}, {key: app, operator: Exists}]}");

        CollectionAssert.AreEqual(new[] { "tier=back (has tier=front)", "env notin (prod)" }, selector.Unmet(WebFrontProd).ToArray());
        Assert.AreEqual(4, selector.RequirementCount);
    }
}
