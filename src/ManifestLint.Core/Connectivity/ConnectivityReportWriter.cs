using ManifestLint.Core.Output;

namespace ManifestLint.Core.Connectivity;

/// <summary>
/// Writes a connectivity report. Every format carries the same rows in the same order; <c>txt</c> is exactly
/// netpol-analyzer's <c>list</c> output (<c>src =&gt; dst : conn</c>), so the two can be compared line by line.
/// </summary>
public static class ConnectivityReportWriter
{
    public static IReadOnlyList<string> Formats { get; } = ["txt", "json", "csv", "md", "dot"];

    public static void Write(ConnectivityReport report, string format, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        switch (format)
        {
            case "txt":
                WriteText(report, output);
                break;
            case "json":
                WriteJson(report, output);
                break;
            case "csv":
                WriteCsv(report, output);
                break;
            case "md":
                WriteMarkdown(report, output);
                break;
            case "dot":
                WriteDot(report, output);
                break;
            default:
                throw new ArgumentException($"unknown connectivity format '{format}'", nameof(format));
        }
    }

    private static void WriteText(ConnectivityReport report, TextWriter output)
    {
        foreach (var row in report.Rows)
        {
            output.Write($"{row.Source} => {row.Destination} : {row.Connections}\n");
        }
    }

    private static void WriteJson(ConnectivityReport report, TextWriter output) =>
        JsonText.WriteTo(output, JsonText.Build(writer =>
        {
            writer.WriteStartArray();
            foreach (var row in report.Rows)
            {
                writer.WriteStartObject();
                writer.WriteString("src", row.Source.DisplayName);
                writer.WriteString("dst", row.Destination.DisplayName);
                writer.WriteString("conn", row.Connections.ToString());
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }));

    private static void WriteCsv(ConnectivityReport report, TextWriter output)
    {
        // RFC 4180: connections hold commas, so every field that does is quoted (and quotes doubled).
        static string Field(string value) =>
            value.IndexOfAny([',', '"', '\n', '\r']) < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

        output.Write("src,dst,conn\n");
        foreach (var row in report.Rows)
        {
            output.Write($"{Field(row.Source.DisplayName)},{Field(row.Destination.DisplayName)},{Field(row.Connections.ToString())}\n");
        }
    }

    private static void WriteMarkdown(ConnectivityReport report, TextWriter output)
    {
        static string Cell(string value) => value.Replace("|", "\\|", StringComparison.Ordinal);

        output.Write("| src | dst | conn |\n|-----|-----|------|\n");
        foreach (var row in report.Rows)
        {
            output.Write($"| {Cell(row.Source.DisplayName)} | {Cell(row.Destination.DisplayName)} | {Cell(row.Connections.ToString())} |\n");
        }
    }

    private static void WriteDot(ConnectivityReport report, TextWriter output)
    {
        // Nodes first (sorted, so the graph is the same on every run), then one labelled edge per row.
        static string Quoted(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

        output.Write("digraph {\n");
        var peers = report.Rows.SelectMany(r => new[] { r.Source, r.Destination }).Distinct()
            .OrderBy(p => p.DisplayName, StringComparer.Ordinal);
        foreach (var peer in peers)
        {
            var shape = peer is WorkloadPeer ? "box" : "ellipse";
            output.Write($"\t{Quoted(peer.DisplayName)} [label={Quoted(peer.DisplayName)} shape={shape}]\n");
        }

        foreach (var row in report.Rows)
        {
            output.Write($"\t{Quoted(row.Source.DisplayName)} -> {Quoted(row.Destination.DisplayName)} [label={Quoted(row.Connections.ToString())}]\n");
        }

        output.Write("}\n");
    }
}
