using ManifestLint.Core.Engine;
using ManifestLint.Core.Model;
using static ManifestLint.Core.Tests.Support.Manifests;

namespace ManifestLint.Core.Tests.Loading;

/// <summary>
/// A manifests folder also holds other YAML: Helm chart sources, kustomize files, CI workflows. Templates are skipped
/// with a note; other tools' files are skipped quietly; a rendered manifest that merely contains "{{" is analyzed.
/// </summary>
[TestClass]
public sealed class NonKubernetesInputTests
{
    [TestMethod]
    public void An_unrendered_Helm_template_is_skipped_with_ML9008_at_its_first_template_action()
    {
        var text = Lines(
            "apiVersion: v1",
            "kind: Service",
            "metadata:",
            "  name: {{ include \"chart.fullname\" . }}",
            "spec:",
            "  {{- if .Values.headless }}",
            "  clusterIP: None",
            "  {{- end }}");
        var loaded = Load(text, "templates/service.yaml");

        var note = loaded.Diagnostics.Single();
        Assert.AreEqual("ML9008", note.Id);
        Assert.AreEqual(Severity.Info, note.Severity);
        Assert.AreEqual(Span(4, 9, 4, 10), note.Location.Span);
        Assert.IsEmpty(loaded.Objects);
    }

    [TestMethod]
    public void A_template_whose_actions_happen_to_parse_as_YAML_is_still_recognized()
    {
        // "{{ .Values.name }}" is a flow mapping used as a key: valid YAML, but no manifest has one.
        var loaded = Load(Lines("apiVersion: v1", "kind: ConfigMap", "metadata:", "  name: {{ .Values.name }}"));

        Assert.AreEqual("ML9008", loaded.Diagnostics.Single().Id);
        Assert.IsEmpty(loaded.Objects);
    }

    [TestMethod]
    public void A_rendered_ConfigMap_containing_template_braces_in_a_string_is_analyzed()
    {
        var text = Lines(
            "apiVersion: v1",
            "kind: ConfigMap",
            "metadata:",
            "  name: alertmanager-templates",
            "data:",
            "  slack.tmpl: |",
            "    {{ define \"slack.title\" }}[{{ .Status | toUpper }}] {{ .CommonLabels.alertname }}{{ end }}",
            "  inline: \"{{ .Values.x }}\"");
        var loaded = Load(text);

        Assert.IsEmpty(loaded.Diagnostics, Describe(loaded.Diagnostics));
        Assert.AreEqual("alertmanager-templates", loaded.Objects.Single().Name);
    }

    [TestMethod]
    public void A_kustomization_file_is_skipped_quietly()
    {
        var text = Lines(
            "apiVersion: kustomize.config.k8s.io/v1beta1",
            "kind: Kustomization",
            "namespace: shop",
            "resources:",
            "- deployment.yaml");

        var loaded = Load(text, "kustomization.yaml");

        Assert.IsEmpty(loaded.Diagnostics, Describe(loaded.Diagnostics));
        Assert.IsEmpty(loaded.Objects);
    }

    [TestMethod]
    public void A_kustomize_component_is_skipped_quietly()
    {
        var loaded = Load(Lines("apiVersion: kustomize.config.k8s.io/v1alpha1", "kind: Component", "resources:", "- policy.yaml"), "kustomization.yaml");

        Assert.IsEmpty(loaded.Diagnostics, Describe(loaded.Diagnostics));
        Assert.IsEmpty(loaded.Objects);
    }

    [TestMethod]
    public void A_Flux_Kustomization_is_a_cluster_object_and_is_loaded()
    {
        var loaded = Load(Lines("apiVersion: kustomize.toolkit.fluxcd.io/v1", "kind: Kustomization", "metadata: {name: apps, namespace: flux-system}"));

        Assert.AreEqual("Kustomization", loaded.Objects.Single().Kind);
    }

