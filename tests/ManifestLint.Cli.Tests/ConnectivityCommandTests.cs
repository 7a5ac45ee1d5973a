namespace ManifestLint.Cli.Tests;

/// <summary>The connectivity command's formats and options, on netpol-analyzer's documented minimal example.</summary>
[TestClass]
public sealed class ConnectivityCommandTests
{
    private static readonly string[] ExampleRows =
    [
        "0.0.0.0-255.255.255.255[External] => default/frontend[Deployment] : TCP 8080",
        "default/frontend[Deployment] => 0.0.0.0-255.255.255.255[External] : UDP 53",
        "default/frontend[Deployment] => default/backend[Deployment] : TCP 9090",
    ];

    private static string Example => TestPaths.InShared("testdata", "netpol-analyzer", "netpol-analysis-example-minimal", "input");

    [TestMethod]
    public void Txt_is_the_default_format_one_row_per_line_sorted_by_source_then_destination()
    {
        var result = CliRun.Run(Example, ["connectivity"]);

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        Assert.AreEqual(string.Join("\n", ExampleRows) + "\n", result.Out);
    }

    [TestMethod]
    public void Csv_has_a_header_and_quotes_connections_that_hold_commas()
    {
        var result = CliRun.Run(Example, ["connectivity", ".", "--format", "csv"]);

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        Assert.AreEqual(
            "src,dst,conn\n" +
            "0.0.0.0-255.255.255.255[External],default/frontend[Deployment],TCP 8080\n" +
            "default/frontend[Deployment],0.0.0.0-255.255.255.255[External],UDP 53\n" +
            "default/frontend[Deployment],default/backend[Deployment],TCP 9090\n",
            result.Out);
    }

    [TestMethod]
    public void Json_is_an_array_of_src_dst_conn_objects_in_the_same_order()
    {
        var result = CliRun.Run(Example, ["connectivity", ".", "--format", "json"]);

        var rows = JsonNode.Parse(result.Out)!.AsArray().Select(r => $"{r!["src"]} => {r["dst"]} : {r["conn"]}").ToList();
        CollectionAssert.AreEqual(ExampleRows, rows);
    }

    [TestMethod]
    public void Markdown_is_a_table_with_one_row_per_connection()
    {
        var result = CliRun.Run(Example, ["connectivity", ".", "--format", "md"]);

        var lines = result.Out.TrimEnd('\n').Split('\n');
        Assert.AreEqual("| src | dst | conn |", lines[0]);
        Assert.AreEqual("| default/frontend[Deployment] | default/backend[Deployment] | TCP 9090 |", lines[^1]);
        Assert.HasCount(2 + ExampleRows.Length, lines);
    }

    [TestMethod]
    public void Dot_is_a_digraph_with_each_connection_as_a_labelled_edge()
    {
        var result = CliRun.Run(Example, ["connectivity", ".", "--format", "dot"]);

        Assert.StartsWith("digraph {\n", result.Out);
        Assert.EndsWith("}\n", result.Out);
        Assert.Contains("\t\"default/frontend[Deployment]\" -> \"default/backend[Deployment]\" [label=\"TCP 9090\"]\n", result.Out);
        Assert.AreEqual(ExampleRows.Length, result.Out.Split('\n').Count(l => l.Contains(" -> ", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void Output_writes_the_report_to_a_file_and_nothing_to_standard_output()
    {
        using var temp = new TempTree();
        var file = Path.Combine(temp.Root, "out", "connlist.txt");

        var result = CliRun.Run(Example, ["connectivity", ".", "-o", file]);

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        Assert.AreEqual("", result.Out);
        Assert.AreEqual(string.Join("\n", ExampleRows) + "\n", File.ReadAllText(file));
    }

    [TestMethod]
    public void A_missing_path_is_a_usage_error()
    {
        var result = CliRun.Run(Example, ["connectivity", "no-such-folder"]);

        Assert.AreEqual(ExitCodes.UsageError, result.ExitCode);
        Assert.Contains("path not found: no-such-folder", result.Error);
    }

    [TestMethod]
    public void An_unknown_format_is_a_usage_error()
    {
        var result = CliRun.Run(Example, ["connectivity", ".", "--format", "sarif"]);

        Assert.AreEqual(ExitCodes.UsageError, result.ExitCode);
    }
}
