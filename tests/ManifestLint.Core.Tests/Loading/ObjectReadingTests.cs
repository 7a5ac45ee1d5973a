using ManifestLint.TestSupport;
using static ManifestLint.Core.Tests.Support.Manifests;

namespace ManifestLint.Core.Tests.Loading;

/// <summary>How documents become objects: list items, generated names, and what is never dropped without a word.</summary>
[TestClass]
public sealed class ObjectReadingTests
{
    [TestMethod]
    public void A_typed_list_item_without_kind_is_of_the_list_item_kind_in_the_list_apiVersion()
    {
        // What the API returns (kubectl get --raw /api/v1/namespaces/shop/pods): the items carry no kind or apiVersion.
        var text = Lines(
            "apiVersion: apps/v1",
            "kind: DeploymentList",
            "items:",
            "- metadata: {name: web, namespace: shop}",
            "  spec:",
            "    selector: {matchLabels: {app: web}}",
            "    template: {metadata: {labels: {app: web}}, spec: {containers: [{name: web, image: web:1}]}}",
            "- apiVersion: apps/v1",
            "  kind: StatefulSet",
            "  metadata: {name: db, namespace: shop}");
        var loaded = Load(text);

        Assert.IsEmpty(loaded.Diagnostics, Describe(loaded.Diagnostics));
        Assert.AreEqual("apps/v1 Deployment web 0, apps/v1 StatefulSet db 1",
            string.Join(", ", loaded.Objects.Select(o => $"{o.ApiVersion} {o.Kind} {o.Name} {o.ListItemIndex}")));
    }

    [TestMethod]
    public void The_PodList_peer_case_loads_its_pod_so_the_Service_selects_it()
    {
        var path = Path.Combine(TestPaths.Shared, "testdata", "peer-cases", "03-typed-podlist-items-dropped.yaml");
        var index = BuildIndex(File.ReadAllText(path));

        var pod = index.Find("Pod", "shop", "api-7d9f");
        Assert.IsNotNull(pod);
        Assert.AreEqual("v1", pod.ApiVersion);
        Assert.IsNotNull(index.PodTemplateOf(pod), "the pod counts for the Service that selects it");
    }

    [TestMethod]
    public void A_List_item_without_kind_is_reported_not_dropped()
    {
        var loaded = Load(Lines(
            "apiVersion: v1",
            "kind: List",
            "items:",
            "- metadata: {name: orphan}",
            "- {apiVersion: v1, kind: ConfigMap, metadata: {name: fine}}"));

        var missing = loaded.Diagnostics.Single();
        Assert.AreEqual("ML9005", missing.Id);
        Assert.AreEqual("Item 1 of the List has no kind; it was not analyzed", missing.Message);
        Assert.AreEqual(Span(4, 3, 4, 4), missing.Location.Span);
        Assert.AreEqual("fine", loaded.Objects.Single().Name);
    }

    [TestMethod]
    public void An_object_with_only_generateName_is_loaded_under_its_prefix_and_its_pods_count()
    {
        var text = Lines(
            "apiVersion: batch/v1",
            "kind: Job",
            "metadata: {generateName: migrate-, namespace: shop}",
            "spec:",
            "  template:",
            "    metadata: {labels: {app: migrate}}",
            "    spec: {restartPolicy: Never, containers: [{name: m, image: m:1}]}");
        var index = BuildIndex(text);

        var job = index.Resources.Single();
        Assert.AreEqual("migrate-", job.Name);
        Assert.IsTrue(job.HasGeneratedName);
        Assert.AreEqual(Span(3, 26, 3, 34), job.Location.Span, "the resource is pointed at by its generateName");
        Assert.IsNull(index.Find("Job", "shop", "migrate-"), "a prefix is not a name that anything can refer to");
        Assert.HasCount(1, index.PodTemplatesIn("shop"));
    }

    [TestMethod]
    public void Other_tools_configuration_without_a_name_is_skipped_quietly()
    {
        var loaded = Load(Lines(
            "apiVersion: install.istio.io/v1alpha1",
            "kind: IstioOperator",
            "spec: {profile: demo}",
            "---",
            "{\"kind\": \"Policy\", \"apiVersion\": \"v1\", \"predicates\": []}"));

        Assert.IsEmpty(loaded.Diagnostics, Describe(loaded.Diagnostics));
        Assert.IsEmpty(loaded.Objects);
    }
}
