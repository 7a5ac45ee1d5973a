using System.Text;
using ManifestLint.Core.Loading;
using ManifestLint.TestSupport;
using static ManifestLint.Core.Tests.Support.Manifests;

namespace ManifestLint.Core.Tests.Loading;

/// <summary>
/// The alias limit (ML9007) stops a document that aliases make larger than its text; a document that is merely large
/// is bounded by the file size limit and must load.
/// </summary>
[TestClass]
public sealed class AliasLimitTests
{
    [TestMethod]
    public void A_large_CRD_without_aliases_is_analyzed()
    {
        // argo-cd's ApplicationSet CRD: 23,000 lines, about 46,000 nodes, no anchor at all.
        var path = Path.Combine(TestPaths.Shared, "testdata", "peer-cases", "06-large-crd-without-aliases.yaml");
        var loaded = LoadBytes(File.ReadAllBytes(path), "06-large-crd-without-aliases.yaml");

        Assert.IsEmpty(loaded.Diagnostics, Describe(loaded.Diagnostics));
        Assert.AreEqual("applicationsets.argoproj.io", loaded.Objects.Single().Name);
    }

    [TestMethod]
    public void Deep_nesting_with_many_nodes_and_no_alias_is_not_counted_as_expansion()
    {
        // 40 levels above 30,000 leaves: counting each finished subtree again in every ancestor made this 1.2 million.
        var text = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n");
        const int Depth = 40;
        for (var level = 0; level < Depth; level++)
        {
            text.Append(new string(' ', 2 * (level + 1))).Append("l").Append(level).Append(":\n");
        }

        var indentation = new string(' ', 2 * (Depth + 1));
        for (var leaf = 0; leaf < 30_000; leaf++)
        {
            text.Append(indentation).Append('k').Append(leaf).Append(": v\n");
        }

        var loaded = Load(text.ToString());

        Assert.IsEmpty(loaded.Diagnostics, Describe(loaded.Diagnostics));
        Assert.AreEqual("big", loaded.Objects.Single().Name);
    }
}
