using ManifestLint.Core.Loading;
using static ManifestLint.Core.Tests.Support.Manifests;

namespace ManifestLint.Core.Tests.Model;

/// <summary>Which namespace an object is in, as kubectl apply would put it there.</summary>
[TestClass]
public sealed class NamespaceTests
{
    [TestMethod]
    public void An_object_without_a_namespace_is_in_the_default_namespace()
    {
        Assert.AreEqual("default", Single(Lines("apiVersion: v1", "kind: ConfigMap", "metadata: {name: a}")).Namespace);
    }

    [TestMethod]
    public void An_empty_namespace_means_the_default_namespace()
    {
        Assert.AreEqual("default", Single(Lines("apiVersion: v1", "kind: ConfigMap", "metadata: {name: a, namespace: \"\"}")).Namespace);
    }

    [TestMethod]
    public void The_run_default_namespace_replaces_default()
    {
        var options = new LoadOptions { DefaultNamespace = "team-a" };

        Assert.AreEqual("team-a", Single(Lines("apiVersion: v1", "kind: ConfigMap", "metadata: {name: a}"), options).Namespace);
        Assert.AreEqual("shop", Single(Lines("apiVersion: v1", "kind: ConfigMap", "metadata: {name: a, namespace: shop}"), options).Namespace);
    }

    [TestMethod]
    [DataRow("v1", "Namespace")]
    [DataRow("v1", "PersistentVolume")]
    [DataRow("rbac.authorization.k8s.io/v1", "ClusterRole")]
    [DataRow("rbac.authorization.k8s.io/v1", "ClusterRoleBinding")]
    [DataRow("storage.k8s.io/v1", "StorageClass")]
    [DataRow("apiextensions.k8s.io/v1", "CustomResourceDefinition")]
    [DataRow("cert-manager.io/v1", "ClusterIssuer")]
    public void A_cluster_scoped_kind_has_no_namespace_even_when_one_is_written(string apiVersion, string kind)
    {
        var resource = Single(Lines($"apiVersion: {apiVersion}", $"kind: {kind}", "metadata: {name: x, namespace: ignored}"));

        Assert.IsNull(resource.Namespace);
        Assert.AreEqual($"{kind}/x", resource.Reference.ToString());
    }

    [TestMethod]
    public void A_CRD_in_the_input_declaring_cluster_scope_makes_its_kind_cluster_scoped_in_every_file()
    {
        var options = new LoadOptions();
        var resources = Resources(options,
            ("a-widgets.yaml", Lines(
                "apiVersion: example.com/v1",
                "kind: Widget",
                "metadata: {name: global}",
                "---",
                "apiVersion: example.com/v1",
                "kind: Gadget",
                "metadata: {name: local}",
                "---",
                "apiVersion: other.io/v1",
                "kind: Widget",
                "metadata: {name: same-kind-other-group}")),
            ("b-crds.yaml", Lines(
                "apiVersion: apiextensions.k8s.io/v1",
                "kind: CustomResourceDefinition",
                "metadata: {name: widgets.example.com}",
                "spec:",
                "  group: example.com",
                "  scope: Cluster",
                "  names: {kind: Widget, plural: widgets}",
                "---",
                "apiVersion: apiextensions.k8s.io/v1",
                "kind: CustomResourceDefinition",
                "metadata: {name: gadgets.example.com}",
                "spec:",
                "  group: example.com",
                "  scope: Namespaced",
                "  names: {kind: Gadget, plural: gadgets}")));

        Assert.IsNull(resources.Single(r => r.Name == "global").Namespace, "declared cluster-scoped by a CRD in a later file");
        Assert.AreEqual("default", resources.Single(r => r.Name == "local").Namespace);
        Assert.AreEqual("default", resources.Single(r => r.Name == "same-kind-other-group").Namespace, "scope belongs to the CRD's group");
    }
}
