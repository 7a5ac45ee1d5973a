using System.Text;
using ManifestLint.Core.Engine;
using ManifestLint.Core.Loading;
using ManifestLint.Core.Model;
using ManifestLint.Core.Tests.Support;
using static ManifestLint.Core.Tests.Support.Manifests;

namespace ManifestLint.Core.Tests.Loading;

/// <summary>Bad input becomes located diagnostics; it never throws and never costs the results of other documents or files.</summary>
[TestClass]
public sealed class BadInputTests
{
    [TestMethod]
    public void A_syntax_error_loses_only_its_own_document()
    {
        var text = Lines(
            "apiVersion: v1",
            "kind: ConfigMap",
            "metadata: {name: before}",
            "---",
            "apiVersion: v1",
            "kind: ConfigMap",
            "metadata: {name: broken}",
            "data:",
            "  key: \"unterminated",
            "---",
            "apiVersion: v1",
            "kind: ConfigMap",
            "metadata: {name: after}");
        var loaded = Load(text);

        Assert.AreEqual("before,after", string.Join(",", loaded.Objects.Select(o => o.Name)));
        var error = loaded.Diagnostics.Single();
        Assert.AreEqual("ML9001", error.Id);
        Assert.AreEqual(Severity.Error, error.Severity);
        Assert.AreEqual(9, error.Location.Span.Start.Line);
        Assert.AreEqual(8, error.Location.Span.Start.Column, "the error points at the opening quote");
        Assert.AreEqual(Span(13, 18, 13, 23), loaded.Objects[1].Root.At("metadata", "name")!.Span, "positions after the error are still absolute");
    }

    [TestMethod]
    public void An_unclosed_flow_collection_loses_only_its_own_document()
    {
        var text = Lines(
            "apiVersion: v1",
            "kind: ConfigMap",
            "metadata: {name: broken}",
            "data: {key: [a, b}",
            "---",
            "apiVersion: v1",
            "kind: ConfigMap",
            "metadata: {name: after}");
        var loaded = Load(text);

        Assert.AreEqual("after", string.Join(",", loaded.Objects.Select(o => o.Name)));
        Assert.AreEqual(4, loaded.Diagnostics.Single(d => d.Id == "ML9001").Location.Span.Start.Line);
    }

    [TestMethod]
    public void A_flow_collection_left_open_at_a_separator_loses_only_its_own_document()
    {
        var text = Lines(
            "apiVersion: v1",
            "kind: ConfigMap",
            "metadata: {name: broken}",
            "data: {key: [a, b",
            "---",
            "apiVersion: v1",
            "kind: ConfigMap",
            "metadata: {name: after}");
        var loaded = Load(text);

        Assert.AreEqual("after", string.Join(",", loaded.Objects.Select(o => o.Name)), Describe(loaded.Diagnostics));
        Assert.AreEqual("ML9001", loaded.Diagnostics.Single().Id);
    }

    [TestMethod]
    public void A_duplicate_key_is_reported_at_the_second_key_and_the_first_value_is_kept()
    {
        var text = Lines(
            "apiVersion: v1",
            "kind: ConfigMap",
            "metadata:",
            "  name: first",
            "  name: second");
        var loaded = Load(text);

        var duplicate = loaded.Diagnostics.Single();
        Assert.AreEqual("ML9003", duplicate.Id);
        Assert.AreEqual(Span(5, 3, 5, 7), duplicate.Location.Span);
        StringAssert.Contains(duplicate.Message, "line 4");
        Assert.AreEqual("first", loaded.Objects.Single().Name);
    }

    [TestMethod]
    public void A_duplicate_key_in_a_flow_mapping_is_reported_too()
    {
        var loaded = Load(Lines("apiVersion: v1", "kind: ConfigMap", "metadata: {name: a, name: b}"));

        Assert.AreEqual(Span(3, 21, 3, 25), loaded.Diagnostics.Single(d => d.Id == "ML9003").Location.Span);
    }

    [TestMethod]
    public void A_non_scalar_key_is_valid_YAML_reported_as_not_a_Kubernetes_object_not_as_a_syntax_error()
    {
        var loaded = Load(Lines("apiVersion: v1", "kind: ConfigMap", "metadata: {name: a}", "data:", "  ? [x, y]", "  : value", "  plain: kept"));

        var problem = loaded.Diagnostics.Single();
        Assert.AreEqual("ML9004", problem.Id);
        Assert.AreEqual(Span(5, 5, 5, 11), problem.Location.Span);
        Assert.AreEqual("kept", loaded.Objects.Single().Root.StringAt("data", "plain"), "the rest of the document is analyzed");
    }

