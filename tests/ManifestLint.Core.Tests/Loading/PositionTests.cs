using System.Text;
using ManifestLint.Core.Loading;
using ManifestLint.Core.Model;
using ManifestLint.Core.Tests.Support;
using static ManifestLint.Core.Tests.Support.Manifests;

namespace ManifestLint.Core.Tests.Loading;

/// <summary>Every node knows exactly where it is: 1-based line and column (UTF-16 code units), end exclusive.</summary>
[TestClass]
public sealed class PositionTests
{
    private static readonly string ConfigMap = Lines(
        "apiVersion: v1",
        "kind: ConfigMap",
        "metadata:",
        "  name: settings",
        "data:",
        "  greeting: \"hello world\"",
        "  single: 'x'");

    [TestMethod]
    public void A_block_mapping_key_and_its_scalar_value_have_exact_spans()
    {
        var root = Single(ConfigMap).Root;
        var name = root.MappingAt("metadata")!.GetEntry("name") ?? throw new AssertFailedException("metadata.name is missing");

        Assert.AreEqual(Span(4, 3, 4, 7), name.Key.Span);
        Assert.AreEqual(Span(4, 9, 4, 17), name.Value.Span);
        Assert.AreEqual("settings", SourceText.Of(ConfigMap, name.Value.Span));
    }

    [TestMethod]
    public void A_quoted_value_span_includes_its_quotes()
    {
        var data = Single(ConfigMap).Root.MappingAt("data")!;

        Assert.AreEqual(Span(6, 13, 6, 26), data.Get("greeting")!.Span);
        Assert.AreEqual("\"hello world\"", SourceText.Of(ConfigMap, data.Get("greeting")!.Span));
        Assert.AreEqual("'x'", SourceText.Of(ConfigMap, data.Get("single")!.Span));
        Assert.AreEqual("hello world", data.StringAt("greeting"));
    }

    [TestMethod]
    public void A_block_mapping_spans_from_its_first_key_to_the_end_of_its_last_value()
    {
        var root = Single(ConfigMap).Root;

        Assert.AreEqual(Span(4, 3, 4, 17), root.Get("metadata")!.Span);
        Assert.AreEqual(Span(1, 1, 7, 14), root.Span);
    }

    [TestMethod]
    public void Flow_mappings_and_sequences_span_their_brackets()
    {
        var text = Lines(
            "apiVersion: v1",
            "kind: Pod",
            "metadata: {name: web, labels: {app: web, tier: front}}",
            "spec:",
            "  containers:",
            "  - name: web",
            "    args: [--port, \"8080\"]");
        var root = Single(text).Root;

        Assert.AreEqual(Span(3, 11, 3, 55), root.Get("metadata")!.Span);
        Assert.AreEqual("{app: web, tier: front}", SourceText.Of(text, root.At("metadata", "labels")!.Span));
        Assert.AreEqual(Span(3, 37, 3, 40), root.At("metadata", "labels", "app")!.Span);
        var args = root.SequenceAt("spec", "containers", "0", "args")!;
        Assert.AreEqual("[--port, \"8080\"]", SourceText.Of(text, args.Span));
        Assert.AreEqual("\"8080\"", SourceText.Of(text, args[1].Span));
    }

    [TestMethod]
    public void A_block_sequence_spans_from_its_first_dash_to_the_end_of_its_last_item()
    {
        var text = Lines(
            "apiVersion: v1",
            "kind: Pod",
            "metadata:",
            "  name: web",
            "spec:",
            "  containers:",
            "    - name: a",
            "      image: nginx",
            "    - name: b",
            "      image: redis");
        var containers = Single(text).Root.SequenceAt("spec", "containers")!;

        Assert.AreEqual(Span(7, 5, 10, 19), containers.Span);
        Assert.AreEqual(Span(9, 7, 10, 19), containers[1].Span);
        Assert.AreEqual("redis", SourceText.Of(text, containers[1].At("image")!.Span));
    }

    [TestMethod]
    public void Documents_of_a_multi_document_file_keep_their_own_line_numbers()
    {
        var text = Lines(
            "apiVersion: v1",
            "kind: ConfigMap",
            "metadata: {name: first}",
            "---",
            "# a comment between documents",
            "",
            "apiVersion: v1",
            "kind: ConfigMap",
            "metadata:",
            "  name: second",
            "...",
            "---",
            "apiVersion: v1",
            "kind: ConfigMap",
            "metadata: {name: third}");
        var resources = Resources(text);

        Assert.AreEqual("first,second,third", string.Join(",", resources.Select(r => r.Name)));
        CollectionAssert.AreEqual(new[] { 0, 1, 2 }, resources.Select(r => r.DocumentIndex).ToArray());
        Assert.AreEqual(Span(10, 9, 10, 15), resources[1].Location.Span);
        Assert.AreEqual(Span(15, 18, 15, 23), resources[2].Location.Span);
        Assert.AreEqual(7, resources[1].Root.Span.Start.Line);
    }

