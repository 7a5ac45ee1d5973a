using ManifestLint.Core.Model;
using ManifestLint.Core.Yaml;
using static ManifestLint.Core.Tests.Support.Manifests;

namespace ManifestLint.Core.Tests.Loading;

/// <summary>
/// A manifest with sed or envsubst placeholders is a manifest with unknown values: it loads, with every position exact,
/// and each placeholder reads back as written. Real Helm templates are still skipped with ML9008.
/// </summary>
[TestClass]
public sealed class TemplatePlaceholderTests
{
    [TestMethod]
    public void A_sed_placeholder_is_a_plain_scalar_with_its_own_text_and_exact_span()
    {
        var text = Lines(
            "apiVersion: v1",
            "kind: ReplicationController",
            "metadata:",
            "  name: etcd-{{cell}}",
            "spec:",
            "  replicas: {{replicas}}",
            "  selector: {component: etcd, cell: {{ cell }}}",
            "  template:",
            "    metadata:",
            "      labels: {component: etcd, cell: \"{{cell}}\"}",
            "    spec:",
            "      containers: [{name: etcd, image: \"${IMAGE}\", args: [${ARGS}, $PORT]}]");
        var loaded = Load(text);

        Assert.IsEmpty(loaded.Diagnostics, Describe(loaded.Diagnostics));
        var root = loaded.Objects.Single().Root;
        Assert.AreEqual("etcd-{{cell}}", root.StringAt("metadata", "name"));
        var replicas = root.ScalarAt("spec", "replicas")!;
        Assert.AreEqual("{{replicas}}", replicas.Value);
        Assert.AreEqual(Span(6, 13, 6, 25), replicas.Span);
        Assert.IsTrue(replicas.IsPlaceholder);
        Assert.IsFalse(replicas.TryGetInt32(out _), "an unknown number is not a number");
        var cell = root.ScalarAt("spec", "selector", "cell")!;
        Assert.AreEqual("{{ cell }}", cell.Value);
        Assert.AreEqual(Span(7, 37, 7, 47), cell.Span, "inside a flow mapping too");
        var args = (SequenceNode)((SequenceNode)root.At("spec", "template", "spec", "containers")!)[0].At("args")!;
        Assert.AreEqual("${ARGS},$PORT", string.Join(",", args.Items.Select(i => ((ScalarNode)i).Value)));
        Assert.IsTrue(args.Items.All(i => ((ScalarNode)i).IsPlaceholder));
    }

    [TestMethod]
    public void Comments_and_placeholder_keys_are_read_as_written()
    {
        var text = Lines(
            "apiVersion: v1",
            "kind: ConfigMap",
            "metadata: {name: c}   # {{not_a_value}}",
            "data:",
            "  {{key}}: x");
        var loaded = Load(text);

        Assert.IsEmpty(loaded.Diagnostics, Describe(loaded.Diagnostics));
        Assert.AreEqual("{{key}}", ((MappingNode)loaded.Objects.Single().Root.At("data")!).Entries.Single().KeyText);
        Assert.AreEqual("{{not_a_value}}", loaded.Comments.Single().Text);
    }

    [TestMethod]
    public void A_Helm_template_with_a_bare_keyword_or_a_real_action_is_still_skipped()
    {
        var text = Lines(
            "apiVersion: v1",
            "kind: Service",
            "metadata:",
            "  name: {{name}}",
            "spec:",
            "  {{ if .Values.headless }}",
            "  clusterIP: None",
            "  {{ end }}");
        var loaded = Load(text);

        var note = loaded.Diagnostics.Single();
        Assert.AreEqual("ML9008", note.Id);
        Assert.AreEqual(Span(6, 3, 6, 4), note.Location.Span, "at the first real template action, not at the placeholder");
        Assert.IsEmpty(loaded.Objects);
    }

    [TestMethod]
    [DataRow("{{replicas}}", true)]
    [DataRow("{{ replicas }}", true)]
    [DataRow("etcd-{{cell}}", true)]
    [DataRow("${IMAGE}", true)]
    [DataRow("repo/${NAME}:v1", true)]
    [DataRow("$PORT", true)]
    [DataRow("{{ .Values.port }}", false)]
    [DataRow("{{- include \"x\" . }}", false)]
    [DataRow("{{ end }}", false)]
    [DataRow("{{ name | quote }}", false)]
    [DataRow("$1", false)]
    [DataRow("cost: $5", false)]
    [DataRow("${}", false)]
    [DataRow("8080", false)]
    [DataRow(null, false)]
    public void IsPlaceholder_says_whether_the_real_value_is_unknown(string? value, bool expected) =>
        Assert.AreEqual(expected, TemplatePlaceholders.IsPlaceholder(value), value);
}