    [TestMethod]
    public void A_document_that_is_a_sequence_or_a_scalar_in_a_manifest_stream_is_reported()
    {
        var text = Lines(
            "apiVersion: v1",
            "kind: ConfigMap",
            "metadata: {name: a}",
            "---",
            "- apiVersion: v1",
            "  kind: ConfigMap",
            "  metadata: {name: b}",
            "---",
            "stray text");
        var loaded = Load(text);

        Assert.AreEqual("a", loaded.Objects.Single().Name);
        var problems = loaded.Diagnostics.Where(d => d.Id == "ML9004").ToList();
        Assert.HasCount(2, problems, Describe(loaded.Diagnostics));
        Assert.AreEqual(Span(5, 1, 5, 2), problems[0].Location.Span);
        StringAssert.Contains(problems[0].Message, "sequence");
        Assert.AreEqual(Span(9, 1, 9, 2), problems[1].Location.Span);
        StringAssert.Contains(problems[1].Message, "scalar");
    }

    [TestMethod]
    public void An_empty_document_and_an_empty_file_are_not_problems()
    {
        Assert.IsEmpty(Load("").Diagnostics);
        Assert.IsEmpty(Load("---\n---\n# only a comment\n").Diagnostics);
        Assert.IsEmpty(Load(Lines("apiVersion: v1", "kind: ConfigMap", "metadata: {name: a}", "---", "---")).Diagnostics);
    }

    [TestMethod]
    public void Missing_apiVersion_kind_or_name_is_reported_where_the_object_says_what_it_is()
    {
        var text = Lines(
            "kind: ConfigMap",
            "metadata: {name: no-api-version}",
            "---",
            "apiVersion: v1",
            "metadata: {name: no-kind}",
            "---",
            "apiVersion: v1",
            "kind: ConfigMap",
            "metadata:",
            "  labels: {app: x}",
            "---",
            "apiVersion: v1",
            "kind: ConfigMap",
            "data: {}",
            "---",
            "apiVersion: v1",
            "kind: Pod",
            "metadata: {generateName: worker-}",
            "---",
            "apiVersion: v1",
            "kind: ConfigMap",
            "metadata: {name: fine}");
        var loaded = Load(text);

        Assert.AreEqual("worker-,fine", string.Join(",", loaded.Objects.Select(o => o.Name)), "a generateName object is loaded under its prefix");
        var missing = loaded.Diagnostics.Where(d => d.Id == "ML9005").ToList();
        Assert.HasCount(4, missing, Describe(loaded.Diagnostics));
        Assert.AreEqual(Span(1, 1, 1, 5), missing[0].Location.Span, "no apiVersion: at kind");
        Assert.AreEqual(Span(4, 1, 4, 11), missing[1].Location.Span, "no kind: at apiVersion");
        Assert.AreEqual(Span(9, 1, 9, 9), missing[2].Location.Span, "no name: at metadata");
        Assert.AreEqual(Span(13, 1, 13, 5), missing[3].Location.Span, "no metadata: at kind");
        Assert.HasCount(4, loaded.Diagnostics, "generateName needs no name");
    }

    [TestMethod]
    public void Invalid_UTF8_is_reported_at_the_exact_line_and_column_of_the_bad_byte()
    {
        // "é" before the bad byte is two bytes but one column.
        var bytes = Utf8("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: café-")
            .Append((byte)0xC3).Append((byte)0x28)
            .Concat(Utf8("}\n")).ToArray();
        var loaded = LoadBytes(bytes);

        var problem = loaded.Diagnostics.Single();
        Assert.AreEqual("ML9002", problem.Id);
        Assert.AreEqual(Span(3, 23, 3, 24), problem.Location.Span);
        StringAssert.Contains(problem.Message, "0xC3");
        Assert.IsEmpty(loaded.Objects);
    }

    [TestMethod]
    public void A_binary_file_is_reported_at_its_first_NUL_byte()
    {
        var bytes = Utf8("apiVersion: v1\nki").Append((byte)0).Concat(new byte[] { 1, 2, 0xFF }).ToArray();
        var problem = LoadBytes(bytes).Diagnostics.Single();

        Assert.AreEqual("ML9002", problem.Id);
        Assert.AreEqual(Span(2, 3, 2, 4), problem.Location.Span);
    }

    [TestMethod]
    [DataRow(false, true, DisplayName = "UTF-32 LE with BOM")]
    [DataRow(true, true, DisplayName = "UTF-32 BE with BOM")]
    [DataRow(false, false, DisplayName = "UTF-32 LE without BOM")]
    public void A_UTF32_file_is_reported_as_not_UTF8(bool bigEndian, bool withBom)
    {
        var encoding = new UTF32Encoding(bigEndian, withBom);
        var bytes = encoding.GetPreamble().Concat(encoding.GetBytes("apiVersion: v1\n")).ToArray();
        var problem = LoadBytes(bytes).Diagnostics.Single();

        Assert.AreEqual("ML9002", problem.Id);
        Assert.AreEqual(1, problem.Location.Span.Start.Line);
    }

