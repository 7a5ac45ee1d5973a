using ManifestLint.Core.Tests.Support;
using ManifestLint.Core.Yaml;

namespace ManifestLint.Core.Tests.Yaml;

/// <summary>The logical path names a key the way a reader would, and does not change when lines move.</summary>
[TestClass]
public sealed class LogicalPathTests
{
    private const string Deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: api
          labels:
            app.kubernetes.io/name: api
        spec:
          template:
            spec:
              containers:
                - name: sidecar
                  image: proxy:1
                - name: api
                  image: api:1
                  env:
                    - name: DB
                      valueFrom:
                        secretKeyRef: {name: db, key: password}
                  args: [--port, "8080"]

        """;

    private static string PathAt(string text, int line, int column) =>
        LogicalPath.Of(Manifests.Single(text).Root, new SourcePosition(line, column));

    [TestMethod]
    public void SequenceItemsAreNamedByTheirName_SoInsertingAnItemAboveKeepsThePath()
    {
        Assert.AreEqual("spec.template.spec.containers[name=api].env[name=DB].valueFrom.secretKeyRef.key", PathAt(Deployment, 18, 47));
    }

    [TestMethod]
    public void ItemsWithoutANameAreNamedByIndex()
    {
        Assert.AreEqual("spec.template.spec.containers[name=api].args[1]", PathAt(Deployment, 19, 29));
    }

    [TestMethod]
    public void AKeyThatIsNotAPlainWordIsQuoted()
    {
        Assert.AreEqual("metadata.labels[\"app.kubernetes.io/name\"]", PathAt(Deployment, 6, 5));
    }

    [TestMethod]
    public void PointingAtAKeyNamesTheKey_AndTheObjectStartNamesItsFirstKey()
    {
        Assert.AreEqual("spec.template", PathAt(Deployment, 8, 3));
        Assert.AreEqual("apiVersion", PathAt(Deployment, 1, 1));
    }

    [TestMethod]
    public void TheSameKeyHasTheSamePathWhenTheObjectIsReformattedAndMovedDown()
    {
        var reformatted = new string('\n', 20) + """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: api, labels: {app.kubernetes.io/name: api}}
            spec:
              template:
                spec:
                  containers:
                  - {name: sidecar, image: "proxy:1"}
                  - name: api
                    image: api:1
                    env:
                    - name: DB
                      valueFrom: {secretKeyRef: {key: password, name: db}}

            """;

        Assert.AreEqual("spec.template.spec.containers[name=api].env[name=DB].valueFrom.secretKeyRef.key", PathAt(reformatted, 33, 38));
    }
}
