using ManifestLint.Core.Yaml;
using static ManifestLint.Core.Tests.Support.Manifests;

namespace ManifestLint.Core.Tests.Yaml;

/// <summary>
/// Mapping entries and sequence items keep one-line scalars (plain, or quoted without escapes) and small block mappings
/// without nodes of their own (to keep a large run's memory and collection time down), and build nodes on demand. Whatever way an entry is stored, what a caller sees
/// is the same: the same values, styles and exact spans.
/// </summary>
[TestClass]
public sealed class CompactTreeTests
{
    private static MappingNode Root(params string[] lines)
    {
        var loaded = Load(Lines(["apiVersion: v1", "kind: ConfigMap", "metadata:", "  name: compact", .. lines]));
        Assert.IsEmpty(loaded.Diagnostics, Describe(loaded.Diagnostics));
        return loaded.Objects.Single().Root;
    }

    [TestMethod]
    public void A_plain_value_built_on_demand_has_its_exact_span_every_time()
    {
        var root = Root("data:", "  port: 8080");
        var first = root.ScalarAt("data", "port")!;
        var second = root.ScalarAt("data", "port")!;

        Assert.AreEqual("8080", first.Value);
        Assert.AreEqual(ScalarStyle.Plain, first.Style);
        Assert.AreEqual(Span(6, 9, 6, 13), first.Span);
        Assert.AreEqual(first.Span, second.Span);
        Assert.IsTrue(first.TryGetInt32(out var port) && port == 8080);
    }

    [TestMethod]
    public void A_multi_line_plain_value_keeps_the_span_of_all_its_lines()
    {
        var root = Root("data:", "  text: first", "    second", "  next: x");
        var text = root.ScalarAt("data", "text")!;

        Assert.AreEqual("first second", text.Value);
        Assert.AreEqual(Span(6, 9, 7, 11), text.Span);
        Assert.AreEqual(Span(8, 9, 8, 10), root.ScalarAt("data", "next")!.Span);
    }

    [TestMethod]
    public void Quoted_tagged_and_null_values_keep_their_style_tag_and_nullness()
    {
        var root = Root("data:", "  quoted: \"8080\"", "  tagged: !!str 42", "  empty:", "  tilde: ~", "  nullish: 'null'");

        Assert.AreEqual(ScalarStyle.DoubleQuoted, root.ScalarAt("data", "quoted")!.Style);
        Assert.IsFalse(root.ScalarAt("data", "quoted")!.TryGetInt32(out _), "quoted digits are a string");
        Assert.AreEqual("tag:yaml.org,2002:str", root.ScalarAt("data", "tagged")!.Tag);
        Assert.IsFalse(root.ScalarAt("data", "tagged")!.IsPlain);
        Assert.IsTrue(root.ScalarAt("data", "empty")!.IsNull);
        Assert.IsNull(root.StringAt("data", "empty"));
        Assert.IsNull(root.StringAt("data", "tilde"));
        Assert.AreEqual("null", root.StringAt("data", "nullish"));
    }

    [TestMethod]
    public void A_block_mapping_value_spans_from_its_first_key_to_the_end_of_its_last_value()
    {
        var root = Root("spec:", "  selector:", "    app: web", "    tier: front", "  ports: [80]");
        var selector = root.MappingAt("spec", "selector")!;

        Assert.AreEqual(Span(7, 5, 8, 16), selector.Span);
        Assert.AreEqual(2, selector.Count);
        Assert.AreEqual("front", selector.ToStringMap()["tier"]);
        Assert.AreEqual(Span(6, 3, 9, 14), root.MappingAt("spec")!.Span);
    }

    [TestMethod]
    public void Flow_tagged_and_large_mappings_keep_their_own_span_tag_and_every_key()
    {
        var root = Root(["flow: { a: 1, b: 2 }", "tagged: !!map", "  k: v", "large:", .. Enumerable.Range(1, 12).Select(i => $"  key{i}: value{i}"), "empty: {}", "items: [{}, {c: 3}]"]);

        Assert.AreEqual(Span(5, 7, 5, 21), root.MappingAt("flow")!.Span);
        Assert.AreEqual(Span(5, 7, 5, 21), root.GetEntry("flow")!.Value.ValueSpan);
        Assert.AreEqual("2", root.StringAt("flow", "b"));
        Assert.AreEqual(0, root.MappingAt("empty")!.Count);
        Assert.AreEqual(Span(21, 8, 21, 10), root.MappingAt("empty")!.Span);
        Assert.IsNull(root.At("empty", "a"));
        Assert.AreEqual(Span(22, 9, 22, 11), root.At("items", "0")!.Span);
        Assert.AreEqual(Span(22, 13, 22, 19), root.At("items", "1")!.Span);
        Assert.AreEqual("3", root.StringAt("items", "1", "c"));
        Assert.AreEqual("tag:yaml.org,2002:map", root.MappingAt("tagged")!.Tag);
        var large = root.MappingAt("large")!;
        Assert.AreEqual(12, large.Count);
        Assert.AreEqual("value12", large.StringAt("key12"));
        Assert.AreEqual(Span(20, 3, 20, 8), large.KeyOf("key12")!.Span);
    }

