using System.Globalization;
using System.Net;
using System.Reflection;
using ManifestLint.Core.Engine;
using ManifestLint.Core.Graph;

namespace ManifestLint.Core.Output;

/// <summary>
/// One self-contained HTML page for people: the summary, every finding with its source frame, related locations and fix,
/// and the topology of each namespace (the <see cref="ResourceGraph"/>) as SVG, with broken references in red. A click on
/// a node highlights its findings, a click on a finding highlights its objects and edges. The layout is computed here
/// (<see cref="LayeredLayout"/>), so the page needs no layout library, no network and no script to be read or printed:
/// script only adds lazy rendering per namespace, search, the namespace filter and the highlighting. No timestamps, fixed
/// order: the same input gives a byte-identical page.
/// </summary>
public sealed class HtmlOutputWriter : IOutputWriter
{
    /// <summary>Namespaces with broken edges drawn when the page opens; the others are drawn when opened, searched or printed.</summary>
    private const int NamespacesOpenAtStart = 5;

    /// <summary>Above this many edges in one view, only broken edges carry a visible label (the others keep a tooltip).</summary>
    private const int LabelledEdgeLimit = 60;

    /// <summary>Above this many admission edges in the whole graph, they start hidden.</summary>
    private const int AdmissionsShownUpTo = 300;

    public void Write(AnalysisResult result, TextWriter output, OutputContext context)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(context);

        var graph = ResourceGraph.Build(result);
        var views = LayeredLayout.PerNamespace(graph);
        var nodeDomIds = graph.Nodes.Select((n, i) => (n.Id, Dom: "n" + i.ToString(CultureInfo.InvariantCulture))).ToDictionary(p => p.Id, p => p.Dom, StringComparer.Ordinal);
        var edgeDomIds = new Dictionary<GraphEdge, string>(ReferenceEqualityComparer.Instance);
        var edgesByNode = new Dictionary<string, List<GraphEdge>>(StringComparer.Ordinal);
        for (var i = 0; i < graph.Edges.Count; i++)
        {
            var edge = graph.Edges[i];
            edgeDomIds[edge] = "e" + i.ToString(CultureInfo.InvariantCulture);
            foreach (var end in new[] { edge.From, edge.To }.Distinct())
            {
                (edgesByNode.TryGetValue(end, out var list) ? list : edgesByNode[end] = []).Add(edge);
            }
        }

        var diagnostics = result.Diagnostics;
        var findingCount = graph.Nodes.ToDictionary(n => n.Id, _ => 0, StringComparer.Ordinal);
        foreach (var d in result.Active)
        {
            if (d.Resource is { } r && findingCount.ContainsKey(IdOf(r)))
            {
                findingCount[IdOf(r)]++;
            }
        }

        output.Write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        // Nothing may be fetched: the page must work offline and never leak what it shows.
        output.Write("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n");
        output.Write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        output.Write($"<title>{E(context.ToolName)} report</title>\n<style>\n{Resource("report.css")}</style>\n</head>\n");
        output.Write(graph.Edges.Count(e => e.Kind == EdgeKind.Admits) <= AdmissionsShownUpTo ? "<body>\n" : "<body class=\"hide-admits\">\n");

        WriteSummary(output, result, graph, context);
        output.Write("<div id=\"controls\"><label>Namespace <select id=\"ns-filter\"><option value=\"\">all namespaces</option>");
        foreach (var view in views)
        {
            output.Write($"<option value=\"{E(view.Namespace)}\">{E(NamespaceTitle(view.Namespace))}</option>");
        }

        output.Write("</select></label><input id=\"search\" type=\"search\" placeholder=\"Search objects and findings\" aria-label=\"Search\">");
        // Admissions outnumber every other edge where policies admit whole namespaces; past a few hundred they hide the
        // topology, so they start hidden (broken ones always show) and a checkbox brings them back.
        var showAdmissions = graph.Edges.Count(e => e.Kind == EdgeKind.Admits) <= AdmissionsShownUpTo;
        output.Write($"<label><input id=\"show-admits\" type=\"checkbox\"{(showAdmissions ? " checked" : "")}> NetworkPolicy admissions</label>");
        output.Write("<span class=\"legend\"><i></i>resolved<i class=\"broken\"></i>broken<i class=\"unknowable\"></i>unknowable (may exist outside the input)</span></div>\n");
        output.Write("<pre id=\"js-errors\"></pre>\n<main>\n");

