using ManifestLint.Core.Graph;

namespace ManifestLint.Core.Tests.Graph;

/// <summary>The layout of a namespace: kinds in fixed columns, in the direction traffic flows, the same picture every time.</summary>
[TestClass]
public sealed class LayeredLayoutTests
{
    private static GraphNode Node(string kind, string name, string ns = "shop") => new($"{kind}/{ns}/{name}", kind, ns, name, null);

    private static GraphEdge Edge(GraphNode from, GraphNode to, EdgeKind kind) => new(from.Id, to.Id, kind, "", EdgeState.Resolved, [], []);

    [TestMethod]
    public void Entry_points_come_first_then_Services_then_workloads_then_what_pods_mount()
    {
        var ingress = Node("Ingress", "web");
        var service = Node("Service", "web");
        var deployment = Node("Deployment", "web");
        var config = Node("ConfigMap", "web");

        var view = LayeredLayout.Place("shop", [config, deployment, service, ingress],
            [Edge(ingress, service, EdgeKind.RoutesTo), Edge(service, deployment, EdgeKind.Selects), Edge(deployment, config, EdgeKind.Mounts)]);

        var x = view.Boxes.ToDictionary(b => b.Node.Kind, b => b.X);
        Assert.IsTrue(x["Ingress"] < x["Service"] && x["Service"] < x["Deployment"] && x["Deployment"] < x["ConfigMap"]);
    }

    [TestMethod]
    public void Empty_columns_take_no_room()
    {
        var service = Node("Service", "web");
        var deployment = Node("Deployment", "web");

        var view = LayeredLayout.Place("shop", [service, deployment], [Edge(service, deployment, EdgeKind.Selects)]);

        Assert.AreEqual(LayeredLayout.Margin, view.Boxes.Single(b => b.Node == service).X);
        Assert.AreEqual(LayeredLayout.Margin + LayeredLayout.NodeWidth + LayeredLayout.ColumnGap, view.Boxes.Single(b => b.Node == deployment).X);
    }

    [TestMethod]
    public void A_Service_is_placed_level_with_the_workload_it_selects()
    {
        // Alphabetically the Services would be a, b; their workloads are in the other order.
        var serviceA = Node("Service", "a");
        var serviceB = Node("Service", "b");
        var workloadOfB = Node("Deployment", "a-backend");
        var workloadOfA = Node("Deployment", "z-frontend");

        var view = LayeredLayout.Place("shop", [serviceA, serviceB, workloadOfA, workloadOfB],
            [Edge(serviceA, workloadOfA, EdgeKind.Selects), Edge(serviceB, workloadOfB, EdgeKind.Selects)]);

        var y = view.Boxes.ToDictionary(b => b.Node.Id, b => b.Y);
        Assert.AreEqual(y[workloadOfA.Id], y[serviceA.Id]);
        Assert.AreEqual(y[workloadOfB.Id], y[serviceB.Id]);
    }

    [TestMethod]
    public void The_same_graph_gives_the_same_boxes_whatever_the_order_it_is_given_in()
    {
        var nodes = Enumerable.Range(0, 30).SelectMany(i => new[] { Node("Service", $"s{i}"), Node("Deployment", $"d{(i * 7) % 30}") }).ToList();
        var edges = Enumerable.Range(0, 30).Select(i => Edge(nodes[2 * i], nodes[(2 * ((i * 11) % 30)) + 1], EdgeKind.Selects)).ToList();

        var first = LayeredLayout.Place("shop", nodes, edges);
        var second = LayeredLayout.Place("shop", [.. Enumerable.Reverse(nodes)], [.. Enumerable.Reverse(edges)]);

        CollectionAssert.AreEqual(
            first.Boxes.OrderBy(b => b.Node.Id, StringComparer.Ordinal).Select(b => (b.Node.Id, b.X, b.Y)).ToList(),
            second.Boxes.OrderBy(b => b.Node.Id, StringComparer.Ordinal).Select(b => (b.Node.Id, b.X, b.Y)).ToList());
    }
}
