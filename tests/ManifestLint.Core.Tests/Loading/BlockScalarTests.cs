using ManifestLint.Core.Yaml;
using ManifestLint.TestSupport;
using static ManifestLint.Core.Tests.Support.Manifests;

namespace ManifestLint.Core.Tests.Loading;

/// <summary>Block scalars that kubectl (go-yaml) accepts and YamlDotNet alone would reject.</summary>
[TestClass]
public sealed class BlockScalarTests
{
    [TestMethod]
    public void A_literal_block_whose_first_line_holds_only_spaces_loads_with_exact_positions()
    {
        var text = Lines(
            "apiVersion: v1",
            "kind: ConfigMap",
            "metadata: {name: loki}",
            "data:",
            "  config.yaml: |",
            "    ",
            "    auth_enabled: false # not a comment",
            "    server: {port: 3100}",
            "  other: x   # a comment",
            "---",
            "apiVersion: v1",
            "kind: ConfigMap",
            "metadata: {name: after}");
        var loaded = Load(text);

        Assert.IsEmpty(loaded.Diagnostics, Describe(loaded.Diagnostics));
        var config = loaded.Objects[0].Root.ScalarAt("data", "config.yaml")!;
        Assert.AreEqual("\nauth_enabled: false # not a comment\nserver: {port: 3100}\n", config.Value);
        Assert.AreEqual(Span(9, 10, 9, 11), loaded.Objects[0].Root.ScalarAt("data", "other")!.Span);
        Assert.AreEqual(Span(13, 18, 13, 23), loaded.Objects[1].Root.ScalarAt("metadata", "name")!.Span);
        Assert.AreEqual("a comment", loaded.Comments.Single().Text, "the '#' inside the block is content");
    }

    [TestMethod]
    public void Every_document_with_such_a_block_loads_once_and_other_findings_are_kept_once()
    {
        var text = Lines(
            "apiVersion: v1",
            "kind: ConfigMap",
            "metadata: {name: a}",
            "data:",
            "  k: |",
            "    ",
            "    one",
            "  k: duplicate",
            "---",
            "apiVersion: v1",
            "kind: ConfigMap",
            "metadata: {name: b}",
            "data:",
            "  k: |+",
            "      ",
            "      two",
            "---",
            "apiVersion: v1",
            "kind: ConfigMap",
            "metadata: {name: c}",
            "data:",
            "  k: >-",
            "    ",
            "    three");
        var loaded = Load(text);

        Assert.AreEqual("ML9003", loaded.Diagnostics.Single().Id, Describe(loaded.Diagnostics));
        Assert.AreEqual("a:\none\n|b:\ntwo\n|c:\nthree", string.Join("|", loaded.Objects.Select(o => o.Name + ":" + o.Root.StringAt("data", "k"))));
        Assert.AreEqual("0,1,2", string.Join(",", loaded.Objects.Select(o => o.DocumentIndex)));
        Assert.AreEqual(Span(20, 18, 20, 19), loaded.Objects[2].Root.ScalarAt("metadata", "name")!.Span);
    }

    [TestMethod]
    public void With_CRLF_line_breaks_too()
    {
        var text = "apiVersion: v1\r\nkind: ConfigMap\r\nmetadata: {name: c}\r\ndata:\r\n  a: |-  # note\r\n    \r\n    \r\n    x\r\n  b: y\r\n";
        var loaded = Load(text);

        Assert.IsEmpty(loaded.Diagnostics, Describe(loaded.Diagnostics));
        Assert.AreEqual("\n\nx", loaded.Objects.Single().Root.StringAt("data", "a"));
        Assert.AreEqual(Span(9, 6, 9, 7), loaded.Objects.Single().Root.ScalarAt("data", "b")!.Span);
        Assert.AreEqual("note", loaded.Comments.Single().Text);
    }

    [TestMethod]
    public void A_comment_on_a_block_scalar_header_is_a_comment_not_content() =>
        Assert.AreEqual("note", Load(Lines("a: |-  # note", "  # content", "b: >", "  x  # content")).Comments.Single().Text);

    [TestMethod]
    public void Leading_space_lines_wider_than_the_content_are_still_an_error()
    {
        // YAML 1.2 forbids it, and under go-yaml's reading the wider line would set the indentation.
        var text = Lines(
            "apiVersion: v1",
            "kind: ConfigMap",
            "metadata: {name: c}",
            "data:",
            "  a: |",
            "        ",
            "    x");
        var loaded = Load(text);

        Assert.AreEqual("ML9001", loaded.Diagnostics.Single().Id, Describe(loaded.Diagnostics));
    }

    [TestMethod]
    public void The_istio_loki_addon_loads()
    {
        var path = Path.Combine(TestPaths.Shared, "testdata", "real-world", "istio", "samples", "addons", "loki.yaml");
        var loaded = LoadBytes(File.ReadAllBytes(path), "loki.yaml");

        Assert.IsEmpty(loaded.Diagnostics.Where(d => d.Id == "ML9001"), Describe(loaded.Diagnostics));
        var configMap = loaded.Objects.Single(o => o.Kind == "ConfigMap" && o.Name == "loki");
        Assert.StartsWith("\nauth_enabled: false\n", ((ScalarNode)configMap.Root.At("data", "config.yaml")!).Value);
    }
}
