using ManifestLint.Core.Baseline;
using ManifestLint.Core.Configuration;

namespace ManifestLint.Core.Tests.Baseline;

/// <summary>The baseline file: JSON Lines, a version line first, entries sorted, every key present, the same bytes for the same findings.</summary>
[TestClass]
public sealed class BaselineFileTests
{
    private static readonly FindingIdentity Selector = new("k8s/service.yaml", "ML1001", "Service/shop/web", "spec.selector", null);
    private static readonly FindingIdentity Port = new("k8s/service.yaml", "ML1003", "Service/shop/web", "spec.ports[name=http].targetPort", "0a1b2c3d");
    private static readonly FindingIdentity Yaml = new("a.yaml", "ML9001", null, null, "ffffffff");

    [TestMethod]
    public void WritesAVersionLineThenOneSortedEntryPerLine()
    {
        var text = new BaselineFile([Port, Yaml, Selector]).Serialize();

        Assert.AreEqual("""
            {"manifestLintBaseline":1}
            {"file":"a.yaml","rule":"ML9001","object":null,"path":null,"hash":"ffffffff"}
            {"file":"k8s/service.yaml","rule":"ML1001","object":"Service/shop/web","path":"spec.selector","hash":null}
            {"file":"k8s/service.yaml","rule":"ML1003","object":"Service/shop/web","path":"spec.ports[name=http].targetPort","hash":"0a1b2c3d"}

            """.Replace("\r\n", "\n", StringComparison.Ordinal), text);
    }

    [TestMethod]
    public void ReadsBackWhatItWrote()
    {
        var text = new BaselineFile([Port, Yaml, Selector]).Serialize();

        var read = BaselineFile.Parse(text.Split('\n'), "baseline.jsonl");

        CollectionAssert.AreEqual(new[] { Yaml, Selector, Port }, read.Findings.ToArray());
    }

    [TestMethod]
    public void RefusesAFileWithoutTheVersionLine_OrOfAnotherVersion()
    {
        var missing = Assert.ThrowsExactly<ConfigurationException>(() => BaselineFile.Parse(["{\"file\":\"a.yaml\",\"rule\":\"ML1001\"}"], "b.jsonl"));
        StringAssert.Contains(missing.Message, "not a ManifestLint baseline");
        var newer = Assert.ThrowsExactly<ConfigurationException>(() => BaselineFile.Parse(["{\"manifestLintBaseline\":2}"], "b.jsonl"));
        StringAssert.Contains(newer.Message, "format 2 is not supported");
    }

    [TestMethod]
    public void TheMessageHashIgnoresPlacesThatMoveWhenTheFileIsEdited()
    {
        Assert.AreEqual(
            FindingIdentity.HashOf("Deployment 'api' at deploy.yaml:14 has app=api only"),
            FindingIdentity.HashOf("Deployment 'api' at deploy.yaml:34 has app=api only"));
        Assert.AreNotEqual(FindingIdentity.HashOf("port 80"), FindingIdentity.HashOf("port 8080"));
    }
}