    [TestMethod]
    public void Keys_read_without_nodes_match_the_key_nodes()
    {
        var root = Root("data:", "  plain: 1", "  \"quoted key\": 2");
        var entries = root.MappingAt("data")!.Entries;

        Assert.AreSequenceEqual(["plain", "quoted key"], entries.Select(e => e.KeyText).ToArray());
        foreach (var entry in entries)
        {
            Assert.AreEqual(entry.Key.Value, entry.KeyText);
            Assert.AreEqual(entry.Key.Span, entry.KeySpan);
            Assert.AreEqual(entry.Value.Span, entry.ValueSpan);
        }

        Assert.AreEqual(ScalarStyle.DoubleQuoted, entries[1].Key.Style);
        Assert.AreEqual(Span(7, 3, 7, 15), entries[1].KeySpan);
    }

    [TestMethod]
    public void Quoted_keys_and_values_of_a_JSON_manifest_keep_their_style_span_and_string_type()
    {
        var loaded = Load(Lines(
            "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\",",
            " \"metadata\": {\"name\": \"json\"},",
            " \"data\": {\"empty\": \"\", \"nullish\": \"null\", \"single\": 'x', \"escaped\": \"a\\\"b\", \"<<\": \"not a merge\", \"port\": 8080}}"), "test.json");
        Assert.IsEmpty(loaded.Diagnostics, Describe(loaded.Diagnostics));
        var data = loaded.Objects.Single().Root.MappingAt("data")!;

        Assert.AreEqual("", data.StringAt("empty"), "a quoted empty string is a string, not null");
        Assert.AreEqual("null", data.StringAt("nullish"));
        Assert.AreEqual("a\"b", data.StringAt("escaped"));
        Assert.AreEqual("not a merge", data.StringAt("<<"), "a quoted \"<<\" is an ordinary key");
        foreach (var entry in data.Entries)
        {
            Assert.AreEqual(ScalarStyle.DoubleQuoted, entry.Key.Style);
            Assert.AreEqual(entry.Key.Span, entry.KeySpan);
            Assert.AreEqual(entry.Value.Span, entry.ValueSpan);
            Assert.AreEqual(entry.KeySpan.Start.Column + entry.KeyText.Length + 2, entry.KeySpan.End.Column, "the span includes the quotes");
        }

        Assert.AreEqual(Span(3, 20, 3, 22), data.ScalarAt("empty")!.Span);
        Assert.AreEqual(ScalarStyle.SingleQuoted, data.ScalarAt("single")!.Style);
        Assert.AreEqual(Span(3, 69, 3, 75), data.ScalarAt("escaped")!.Span, "an escape keeps the span as written");
        Assert.IsFalse(data.ScalarAt("nullish")!.IsNull);
        Assert.IsTrue(data.ScalarAt("port")!.TryGetInt32(out var port) && port == 8080);
        Assert.IsFalse(data.ScalarAt("single")!.IsPlain);
    }

    [TestMethod]
    public void Merged_entries_and_aliased_mappings_read_like_written_ones()
    {
        var root = Root(
            "base: &base",
            "  cpu: 100m",
            "  memory: 64Mi",
            "limits:",
            "  <<: *base",
            "  memory: 128Mi",
            "copy: *base");

        Assert.AreEqual("100m", root.StringAt("limits", "cpu"));
        Assert.AreEqual("128Mi", root.StringAt("limits", "memory"));
        Assert.AreEqual(Span(6, 3, 6, 6), root.MappingAt("limits")!.KeyOf("cpu")!.Span, "a merged key points where it is written");
        Assert.AreEqual(root.MappingAt("base")!.Span, root.MappingAt("copy")!.Span);
        Assert.AreEqual("64Mi", root.StringAt("copy", "memory"));
    }

