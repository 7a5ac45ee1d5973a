using System.Text;
using ManifestLint.Core.Loading;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ManifestLint.Core.Tests.Loading;

/// <summary>
/// YamlDotNet's scanner takes its builders from a store per thread (ScannerBuilders), which reaches into YamlDotNet's
/// internals: an upgrade that changes them must fail here, not silently make every multi-core run slower. What it
/// may never change is what the parser reports. (How fast it is, the benchmark harness measures; tests never time.)
/// </summary>
[TestClass]
public sealed class ScannerBuildersTests
{
    [TestMethod]
    public void The_pinned_YamlDotNet_takes_its_builders_per_thread()
    {
        Assert.IsTrue(ScannerBuilders.IsPerThread, "YamlDotNet's StringBuilderPool internals changed: see ScannerBuilders");
    }

    [TestMethod]
    public void Parsing_on_many_threads_reports_the_same_events_and_positions_as_on_one()
    {
        ScannerBuilders.EnsurePerThread();
        // Plain, quoted, flow and block scalars, anchors and tags: every kind of token that rents builders, some longer
        // than the 1,024 characters a kept builder may hold.
        var documents = Enumerable.Range(0, 64).Select(i => $$"""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: "cm-{{i}}", labels: {app: 'a{{i}}'} }
            data:
              plain: value {{i}} with several words
              long: {{new string('x', 1500 + i)}}
              quoted: "escaped \t {{i}} \u00e9"
              block: |
                line {{i}}
                  indented
              folded: >-
                folded {{i}}
                text
              anchored: &a{{i}} !!str tagged
              alias: *a{{i}}
            """).ToArray();
        var expected = documents.Select(Events).ToArray();

        var actual = new string[documents.Length];
        Parallel.For(0, documents.Length * 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var events = Events(documents[i % documents.Length]);
            if (i >= documents.Length * 7)
            {
                actual[i % documents.Length] = events;
            }
        });

        CollectionAssert.AreEqual(expected, actual);
    }

    private static string Events(string text)
    {
        var result = new StringBuilder();
        var parser = new Parser(new StringReader(text));
        while (parser.MoveNext())
        {
            var e = parser.Current!;
            result.Append(e.GetType().Name).Append(' ').Append(e.Start).Append(' ').Append(e.End);
            if (e is Scalar scalar)
            {
                result.Append(' ').Append(scalar.Style).Append(' ').Append(scalar.Tag).Append(' ').Append(scalar.Anchor).Append(" [").Append(scalar.Value).Append(']');
            }

            result.Append('\n');
        }

        return result.ToString();
    }
}
