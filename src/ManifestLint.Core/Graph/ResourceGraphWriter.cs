using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ManifestLint.Core.Graph;

/// <summary>
/// The resource graph as text: Graphviz DOT, Mermaid (for Markdown renderers such as GitHub's) or JSON. Every format
/// groups nodes by namespace, marks broken edges red and labels them with their findings' IDs, and draws unknowable
/// edges dashed. Output depends only on the graph, so the same input gives byte-identical text.
/// </summary>
public static class ResourceGraphWriter
{
    public static readonly string[] Formats = ["dot", "mermaid", "json"];

    public static void Write(ResourceGraph graph, string format, TextWriter output)
    {
        switch (format)
        {
            case "dot":
                WriteDot(graph, output);
                break;
            case "mermaid":
                WriteMermaid(graph, output);
                break;
            case "json":
                WriteJson(graph, output);
                break;
            default:
                throw new ArgumentException($"unknown graph format '{format}'", nameof(format));
        }
    }

    /// <summary>An edge's text: its label, then the IDs of the findings on it.</summary>
    public static string EdgeText(GraphEdge edge)
    {
        var kind = KindName(edge.Kind);
        var text = edge.Label.Length == 0 ? kind : $"{kind} {edge.Label}";
        return edge.FindingIds.Count == 0 ? text : $"{text} [{string.Join(", ", edge.FindingIds)}]";
    }

    public static string KindName(EdgeKind kind) => kind switch
    {
        EdgeKind.RoutesTo => "routes to",
        EdgeKind.RunsAs => "runs as",
        _ => kind.ToString().ToLowerInvariant(),
    };

    public static string RoleName(NodeRole role) => role.ToString().ToLowerInvariant();

    public static string StateName(EdgeState state) => state.ToString().ToLowerInvariant();

    private static void WriteDot(ResourceGraph graph, TextWriter output)
    {
        output.WriteLine("digraph topology {");
        output.WriteLine("  rankdir=LR;");
        output.WriteLine("  node [shape=box, style=rounded, fontname=\"Helvetica\"];");
        output.WriteLine("  edge [fontname=\"Helvetica\", fontsize=10];");
        var cluster = 0;
        foreach (var group in graph.Nodes.GroupBy(n => n.Namespace ?? ""))
        {
            output.WriteLine($"  subgraph cluster_{cluster++} {{");
            output.WriteLine($"    label={Dot(group.Key.Length == 0 ? "(cluster)" : "namespace " + group.Key)};");
            foreach (var node in group)
            {
                var style = node.Role switch
                {
                    NodeRole.Missing => ", style=\"rounded,dashed\", color=red, fontcolor=red",
                    NodeRole.Unknown => ", style=\"rounded,dashed\", color=gray50, fontcolor=gray30",
                    _ => "",
                };
                var suffix = node.Role == NodeRole.Object ? "" : $"\n({RoleName(node.Role)})";
                output.WriteLine($"    {Dot(node.Id)} [label={Dot($"{node.Kind}\n{node.Name}{suffix}")}{style}];");
            }

            output.WriteLine("  }");
        }

        foreach (var edge in graph.Edges)
        {
            var style = edge.State switch
            {
                EdgeState.Broken => ", color=red, fontcolor=red, penwidth=2",
                EdgeState.Unknowable => ", style=dashed, color=gray50",
                _ => "",
            };
            output.WriteLine($"  {Dot(edge.From)} -> {Dot(edge.To)} [label={Dot(EdgeText(edge))}{style}];");
        }

        output.WriteLine("}");
    }

    private static string Dot(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "\"";

    private static void WriteMermaid(ResourceGraph graph, TextWriter output)
    {
        // Mermaid ids must be plain words: nodes are numbered in the graph's order.
        var ids = graph.Nodes.Select((n, i) => (n.Id, Short: "n" + i)).ToDictionary(p => p.Id, p => p.Short, StringComparer.Ordinal);
        output.WriteLine("flowchart LR");
        output.WriteLine("  classDef missing stroke:#d00,stroke-dasharray:4 3,color:#d00");
        output.WriteLine("  classDef unknown stroke:#888,stroke-dasharray:4 3,color:#555");
        var cluster = 0;
        foreach (var group in graph.Nodes.GroupBy(n => n.Namespace ?? ""))
        {
            output.WriteLine($"  subgraph ns{cluster++}[{Mermaid(group.Key.Length == 0 ? "(cluster)" : "namespace " + group.Key)}]");
            foreach (var node in group)
            {
                var role = node.Role == NodeRole.Object ? "" : ":::" + RoleName(node.Role);
                var suffix = node.Role == NodeRole.Object ? "" : $"<br/>({RoleName(node.Role)})";
                output.WriteLine($"    {ids[node.Id]}[{Mermaid($"{node.Kind}<br/>{node.Name}{suffix}")}]{role}");
            }

            output.WriteLine("  end");
        }

        for (var i = 0; i < graph.Edges.Count; i++)
        {
            var edge = graph.Edges[i];
            var arrow = edge.State == EdgeState.Unknowable ? "-.->" : "-->";
            output.WriteLine($"  {ids[edge.From]} {arrow}|{Mermaid(EdgeText(edge))}| {ids[edge.To]}");
        }

        for (var i = 0; i < graph.Edges.Count; i++)
        {
            if (graph.Edges[i].IsBroken)
            {
                output.WriteLine($"  linkStyle {i} stroke:#d00,stroke-width:2px,color:#d00");
            }
        }
    }

    /// <summary>A quoted Mermaid label: quotes become the #quot; entity, the only escape Mermaid labels have.</summary>
    private static string Mermaid(string text) => "\"" + text.Replace("\"", "#quot;", StringComparison.Ordinal) + "\"";

    private static void WriteJson(ResourceGraph graph, TextWriter output)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteNumber("version", 1);
            json.WriteStartArray("nodes");
            foreach (var node in graph.Nodes)
            {
                json.WriteStartObject();
                json.WriteString("id", node.Id);
                json.WriteString("kind", node.Kind);
                json.WriteString("namespace", node.Namespace);
                json.WriteString("name", node.Name);
                json.WriteString("role", RoleName(node.Role));
                if (node.Location is { } location)
                {
                    json.WriteStartObject("location");
                    json.WriteString("path", location.Path);
                    json.WriteNumber("line", location.Span.Start.Line);
                    json.WriteNumber("column", location.Span.Start.Column);
                    json.WriteEndObject();
                }
                else
                {
                    json.WriteNull("location");
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("edges");
            foreach (var edge in graph.Edges)
            {
                json.WriteStartObject();
                json.WriteString("from", edge.From);
                json.WriteString("to", edge.To);
                json.WriteString("kind", KindName(edge.Kind));
                json.WriteString("label", edge.Label);
                json.WriteString("state", StateName(edge.State));
                json.WriteStartArray("findings");
                foreach (var id in edge.FindingIds)
                {
                    json.WriteStringValue(id);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        output.Write(Encoding.UTF8.GetString(buffer.ToArray()).Replace("\r\n", "\n", StringComparison.Ordinal));
        output.WriteLine();
    }
}
