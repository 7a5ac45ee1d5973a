namespace ManifestLint.Core.Graph;

/// <summary>A node's box in a laid-out view (top-left corner and size, in pixels).</summary>
public sealed record NodeBox(GraphNode Node, double X, double Y, double Width, double Height, int Column)
{
    public double CenterY => Y + (Height / 2);
}

/// <summary>One namespace's part of the graph with every node placed: the nodes of the namespace and the nodes of other namespaces its edges reach.</summary>
public sealed record GraphView(string Namespace, IReadOnlyList<NodeBox> Boxes, IReadOnlyList<GraphEdge> Edges, double Width, double Height);

/// <summary>
/// A deterministic layered layout in the direction traffic and configuration flow: entry points (Ingresses, autoscalers,
/// disruption budgets), then Services and NetworkPolicies, then workloads and their pods, then what pods mount or run as.
/// The layer of a node is its kind's, not computed from the edges: the same kind is always in the same column, which reads
/// better than a minimal drawing and costs no search. Within a column, nodes are ordered by the mean row of their
/// neighbours (two sweeps), ties by id, so connected objects line up and the same graph always gives the same picture.
/// Linear in nodes and edges per sweep (plus the sorts), so 1,000 apps lay out in milliseconds.
/// </summary>
public static class LayeredLayout
{
    public const double NodeWidth = 180;
    public const double NodeHeight = 42;
    public const double ColumnGap = 130;
    public const double RowGap = 16;
    public const double Margin = 20;
    public const int Columns = 4;

    /// <summary>The column of a kind: 0 entry points, 1 Services and policies, 2 workloads, 3 configuration.</summary>
    public static int ColumnOf(GraphNode node) => node.Kind switch
    {
        "Ingress" or "HorizontalPodAutoscaler" or "ScaledObject" or "PodDisruptionBudget" => 0,
        "Service" or "NetworkPolicy" => 1,
        "ConfigMap" or "Secret" or "ServiceAccount" or "PersistentVolumeClaim" => 3,
        _ => 2,
    };

    /// <summary>One view per namespace, in namespace order.</summary>
    public static IReadOnlyList<GraphView> PerNamespace(ResourceGraph graph)
    {
        var edgesByNamespace = new Dictionary<string, List<GraphEdge>>(StringComparer.Ordinal);
        foreach (var edge in graph.Edges)
        {
            // An edge between namespaces is drawn in both, each with the other side's node as a visitor.
            foreach (var ns in new[] { graph.Node(edge.From).Namespace ?? "", graph.Node(edge.To).Namespace ?? "" }.Distinct())
            {
                (edgesByNamespace.TryGetValue(ns, out var list) ? list : edgesByNamespace[ns] = []).Add(edge);
            }
        }

        var nodesByNamespace = graph.Nodes.GroupBy(n => n.Namespace ?? "").ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        return [.. graph.Namespaces.Select(ns =>
        {
            var edges = edgesByNamespace.GetValueOrDefault(ns) ?? [];
            var nodes = nodesByNamespace[ns].Concat(edges.SelectMany(e => new[] { graph.Node(e.From), graph.Node(e.To) }))
                .DistinctBy(n => n.Id).ToList();
            return Place(ns, nodes, edges);
        })];
    }

    public static GraphView Place(string @namespace, IReadOnlyList<GraphNode> nodes, IReadOnlyList<GraphEdge> edges)
    {
        var columns = Enumerable.Range(0, Columns).Select(c => nodes.Where(n => ColumnOf(n) == c).OrderBy(n => n.Id, StringComparer.Ordinal).ToList()).ToArray();
        var neighbours = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        // Calls and admissions run against the flow (a workload to a Service or a policy): they would pull Services
        // towards their callers rather than their pods, so only the flow's own edges order the columns.
        foreach (var edge in edges.Where(e => e.Kind is not (EdgeKind.Calls or EdgeKind.Admits)))
        {
            (neighbours.TryGetValue(edge.From, out var a) ? a : neighbours[edge.From] = []).Add(edge.To);
            (neighbours.TryGetValue(edge.To, out var b) ? b : neighbours[edge.To] = []).Add(edge.From);
        }

        var row = new Dictionary<string, double>(StringComparer.Ordinal);
        void Number(List<GraphNode> column)
        {
            for (var i = 0; i < column.Count; i++)
            {
                row[column[i].Id] = i;
            }
        }

        foreach (var column in columns)
        {
            Number(column);
        }

        // Workloads first (they are the hub), then the columns around them by their neighbours' mean row.
        int[] sweep = [2, 1, 0, 3, 2, 1, 0, 3];
        foreach (var c in sweep)
        {
            var column = columns[c];
            var keys = column.ToDictionary(n => n.Id, n =>
            {
                var around = (neighbours.GetValueOrDefault(n.Id) ?? []).Where(row.ContainsKey).Select(id => row[id]).ToList();
                return around.Count == 0 ? row[n.Id] : around.Average();
            }, StringComparer.Ordinal);
            columns[c] = [.. column.OrderBy(n => keys[n.Id]).ThenBy(n => n.Id, StringComparer.Ordinal)];
            Number(columns[c]);
        }

        // Empty columns take no room: a namespace without Ingresses starts with its Services.
        var boxes = new List<NodeBox>(nodes.Count);
        var slot = 0;
        for (var c = 0; c < Columns; c++)
        {
            if (columns[c].Count == 0)
            {
                continue;
            }

            for (var i = 0; i < columns[c].Count; i++)
            {
                boxes.Add(new NodeBox(columns[c][i], Margin + (slot * (NodeWidth + ColumnGap)), Margin + (i * (NodeHeight + RowGap)), NodeWidth, NodeHeight, c));
            }

            slot++;
        }

        var rows = columns.Max(c => c.Count);
        var width = (2 * Margin) + (Math.Max(1, slot) * NodeWidth) + (Math.Max(0, slot - 1) * ColumnGap);
        var height = (2 * Margin) + Math.Max(1, rows) * (NodeHeight + RowGap) - RowGap;
        return new GraphView(@namespace, boxes, edges, width, height);
    }
}