    [TestMethod]
    public void Items_of_a_kind_List_are_resources_with_their_own_positions()
    {
        var text = Lines(
            "apiVersion: v1",
            "kind: List",
            "items:",
            "- apiVersion: v1",
            "  kind: Service",
            "  metadata:",
            "    name: web",
            "- apiVersion: apps/v1",
            "  kind: Deployment",
            "  metadata:",
            "    name: web");
        var resources = Resources(text);

        Assert.AreEqual("Service/default/web,Deployment/default/web", string.Join(",", resources.Select(r => r.ToString())));
        CollectionAssert.AreEqual(new int?[] { 0, 1 }, resources.Select(r => r.ListItemIndex).ToArray());
        Assert.AreEqual(Span(7, 11, 7, 14), resources[0].Location.Span);
        Assert.AreEqual(Span(11, 11, 11, 14), resources[1].Location.Span);
        Assert.AreEqual(Span(8, 3, 11, 14), resources[1].Root.Span);
    }

    [TestMethod]
    public void A_JSON_manifest_is_read_with_exact_positions()
    {
        var text = Lines(
            "{",
            "  \"apiVersion\": \"v1\",",
            "  \"kind\": \"ConfigMap\",",
            "  \"metadata\": {\"name\": \"from-json\"},",
            "  \"data\": {\"port\": \"8080\"}",
            "}");
        var resource = Single(text);
        var name = resource.Root.MappingAt("metadata")!.GetEntry("name") ?? throw new AssertFailedException("metadata.name is missing");

        Assert.AreEqual("ConfigMap/default/from-json", resource.ToString());
        Assert.AreEqual(Span(2, 3, 2, 15), resource.Root.KeyOf("apiVersion")!.Span);
        Assert.AreEqual("\"name\"", SourceText.Of(text, name.Key.Span));
        Assert.AreEqual(Span(4, 24, 4, 35), name.Value.Span);
        Assert.AreEqual(Span(1, 1, 6, 2), resource.Root.Span);
    }

    [TestMethod]
    public void A_tab_indented_JSON_manifest_is_read_and_a_tab_is_one_column()
    {
        var text = "{\n\t\"apiVersion\": \"v1\",\n\t\"kind\": \"ConfigMap\",\n\t\"metadata\": {\n\t\t\"name\": \"tabbed\"\n\t}\n}\n";
        var loaded = Load(text, "tabbed.json");

        Assert.IsEmpty(loaded.Diagnostics, Describe(loaded.Diagnostics));
        var name = loaded.Objects.Single().Root.MappingAt("metadata")!.GetEntry("name") ?? throw new AssertFailedException("metadata.name is missing");
        Assert.AreEqual(Span(5, 3, 5, 9), name.Key.Span);
        Assert.AreEqual(Span(5, 11, 5, 19), name.Value.Span);
    }

    [TestMethod]
    public void CRLF_line_endings_give_the_same_lines_and_columns_as_LF()
    {
        var lf = Lines("apiVersion: v1", "kind: ConfigMap", "metadata:", "  name: settings", "data:", "  key: value");
        var crlf = lf.Replace("\n", "\r\n");
        var fromLf = Single(lf).Root;
        var fromCrlf = Single(crlf).Root;

        Assert.AreEqual(Span(4, 9, 4, 17), fromCrlf.At("metadata", "name")!.Span);
        Assert.AreEqual(Span(6, 8, 6, 13), fromCrlf.At("data", "key")!.Span);
        Assert.AreEqual("value", fromCrlf.StringAt("data", "key"), "the carriage return is not part of the value");
        Assert.AreEqual(fromLf.Span, fromCrlf.Span);
    }

    [TestMethod]
    public void CRLF_multi_document_files_keep_document_lines()
    {
        var text = "apiVersion: v1\r\nkind: ConfigMap\r\nmetadata: {name: a}\r\n---\r\napiVersion: v1\r\nkind: ConfigMap\r\nmetadata: {name: b}\r\n";
        var resources = Resources(text);

        Assert.AreEqual(Span(7, 18, 7, 19), resources[1].Location.Span);
    }