    [TestMethod]
    public void A_Helm_Chart_yaml_is_skipped_quietly()
    {
        var text = Lines(
            "apiVersion: v2",
            "name: shop",
            "description: An online shop",
            "type: application",
            "version: 0.1.0",
            "appVersion: \"1.16.0\"",
            "dependencies:",
            "- name: redis",
            "  version: 17.x.x",
            "  repository: https://charts.bitnami.com/bitnami");

        var loaded = Load(text, "Chart.yaml");

        Assert.IsEmpty(loaded.Diagnostics, Describe(loaded.Diagnostics));
        Assert.IsEmpty(loaded.Objects);
    }

    [TestMethod]
    public void A_GitHub_workflow_is_skipped_quietly()
    {
        var text = Lines(
            "name: CI",
            "on:",
            "  push:",
            "    branches: [main]",
            "jobs:",
            "  build:",
            "    runs-on: ubuntu-latest",
            "    steps:",
            "      - uses: actions/checkout@v4",
            "      - run: echo \"${{ github.sha }}\"");

        var loaded = Load(text, ".github/workflows/ci.yml");

        Assert.IsEmpty(loaded.Diagnostics, Describe(loaded.Diagnostics));
        Assert.IsEmpty(loaded.Objects);
    }

    [TestMethod]
    public void Helm_values_and_an_Ansible_playbook_are_skipped_quietly()
    {
        Assert.IsEmpty(Load(Lines("replicaCount: 2", "image:", "  repository: nginx", "service: {type: ClusterIP, port: 80}"), "values.yaml").Diagnostics);
        Assert.IsEmpty(Load(Lines("- hosts: all", "  tasks:", "    - name: ping", "      ping: {}"), "playbook.yml").Diagnostics);
    }

    [TestMethod]
    public void A_manifest_missing_only_its_kind_is_still_reported()
    {
        // Skipping files that are not Kubernetes objects must not hide a manifest that forgot its kind.
        var loaded = Load(Lines("apiVersion: v1", "metadata:", "  name: forgot-kind", "data: {a: b}"));

        Assert.AreEqual("ML9005", loaded.Diagnostics.Single().Id);
    }

    [TestMethod]
    public void A_custom_resource_is_loaded_like_any_object()
    {
        var resource = Single(Lines("apiVersion: example.com/v1", "kind: Widget", "metadata: {name: w, namespace: shop}"));

        Assert.AreEqual(("example.com", "v1", "Widget", "shop"), (resource.Group, resource.Version, resource.Kind, resource.Namespace));
        Assert.IsFalse(KnownKinds.IsClusterScopedBuiltIn("Widget"));
    }

    [TestMethod]
    public void A_JSON_data_file_that_is_not_one_JSON_value_is_skipped_quietly()
    {
        // istio's bookinfo ratings_data.json: a mongo import, one object per line.
        var loaded = Load(Lines("{rating: 5}", "{rating: 4}"), "src/mongodb/ratings_data.json");

        Assert.IsEmpty(loaded.Diagnostics, Describe(loaded.Diagnostics));
        Assert.IsEmpty(loaded.Objects);
    }

    [TestMethod]
    public void A_broken_JSON_manifest_and_broken_YAML_are_still_reported()
    {
        Assert.AreEqual("ML9001", Load("{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\",\n", "cm.json").Diagnostics.Single().Id);
        Assert.AreEqual("ML9001", Load(Lines("{rating: 5}", "{rating: 4}"), "data.yaml").Diagnostics.Single().Id,
            "a broken YAML file in a manifests folder is most likely a manifest");
    }

    [TestMethod]
    [DataRow("kind: [Deployment]\nmetadata: {name: web}\n", DisplayName = "kind a list")]
    [DataRow("kind:\nmetadata: {name: web}\n", DisplayName = "kind null")]
    public void A_document_whose_kind_is_not_a_string_and_that_has_no_apiVersion_is_skipped_quietly(string text)
    {
        // Found by the pipeline fuzzer: such a document reached the group lookup without an apiVersion and crashed the run.
        var loaded = Load(text);

        Assert.IsEmpty(loaded.Diagnostics, Describe(loaded.Diagnostics));
        Assert.IsEmpty(loaded.Objects);
    }
}