    [TestMethod]
    public void A_path_through_sequences_and_inline_mappings_reaches_the_same_nodes()
    {
        var root = Root("spec:", "  containers:", "    - name: web", "      ports:", "        - containerPort: 8080", "          protocol: TCP");

        Assert.AreEqual("8080", root.StringAt("spec", "containers", "0", "ports", "0", "containerPort"));
        Assert.AreEqual(Span(9, 26, 9, 30), root.At("spec", "containers", "0", "ports", "0", "containerPort")!.Span);
        Assert.IsNull(root.At("spec", "containers", "1"));
        Assert.IsNull(root.At("spec", "missing", "deeper"));
        Assert.IsNull(root.StringAt("spec", "containers"), "a sequence is not a string");
        Assert.AreSame(root, root.At());
    }

    [TestMethod]
    public void Sequence_items_of_every_form_keep_their_values_styles_and_spans()
    {
        var root = Root(
            "items:",
            "  - plain",
            "  - \"quoted\"",
            "  - name: web",
            "    port: 80",
            "  - [a, b]",
            "  - {flow: x}",
            "  - &anchored shared",
            "  - *anchored",
            "  -");
        var items = root.SequenceAt("items")!;

        Assert.AreEqual(8, items.Count);
        Assert.AreEqual(Span(6, 5, 6, 10), items[0].Span);
        Assert.AreEqual(ScalarStyle.DoubleQuoted, ((ScalarNode)items[1]).Style);
        Assert.AreEqual(Span(7, 5, 7, 13), items[1].Span);
        Assert.AreEqual(Span(8, 5, 9, 13), items[2].Span, "a block mapping item spans from its first key to its last value");
        Assert.AreEqual(2, ((SequenceNode)items[3]).Count);
        Assert.AreEqual(Span(11, 5, 11, 14), items[4].Span, "a flow mapping keeps its braces");
        Assert.AreEqual("shared", ((ScalarNode)items[6]).Value);
        Assert.AreEqual(items[5].Span, items[6].Span, "an alias reads as the anchored node");
        Assert.IsTrue(((ScalarNode)items[7]).IsNull);
        Assert.AreEqual(Span(6, 3, 14, 4), items.Span);
        CollectionAssert.AreEqual(new[] { "plain", "quoted", null, null, null, "shared", "shared", "" }, items.Items.Select(i => (i as ScalarNode)?.Value).ToArray());
        Assert.AreEqual("web", items.Mappings().Single(m => m.Get("name") is not null).StringAt("name"));
        Assert.AreEqual(2, items.Mappings().Count());
        Assert.AreEqual("80", root.StringAt("items", "2", "port"));
        Assert.IsNull(root.At("items", "8"));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => items[8]);
    }

    [TestMethod]
    public void Sequences_kept_by_their_entries_keep_their_dash_brackets_tag_and_anchor()
    {
        var root = Root(
            "block:",
            "-   first",
            "-   - nested",
            "flow: [ a, [b] ]",
            "empty: []",
            "tagged: !custom [x]",
            "anchored: &list [y]",
            "alias: *list");

        var block = root.SequenceAt("block")!;
        Assert.AreEqual(Span(6, 1, 7, 13), block.Span, "a block sequence starts at its first dash");
        Assert.AreEqual(Span(7, 5, 7, 13), root.At("block", "1")!.Span);
        Assert.AreEqual("nested", root.StringAt("block", "1", "0"));
        Assert.AreEqual(Span(8, 7, 8, 17), root.SequenceAt("flow")!.Span, "a flow sequence keeps its brackets");
        Assert.AreEqual(Span(8, 12, 8, 15), root.At("flow", "1")!.Span);
        Assert.AreEqual("b", root.StringAt("flow", "1", "0"));
        Assert.AreEqual(0, root.SequenceAt("empty")!.Count);
        Assert.AreEqual(Span(9, 8, 9, 10), root.SequenceAt("empty")!.Span);
        Assert.IsNull(root.At("empty", "0"));
        Assert.IsNull(root.At("flow", "2"));
        Assert.IsNull(root.At("flow", "x"));
        Assert.IsNull(root.At("flow", "0", "deeper"), "a scalar has no children");
        Assert.AreEqual("!custom", root.SequenceAt("tagged")!.Tag);
        Assert.AreEqual("y", root.StringAt("alias", "0"));
        Assert.AreEqual(root.SequenceAt("anchored")!.Span, root.SequenceAt("alias")!.Span);
        var entry = root.GetEntry("flow")!.Value;
        Assert.AreEqual(entry.Value.Span, entry.ValueSpan);
    }

    [TestMethod]
    public void A_string_map_reads_the_scalar_entries_in_order_with_null_as_empty()
    {
        var root = Root(["small:", "  b: 2", "  nested: {x: 1}", "  a:", "  list: [1]", "large:", .. Enumerable.Range(1, 12).Select(i => $"  key{i}: value{i}")]);

        var small = root.MappingAt("small")!.ToStringMap();
        Assert.AreEqual(2, small.Count, "a mapping or sequence value is not a string");
        Assert.AreSequenceEqual(["b", "a"], small.Keys.ToArray());
        Assert.AreEqual("", small["a"]);
        Assert.IsFalse(small.ContainsKey("nested"));
        Assert.IsFalse(small.TryGetValue("missing", out _));
        Assert.ThrowsExactly<KeyNotFoundException>(() => small["list"]);
        var large = root.MappingAt("large")!.ToStringMap();
        Assert.AreEqual(12, large.Count);
        Assert.AreEqual("value12", large["key12"]);
        Assert.AreSequenceEqual(Enumerable.Range(1, 12).Select(i => $"value{i}").ToArray(), large.Values.ToArray());
    }

    [TestMethod]
    public void A_sequence_built_by_hand_reads_like_a_parsed_one()
    {
        var web = new MappingNode([new MappingEntry(new ScalarNode("name", ScalarStyle.Plain, Span(2, 5, 2, 9)), new ScalarNode("web", ScalarStyle.Plain, Span(2, 11, 2, 14)))], Span(2, 5, 2, 14));
        var sequence = new SequenceNode([new ScalarNode("first", ScalarStyle.SingleQuoted, Span(1, 3, 1, 10)), web], Span(1, 1, 2, 14), "!custom");

        Assert.AreEqual(2, sequence.Count);
        Assert.AreEqual("!custom", sequence.Tag);
        Assert.AreEqual(ScalarStyle.SingleQuoted, ((ScalarNode)sequence[0]).Style);
        Assert.AreEqual("web", sequence.At("1", "name") is ScalarNode name ? name.Value : null);
        Assert.AreEqual(Span(2, 5, 2, 14), sequence.Mappings().Single().Span);
    }

    [TestMethod]
    public void Documents_keep_their_entries_after_the_buffer_they_were_built_in_is_reused()
    {
        // Entries are built in one buffer per thread, reused by the next document and the next file; a huge document
        // grows it past what is kept. Every document must still read exactly as written once all are loaded.
        static string ConfigMap(string name, int keys) =>
            Lines(["apiVersion: v1", "kind: ConfigMap", "metadata:", $"  name: {name}", "data:", .. Enumerable.Range(0, keys).Select(k => $"  k{k}: {name}-{k}")]);

        var first = Load(ConfigMap("small", 3) + "---\n" + ConfigMap("grown", 600), "first.yaml");
        var second = Load(ConfigMap("huge", 5000) + "---\n" + ConfigMap("after", 2), "second.yaml");
        var third = Load(ConfigMap("last", 40), "third.yaml");

        foreach (var (file, names, sizes) in new[] { (first, new[] { "small", "grown" }, new[] { 3, 600 }), (second, ["huge", "after"], [5000, 2]), (third, ["last"], [40]) })
        {
            CollectionAssert.AreEqual(names, file.Objects.Select(o => o.Name).ToArray());
            var firstKeyLine = 6;
            for (var i = 0; i < names.Length; i++)
            {
                var data = file.Objects[i].Root.MappingAt("data")!;
                Assert.AreEqual(sizes[i], data.Count);
                CollectionAssert.AreEqual(Enumerable.Range(0, sizes[i]).Select(k => $"{names[i]}-{k}").ToArray(), data.Entries.Select(e => e.ValueText).ToArray());
                Assert.AreEqual(Span(firstKeyLine, 3, firstKeyLine, 5), data.Entries[0].KeySpan);
                Assert.AreEqual(Span(firstKeyLine + sizes[i] - 1, 3 + $"k{sizes[i] - 1}: ".Length, firstKeyLine + sizes[i] - 1, 3 + $"k{sizes[i] - 1}: {names[i]}-{sizes[i] - 1}".Length), data.Entries[^1].ValueSpan);
                firstKeyLine += sizes[i] + 6; // the document's keys, its four header lines and "data:", and the separator
            }
        }
    }
}