    [TestMethod]
    public void A_tab_before_a_value_or_a_comment_counts_as_one_column()
    {
        var text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name:\tsettings\t# tab separated\ndata:\n  key: \"a\tb\"\n  next: x\n";
        var root = Single(text).Root;

        Assert.AreEqual(Span(4, 9, 4, 17), root.At("metadata", "name")!.Span);
        Assert.AreEqual("a\tb", root.StringAt("data", "key"));
        Assert.AreEqual(Span(6, 8, 6, 13), root.At("data", "key")!.Span);
        Assert.AreEqual(Span(7, 9, 7, 10), root.At("data", "next")!.Span);
    }

    [TestMethod]
    public void Columns_count_UTF16_code_units_so_an_astral_character_is_two()
    {
        var text = Lines("apiVersion: v1", "kind: ConfigMap", "metadata: {name: x}", "data: {note: \"café 🚀\", after: y}");
        var data = Single(text).Root.MappingAt("data")!;

        Assert.AreEqual(Span(4, 14, 4, 23), data.Get("note")!.Span);
        Assert.AreEqual(Span(4, 32, 4, 33), data.Get("after")!.Span);
    }

    [TestMethod]
    public void A_UTF8_byte_order_mark_is_not_a_column()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Utf8(ConfigMap)).ToArray();
        var loaded = LoadBytes(bytes);

        Assert.IsEmpty(loaded.Diagnostics, Describe(loaded.Diagnostics));
        Assert.AreEqual(Span(1, 1, 1, 11), loaded.Objects.Single().Root.KeyOf("apiVersion")!.Span);
        Assert.AreEqual(Span(4, 9, 4, 17), loaded.Objects.Single().Root.At("metadata", "name")!.Span);
    }

    [TestMethod]
    [DataRow(false, DisplayName = "UTF-16 LE with BOM")]
    [DataRow(true, DisplayName = "UTF-16 BE with BOM")]
    public void A_UTF16_file_with_a_byte_order_mark_is_read_with_the_same_positions(bool bigEndian)
    {
        var encoding = new UnicodeEncoding(bigEndian, byteOrderMark: true);
        var bytes = encoding.GetPreamble().Concat(encoding.GetBytes(ConfigMap)).ToArray();
        var loaded = LoadBytes(bytes);

        Assert.IsEmpty(loaded.Diagnostics, Describe(loaded.Diagnostics));
        var root = loaded.Objects.Single().Root;
        Assert.AreEqual("settings", root.StringAt("metadata", "name"));
        Assert.AreEqual(Span(1, 1, 1, 11), root.KeyOf("apiVersion")!.Span);
        Assert.AreEqual(Span(4, 9, 4, 17), root.At("metadata", "name")!.Span);
    }

    [TestMethod]
    public void Each_document_of_a_rendered_Helm_stream_names_its_chart_template()
    {
        var text = Lines(
            "---",
            "# Source: shop/templates/service.yaml",
            "apiVersion: v1",
            "kind: Service",
            "metadata:",
            "  name: web",
            "---",
            "# Source: shop/templates/deployment.yaml",
            "apiVersion: apps/v1",
            "kind: Deployment",
            "metadata:",
            "  name: web",
            "  labels: {app: web, app: web}",
            "---",
            "# Source: shop/templates/broken.yaml",
            "apiVersion: v1",
            "kind: ConfigMap",
            "metadata: {}",
            "---",
            "apiVersion: v1",
            "kind: ConfigMap",
            "metadata: {name: no-source}");
        var loaded = Load(text);
        var resources = ResourceFactory.Create([loaded], new LoadOptions());

        CollectionAssert.AreEqual(
            new[] { "shop/templates/service.yaml", "shop/templates/deployment.yaml", null },
            resources.Select(r => r.HelmSource).ToArray());
        Assert.AreEqual("shop/templates/deployment.yaml", resources[1].Location.HelmSource);
        Assert.AreEqual(12, resources[1].Location.Span.Start.Line);
        var duplicate = loaded.Diagnostics.Single(d => d.Id == "ML9003");
        Assert.AreEqual("shop/templates/deployment.yaml", duplicate.Location.HelmSource, "a YAML problem names its template too");
        Assert.AreEqual(Span(13, 22, 13, 25), duplicate.Location.Span);
        var missingName = loaded.Diagnostics.Single(d => d.Id == "ML9005");
        Assert.AreEqual("shop/templates/broken.yaml", missingName.Location.HelmSource);
        Assert.AreEqual(Span(18, 1, 18, 9), missingName.Location.Span);
    }
}
