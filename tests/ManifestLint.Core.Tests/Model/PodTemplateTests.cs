using ManifestLint.Core.Loading;
using ManifestLint.Core.Model;
using static ManifestLint.Core.Tests.Support.Manifests;

namespace ManifestLint.Core.Tests.Model;

/// <summary>The pods a resource creates, found at the right place for every kind that creates pods.</summary>
[TestClass]
public sealed class PodTemplateTests
{
    /// <summary>The pod metadata and spec, indented to sit wherever the owner keeps its template.</summary>
    private static string Template(int indent) => string.Join("\n", new[]
    {
        "metadata:",
        "  labels: {app: web}",
        "spec:",
        "  containers:",
        "  - name: main",
        "    ports: [{name: http, containerPort: 8080}]",
        "  initContainers:",
        "  - name: sidecar",
        "    restartPolicy: Always",
        "    ports: [{containerPort: 9090, protocol: UDP}]",
        "  - name: setup",
    }.Select(line => new string(' ', indent) + line)) + "\n";

    [TestMethod]
    [DataRow("v1", "Pod", "", 0, DisplayName = "Pod")]
    [DataRow("apps/v1", "Deployment", "spec:\n  selector: {matchLabels: {app: web}}\n  template:\n", 4, DisplayName = "Deployment")]
    [DataRow("apps/v1", "StatefulSet", "spec:\n  serviceName: web\n  template:\n", 4, DisplayName = "StatefulSet")]
    [DataRow("apps/v1", "DaemonSet", "spec:\n  template:\n", 4, DisplayName = "DaemonSet")]
    [DataRow("apps/v1", "ReplicaSet", "spec:\n  template:\n", 4, DisplayName = "ReplicaSet")]
    [DataRow("v1", "ReplicationController", "spec:\n  selector: {app: web}\n  template:\n", 4, DisplayName = "ReplicationController")]
    [DataRow("batch/v1", "Job", "spec:\n  template:\n", 4, DisplayName = "Job")]
    [DataRow("batch/v1", "CronJob", "spec:\n  schedule: '* * * * *'\n  jobTemplate:\n    spec:\n      template:\n", 8, DisplayName = "CronJob jobTemplate")]
    [DataRow("argoproj.io/v1alpha1", "Rollout", "spec:\n  template:\n", 4, DisplayName = "Argo Rollout")]
    [DataRow("apps.openshift.io/v1", "DeploymentConfig", "spec:\n  template:\n", 4, DisplayName = "OpenShift DeploymentConfig")]
    public void Every_built_in_owner_yields_its_pod_template(string apiVersion, string kind, string path, int indent)
    {
        // A Pod is its own template: its metadata carries the labels.
        var text = kind == "Pod"
            ? $"apiVersion: v1\nkind: Pod\n{Template(0).Replace("metadata:\n", "metadata:\n  name: web\n  namespace: shop\n")}"
            : $"apiVersion: {apiVersion}\nkind: {kind}\nmetadata:\n  name: web\n  namespace: shop\n{path}{Template(indent)}";
        var index = BuildIndex(text);

        var template = index.PodTemplateOf(index.Resources.Single());

        Assert.IsNotNull(template, $"{kind} creates pods");
        Assert.AreEqual("web", template.Labels["app"]);
        Assert.AreEqual("shop", template.Namespace);
        Assert.AreEqual("main,sidecar,setup", string.Join(",", template.Containers.Select(c => c.Name)));
        Assert.AreEqual("main:http=8080/TCP,sidecar:9090/UDP", string.Join(",", template.ServingPorts().Select(p => $"{p.Container.Name}:{p.Port}")),
            "a restartPolicy: Always init container is a sidecar that serves; a plain init container does not");
        Assert.AreSame(template, index.SelectPods("shop", LabelSelector.Everything).Single());
    }

    [TestMethod]
    public void A_Deployment_under_an_unknown_group_does_not_create_pods()
    {
        var index = BuildIndex(Lines("apiVersion: example.com/v1", "kind: Deployment", "metadata: {name: web}", "spec:", "  template:", "    metadata: {labels: {app: web}}"));

        Assert.IsNull(index.PodTemplateOf(index.Resources.Single()));
        Assert.IsEmpty(index.PodTemplates);
    }

    [TestMethod]
    public void A_configured_owner_yields_its_pod_template()
    {
        var owner = new PodTemplateOwner("apps.example.com", "WebApp", ["spec", "podTemplate"], ["spec", "selector"]);
        var options = new LoadOptions { ExtraPodTemplateOwners = [owner] };
        var index = BuildIndex(Lines(
            "apiVersion: apps.example.com/v1",
            "kind: WebApp",
            "metadata: {name: store}",
            "spec:",
            "  selector: {matchLabels: {app: store}}",
            "  podTemplate:",
            "    metadata: {labels: {app: store}}",
            "    spec:",
            "      containers: [{name: main, ports: [{containerPort: 80}]}]"), options);

        var template = index.PodTemplateOf(index.Resources.Single());

        Assert.IsNotNull(template);
        Assert.AreSame(owner, template.OwnerKind);
        Assert.AreEqual("store", template.Labels["app"]);
        Assert.AreEqual(80, template.ServingPorts().Single().Port.Number);
    }

    [TestMethod]
    [DataRow("v1", "Pod", "", 1)]
    [DataRow("apps/v1", "Deployment", "", 1)]
    [DataRow("apps/v1", "Deployment", "  replicas: 3\n", 3)]
    [DataRow("apps/v1", "StatefulSet", "  replicas: 0\n", 0)]
    [DataRow("apps/v1", "Deployment", "  replicas: \"3\"\n", null)]
    [DataRow("apps/v1", "DaemonSet", "", null)]
    [DataRow("batch/v1", "Job", "  parallelism: 4\n", null)]
    public void Replicas_are_read_where_the_kind_has_a_number_of_pods(string apiVersion, string kind, string replicas, int? expected)
    {
        var text = $"apiVersion: {apiVersion}\nkind: {kind}\nmetadata: {{name: x}}\n" +
            (kind == "Pod" ? "spec: {containers: [{name: c}]}\n" : $"spec:\n{replicas}  template:\n    metadata: {{labels: {{app: x}}}}\n");
        var index = BuildIndex(text);

        Assert.AreEqual(expected, index.PodTemplateOf(index.Resources.Single())!.Replicas);
    }

    [TestMethod]
    public void An_owner_without_a_template_has_no_pod_template_and_does_not_break_the_index()
    {
        var index = BuildIndex(Lines("apiVersion: apps/v1", "kind: Deployment", "metadata: {name: empty}", "spec: {replicas: 1}"));

        Assert.IsNull(index.PodTemplateOf(index.Resources.Single()));
    }
}