    [TestMethod]
    public void A_file_over_the_size_limit_is_refused_without_being_parsed()
    {
        var text = Lines("apiVersion: v1", "kind: ConfigMap", "metadata: {name: big}");
        var options = new LoadOptions { MaxFileSizeBytes = 20 };
        var inMemory = Load(text, options: options);

        Assert.AreEqual("ML9006", inMemory.Diagnostics.Single().Id);
        StringAssert.Contains(inMemory.Diagnostics.Single().Message, "over the limit of 20 bytes");
        Assert.IsEmpty(inMemory.Objects);
        Assert.IsEmpty(Load(text, options: options with { MaxFileSizeBytes = Encoding.UTF8.GetByteCount(text) }).Diagnostics, "the limit itself is allowed");

        using var directory = new TemporaryDirectory();
        var onDisk = ManifestLoader.Load(new InputFile(new SourceFile("big.yaml", directory.Write("big.yaml", text))), options);
        Assert.AreEqual("ML9006", onDisk.Diagnostics.Single().Id);
    }

    [TestMethod]
    public void An_alias_bomb_is_refused_with_a_limit_diagnostic()
    {
        var text = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: lol}\ndata:\n  a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i <= 9; i++)
        {
            text.Append($"  a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]\n");
        }

        var loaded = Load(text.ToString());

        var limit = loaded.Diagnostics.Single();
        Assert.AreEqual("ML9007", limit.Id);
        Assert.IsEmpty(loaded.Objects, "the document was not analyzed");
    }

    [TestMethod]
    public void An_alias_within_the_limit_resolves_to_the_anchored_node()
    {
        var text = Lines(
            "apiVersion: v1",
            "kind: Pod",
            "metadata:",
            "  name: web",
            "  labels: &labels {app: web}",
            "  annotations: *labels");
        var root = Single(text).Root;

        Assert.AreSame(root.At("metadata", "labels"), root.At("metadata", "annotations"));
    }

    [TestMethod]
    public void An_alias_to_an_undefined_anchor_is_a_syntax_error_at_the_alias()
    {
        var loaded = Load(Lines("apiVersion: v1", "kind: ConfigMap", "metadata: {name: a}", "data: {key: *missing}"));

        var error = loaded.Diagnostics.Single();
        Assert.AreEqual("ML9001", error.Id);
        Assert.AreEqual(Span(4, 13, 4, 21), error.Location.Span);
    }

    [TestMethod]
    [DataRow("flow", DisplayName = "100,000 nested flow sequences")]
    [DataRow("block", DisplayName = "100,000 nested block sequences")]
    [DataRow("flow-mapping", DisplayName = "100,000 nested flow mappings")]
    public void Deep_nesting_is_refused_without_overflowing_the_stack(string style)
    {
        const int depth = 100_000;
        var nested = style switch
        {
            "flow" => new string('[', depth) + new string(']', depth),
            "block" => "\n  " + string.Concat(Enumerable.Repeat("- ", depth)) + "x", // compact nested sequences: - - - x
            _ => string.Concat(Enumerable.Repeat("{a: ", depth)) + "x" + new string('}', depth),
        };
        var text = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata:\n  deep: " + nested + "\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: after}\n";

        // A dedicated thread with a small stack: recursion proportional to the depth would overflow it and kill the run.
        LoadedFile? loaded = null;
        var thread = new Thread(() => loaded = Load(text), maxStackSize: 1024 * 1024);
        thread.Start();
        thread.Join();

        Assert.AreEqual("ML9007", loaded!.Diagnostics.Single().Id, Describe(loaded.Diagnostics));
        Assert.AreEqual("after", string.Join(",", loaded.Objects.Select(o => o.Name)), "the next document still loads");
    }

    [TestMethod]
    public void Merge_keys_merge_the_anchored_mapping_and_explicit_keys_win()
    {
        var text = Lines(
            "apiVersion: v1",
            "kind: ConfigMap",
            "metadata:",
            "  name: merged",
            "  labels: &base {app: web, tier: front}",
            "  annotations:",
            "    <<: *base",
            "    tier: back",
            "data:",
            "  <<: [{a: first, b: first}, {a: second, c: second}]");
        var root = Single(text).Root;
        var annotations = root.MappingAt("metadata", "annotations")!;

        Assert.AreEqual("web", annotations.StringAt("app"));
        Assert.AreEqual("back", annotations.StringAt("tier"), "an explicit key wins over a merged one");
        Assert.AreEqual(Span(5, 23, 5, 26), annotations.Get("app")!.Span, "a merged value keeps its own position");
        Assert.IsNull(annotations.Get("<<"));
        var data = root.MappingAt("data")!;
        Assert.AreEqual("first", data.StringAt("a"), "earlier mappings in a merge list win");
        Assert.AreEqual("second", data.StringAt("c"));
    }
}