        WriteFindings(output, result, context, nodeDomIds, edgesByNode, edgeDomIds);
        WriteTopology(output, views, graph, nodeDomIds, edgeDomIds, findingCount);

        output.Write("</main>\n<script>\n");
        output.Write(Resource("report.js"));
        output.Write("</script>\n</body>\n</html>\n");
    }

    private static void WriteSummary(TextWriter output, AnalysisResult result, ResourceGraph graph, OutputContext context)
    {
        var active = result.Active.ToList();
        int Count(Severity s) => active.Count(d => d.Severity == s);
        var broken = graph.Edges.Count(e => e.IsBroken);
        var unknowable = graph.Edges.Count(e => e.State == EdgeState.Unknowable);
        output.Write($"<header>\n<h1>{E(context.ToolName)} report</h1>\n<div class=\"summary\" id=\"summary\">");
        output.Write($"<span class=\"files\"><b>{result.Statistics.Files}</b> files</span>");
        output.Write($"<span class=\"resources\"><b>{result.Statistics.Resources}</b> resources</span>");
        output.Write($"<span class=\"errors\"><b>{Count(Severity.Error)}</b> errors</span>");
        output.Write($"<span class=\"warnings\"><b>{Count(Severity.Warning)}</b> warnings</span>");
        output.Write($"<span class=\"infos\"><b>{Count(Severity.Info)}</b> infos</span>");
        output.Write($"<span class=\"suppressed\"><b>{result.Diagnostics.Count - active.Count}</b> suppressed</span>");
        output.Write($"<span class=\"objects\"><b>{graph.Nodes.Count(n => n.Role == NodeRole.Object)}</b> objects in the topology</span>");
        output.Write($"<span class=\"edges\"><b>{graph.Edges.Count}</b> references</span>");
        output.Write($"<span class=\"broken\"><b>{broken}</b> broken</span>");
        output.Write($"<span class=\"unknowable\"><b>{unknowable}</b> unknowable</span>");
        output.Write($"<span class=\"version\">{E(context.ToolName)} {E(context.ToolVersion)}</span></div>\n</header>\n");
    }

    private static void WriteFindings(TextWriter output, AnalysisResult result, OutputContext context, Dictionary<string, string> nodeDomIds,
        Dictionary<string, List<GraphEdge>> edgesByNode, Dictionary<GraphEdge, string> edgeDomIds)
    {
        var paths = new ArtifactPaths(result, context);
        var sources = result.Files.Where(f => f.Text is not null).GroupBy(f => f.Source.Path).ToDictionary(g => g.Key, g => g.First().Text!, StringComparer.Ordinal);
        var lineCache = new Dictionary<string, string[]?>(StringComparer.Ordinal);
        string[]? LinesOf(string path)
        {
            if (!lineCache.TryGetValue(path, out var lines))
            {
                lineCache[path] = lines = sources.TryGetValue(path, out var source) ? source.Read()?.Split('\n') : null;
            }

            return lines;
        }

        output.Write("<section id=\"findings\">\n<h2>Findings</h2>\n");
        if (result.Diagnostics.Count == 0)
        {
            output.Write("<p class=\"empty\">No problems found.</p>\n");
        }

        var index = 0;
        foreach (var d in result.Diagnostics)
        {
            var nodes = new List<string>();
            var edges = new List<string>();
            if (d.Resource is { } resource && nodeDomIds.TryGetValue(IdOf(resource), out var dom))
            {
                nodes.Add(dom);
                foreach (var edge in edgesByNode.GetValueOrDefault(IdOf(resource)) ?? [])
                {
                    if (edge.FindingIds.Contains(d.Id, StringComparer.Ordinal))
                    {
                        edges.Add(edgeDomIds[edge]);
                        nodes.Add(nodeDomIds[edge.From]);
                        nodes.Add(nodeDomIds[edge.To]);
                    }
                }
            }

            var severity = d.Severity.ToDisplayString();
            var suppressed = d.IsSuppressed ? " suppressed" : "";
            output.Write($"<article class=\"finding sev-{severity}{suppressed}\" id=\"f{index++}\" data-rule=\"{d.Id}\" data-ns=\"{E(d.Resource?.Namespace ?? "")}\" " +
                $"data-nodes=\"{string.Join(' ', nodes.Distinct())}\" data-edges=\"{string.Join(' ', edges)}\">\n");
            output.Write($"<h3>{severity}[<span class=\"id\">{d.Id}</span>]: {E(d.Message)}</h3>\n");
            if (d.Location.Path.Length > 0)
            {
                var helm = d.Location.HelmSource is null ? "" : $" (from chart template {d.Location.HelmSource})";
                output.Write($"<div class=\"where\">{E(paths.Display(d.Location.Path))}:{d.Location.Span.Start.Line}:{d.Location.Span.Start.Column}{E(helm)}</div>\n");
                WriteFrame(output, d.Location, LinesOf(d.Location.Path));
            }

            if (d.RelatedLocations.Count > 0)
            {
                output.Write("<ul class=\"related\">");
                foreach (var related in d.RelatedLocations)
                {
                    output.Write($"<li>{E(TextOutputWriter.RelatedNote(related, paths))}</li>");
                }

                output.Write("</ul>\n");
            }

            if ((d.Help ?? d.Rule.HelpText) is { } help)
            {
                output.Write($"<p class=\"help\"><b>fix:</b> {E(help)}</p>\n");
            }

            if (d.Suppression is { } suppression)
            {
                output.Write($"<p class=\"help\">suppressed ({E(suppression.Kind)}){E(suppression.Justification is null ? "" : ": " + suppression.Justification)}</p>\n");
            }

            output.Write("</article>\n");
        }

        output.Write("</section>\n");
    }

    /// <summary>The finding's line with a line of context on each side, its span marked.</summary>
    private static void WriteFrame(TextWriter output, Location location, string[]? lines)
    {
        var at = location.Span.Start.Line - 1;
        if (lines is null || at < 0 || at >= lines.Length)
        {
            return;
        }

        output.Write("<pre class=\"frame\">");
        for (var i = Math.Max(0, at - 1); i <= Math.Min(lines.Length - 1, at + 1); i++)
        {
            var line = lines[i].TrimEnd('\r');
            var number = $"<span class=\"ln\">{(i + 1).ToString(CultureInfo.InvariantCulture)}</span>";
            if (i != at)
            {
                output.Write($"{number}{E(line)}\n");
                continue;
            }

            var start = Math.Clamp(location.Span.Start.Column - 1, 0, line.Length);
            var end = location.Span.End.Line == location.Span.Start.Line ? Math.Clamp(location.Span.End.Column - 1, start, line.Length) : line.Length;
            output.Write($"<span class=\"at\">{number}{E(line[..start])}<mark>{E(line[start..end])}</mark>{E(line[end..])}</span>");
        }

        output.Write("</pre>\n");
    }

    private static void WriteTopology(TextWriter output, IReadOnlyList<GraphView> views, ResourceGraph graph, Dictionary<string, string> nodeDomIds,
        Dictionary<GraphEdge, string> edgeDomIds, Dictionary<string, int> findingCount)
    {
        output.Write("<section id=\"topology\">\n<h2>Topology</h2>\n");
        if (views.Count == 0)
        {
            output.Write("<p class=\"empty\">No workloads, Services or other connected objects in the input.</p>\n");
        }

        // Open where something is broken (up to a few); when nothing is, open the first namespace.
        var opened = 0;
        var anyBroken = views.Any(v => v.Edges.Any(e => e.IsBroken));
        foreach (var view in views)
        {
            var broken = view.Edges.Count(e => e.IsBroken);
            var open = anyBroken ? broken > 0 && opened++ < NamespacesOpenAtStart : view == views[0];
            var search = string.Join(" ", view.Boxes.Select(b => b.Node.Name.ToLowerInvariant()).Distinct()) + " " + view.Namespace.ToLowerInvariant();
            output.Write($"<details class=\"ns\" data-ns=\"{E(view.Namespace)}\" data-broken=\"{broken}\" data-search=\"{E(search)}\"{(open ? " open" : "")}>\n");
            var objects = view.Boxes.Count(b => (b.Node.Namespace ?? "") == view.Namespace && b.Node.Role == NodeRole.Object);
            var counts = $"{Plural(objects, "object")}, {Plural(view.Edges.Count, "reference")}";
            output.Write($"<summary>{E(NamespaceTitle(view.Namespace))}<span class=\"counts\">{counts}{(broken > 0 ? $", <span class=\"bad\">{broken} broken</span>" : "")}</span></summary>\n");
            output.Write("<div class=\"graph-host\"></div>\n<template>");
            WriteSvg(output, view, nodeDomIds, edgeDomIds, findingCount);
            output.Write("</template>\n</details>\n");
        }

        output.Write("</section>\n");
    }

    private static void WriteSvg(TextWriter output, GraphView view, Dictionary<string, string> nodeDomIds, Dictionary<GraphEdge, string> edgeDomIds, Dictionary<string, int> findingCount)
    {
        var boxes = view.Boxes.ToDictionary(b => b.Node.Id, StringComparer.Ordinal);
        var marker = "arrow-" + (nodeDomIds.GetValueOrDefault(view.Boxes.FirstOrDefault()?.Node.Id ?? "") ?? "x");
        output.Write($"<svg class=\"topology\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{N(view.Width)}\" height=\"{N(view.Height)}\" viewBox=\"0 0 {N(view.Width)} {N(view.Height)}\" role=\"img\" aria-label=\"{E(NamespaceTitle(view.Namespace))}\">");
        output.Write($"<defs><marker id=\"{marker}\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0L10,5L0,10z\" fill=\"#59636e\"/></marker>");
        output.Write($"<marker id=\"{marker}-broken\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0L10,5L0,10z\" fill=\"#c81e1e\"/></marker></defs>\n");

        var labelAll = view.Edges.Count <= LabelledEdgeLimit;
        var labels = new List<string>();
        // Broken edges last, so they are drawn over the others.
        foreach (var edge in view.Edges.OrderBy(e => e.IsBroken))
        {
            var from = boxes[edge.From];
            var to = boxes[edge.To];
            var (x1, x2, c1, c2) = to.Column > from.Column ? (from.X + from.Width, to.X, 1.0, -1.0)
                : to.Column < from.Column ? (from.X, to.X + to.Width, -1.0, 1.0)
                : (from.X + from.Width, to.X + to.Width, 1.0, 1.0);
            var bend = to.Column == from.Column ? 60 : Math.Abs(x2 - x1) / 2;
            var (y1, y2) = (from.CenterY, to.CenterY);
            var state = GraphStateClass(edge.State);
            var text = ResourceGraphWriter.EdgeText(edge);
            output.Write($"<g class=\"edge state-{state} kind-{edge.Kind.ToString().ToLowerInvariant()}\" data-edge=\"{edgeDomIds[edge]}\" data-from=\"{nodeDomIds[edge.From]}\" data-to=\"{nodeDomIds[edge.To]}\"{(edge.FindingIds.Count > 0 ? $" data-findings=\"{string.Join(' ', edge.FindingIds)}\"" : "")}>");
            output.Write($"<title>{E(text)} ({state})</title>");
            output.Write($"<path d=\"M{N(x1)},{N(y1)} C{N(x1 + (c1 * bend))},{N(y1)} {N(x2 + (c2 * bend))},{N(y2)} {N(x2)},{N(y2)}\" marker-end=\"url(#{marker}{(edge.IsBroken ? "-broken" : "")})\"/>");
            output.Write("</g>\n");
            if (labelAll || edge.IsBroken)
            {
                // An edge that passes a column is labelled in the gap after its source, not over the column's boxes.
                var spansColumns = Math.Abs(x2 - x1) > LayeredLayout.NodeWidth + LayeredLayout.ColumnGap;
                var labelX = spansColumns ? x1 + (Math.Sign(x2 - x1) * LayeredLayout.ColumnGap / 2) : (x1 + x2) / 2;
                var labelY = (spansColumns ? y1 + ((y2 - y1) * 0.15) : (y1 + y2) / 2) - 4;
                // Labels go in a layer above the nodes, with a halo, so crossing edges and boxes never hide them.
                labels.Add($"<text class=\"edge-label state-{state} kind-{edge.Kind.ToString().ToLowerInvariant()}\" data-edge=\"{edgeDomIds[edge]}\" x=\"{N(labelX)}\" y=\"{N(labelY)}\" text-anchor=\"middle\">{E(text)}</text>");
            }
        }

        foreach (var box in view.Boxes)
        {
            var node = box.Node;
            var visitor = (node.Namespace ?? "") != view.Namespace;
            var count = findingCount.GetValueOrDefault(node.Id);
            var classes = $"node role-{ResourceGraphWriter.RoleName(node.Role)}{(visitor ? " visitor" : "")}{(count > 0 ? " has-findings" : "")}";
            var name = visitor ? $"{node.Namespace}/{node.Name}" : node.Name;
            var kind = node.Role == NodeRole.Object ? node.Kind : $"{node.Kind} ({ResourceGraphWriter.RoleName(node.Role)})";
            var where = node.Location is { } location ? $" at {location.Path}:{location.Span.Start.Line}" : "";
            output.Write($"<g class=\"{classes}\" data-node=\"{nodeDomIds[node.Id]}\" data-id=\"{E(node.Id)}\" data-search=\"{E((node.Kind + " " + node.Name + " " + node.Namespace).ToLowerInvariant())}\" transform=\"translate({N(box.X)},{N(box.Y)})\">");
            output.Write($"<title>{E(kind)} {E(node.Namespace ?? "")}/{E(node.Name)}{E(where)}{(count > 0 ? $" ({count} findings)" : "")}</title>");
            output.Write($"<rect width=\"{N(box.Width)}\" height=\"{N(box.Height)}\" rx=\"6\"/>");
            output.Write($"<text class=\"kind\" x=\"8\" y=\"15\">{E(kind)}</text>");
            output.Write($"<text class=\"name\" x=\"8\" y=\"32\">{E(Shorten(name, 24))}</text>");
            if (count > 0)
            {
                output.Write($"<circle class=\"badge\" cx=\"{N(box.Width - 12)}\" cy=\"12\" r=\"9\"/><text class=\"badge-text\" x=\"{N(box.Width - 12)}\" y=\"15.5\" text-anchor=\"middle\">{count}</text>");
            }

            output.Write("</g>\n");
        }

        output.Write("<g class=\"labels\">");
        foreach (var label in labels)
        {
            output.Write(label);
        }

        output.Write("</g></svg>");
    }

    private static string GraphStateClass(EdgeState state) => ResourceGraphWriter.StateName(state);

    private static string IdOf(ResourceReference reference) => ResourceGraphBuilder.IdOf(reference.Kind, reference.Namespace, reference.Name);

    private static string NamespaceTitle(string @namespace) => @namespace.Length == 0 ? "cluster-scoped" : "namespace " + @namespace;

    private static string Plural(int count, string noun) => $"{count} {noun}{(count == 1 ? "" : "s")}";

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

    private static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Resource(string name)
    {
        using var stream = typeof(HtmlOutputWriter).Assembly.GetManifestResourceStream("ManifestLint.Core.Output.Html." + name)
            ?? throw new InvalidOperationException($"embedded resource {name} is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
