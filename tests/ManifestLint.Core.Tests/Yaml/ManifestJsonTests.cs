using ManifestLint.Core.Loading;
using ManifestLint.Core.Tests.Support;
using ManifestLint.Core.Yaml;
using static ManifestLint.Core.Tests.Support.Manifests;

namespace ManifestLint.Core.Tests.Yaml;

/// <summary>The tree as JSON for a schema: typed as Kubernetes reads YAML, and a JSON pointer led back to its key or value.</summary>
[TestClass]
public sealed class ManifestJsonTests
{
    private static ManifestNode Parse(string text) => YamlStreamReader.Read(text).Documents[0].Root!;

    [TestMethod]
    public void Plain_scalars_are_typed_by_the_core_schema_and_quoted_ones_stay_strings()
    {
        var node = Parse(Lines(
            "int: 10", "negative: -3", "octal: 0o17", "hex: 0x1F", "float: 1.5", "exp: 1e3", "yes: true", "no: False", "nothing: ~", "empty:",
            "quoted: \"8080\"", "single: 'true'", "tagged: !!str 12", "word: yes", "version: 1.2.3", "inf: .inf", "block: |", "  text"));

        using var document = ManifestJson.ToJsonDocument(node);

        Assert.AreEqual(
            "{\"int\":10,\"negative\":-3,\"octal\":15,\"hex\":31,\"float\":1.5,\"exp\":1000,\"yes\":true,\"no\":false,\"nothing\":null,\"empty\":null," +
            "\"quoted\":\"8080\",\"single\":\"true\",\"tagged\":\"12\",\"word\":\"yes\",\"version\":\"1.2.3\",\"inf\":\".inf\",\"block\":\"text\\n\"}",
            document.RootElement.GetRawText());
    }

    [TestMethod]
    public void A_tree_of_shared_nodes_too_large_to_write_is_refused_instead_of_expanded()
    {
        // What aliases make (the loader stops real alias bombs first): each level holds the level below ten times.
        ManifestNode level = new ScalarNode("x", ScalarStyle.Plain, TextSpan.At(1, 1));
        for (var i = 0; i < 7; i++)
        {
            level = new SequenceNode(Enumerable.Repeat(level, 10).ToList(), TextSpan.At(1, 1));
        }

        var error = Assert.ThrowsExactly<InvalidOperationException>(() => ManifestJson.ToJsonDocument(level));

        StringAssert.Contains(error.Message, "too many to check against a schema");
    }

    [TestMethod]
    [DataRow("/spec/revisionHistoryLimit", "20", "$.spec.revisionHistoryLimit")]
    [DataRow("/spec", "spec", "$.spec")]
    [DataRow("/spec/template/containers/0/image", "nginx", "$.spec.template.containers[0].image")]
    [DataRow("/spec/template/containers/0", "name", "$.spec.template.containers[0]")]
    [DataRow("/spec/missing/deeper", "spec", "$.spec.missing.deeper")]
    [DataRow("/metadata/labels/app.kubernetes.io~1name", "web", "$.metadata.labels['app.kubernetes.io/name']")]
    public void A_pointer_leads_to_the_value_or_the_key_that_holds_it(string pointer, string reported, string path)
    {
        var text = Lines(
            "metadata:",
            "  labels:",
            "    app.kubernetes.io/name: web",
            "spec:",
            "  revisionHistoryLimit: 20",
            "  template:",
            "    containers:",
            "      - name: web",
            "        image: nginx");
        var root = Parse(text);
        var segments = ManifestJson.PointerSegments(pointer);

        var node = ManifestJson.NodeToReport(root, segments)!;

        Assert.AreEqual(reported, SourceText.Of(text, node.Span));
        Assert.AreEqual(path, ManifestJson.JsonPath(root, segments));
    }

    [TestMethod]
    public void The_root_itself_is_left_to_the_caller()
    {
        var root = Parse(Lines("kind: Deployment"));

        Assert.IsNull(ManifestJson.NodeToReport(root, ManifestJson.PointerSegments("")));
        Assert.AreEqual("$", ManifestJson.JsonPath(root, []));
    }
}
