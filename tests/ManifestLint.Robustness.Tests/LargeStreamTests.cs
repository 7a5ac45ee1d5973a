using System.Globalization;
using System.Text;
using ManifestLint.Core.Loading;
using ManifestLint.Robustness.Tests.Support;

namespace ManifestLint.Robustness.Tests;

/// <summary>
/// Thousands of documents in one file (a rendered umbrella chart, a `kubectl get -o yaml` dump): every document is
/// analyzed, Helm sources stay attached, and the work per document does not grow with the file (counted in bytes
/// allocated at n and 4n documents, never timed).
/// </summary>
[TestClass]
[DoNotParallelize] // Allocation counts are process-wide.
public sealed class LargeStreamTests
{
    private const string Path = "rendered.yaml";

    // 4n documents may cost at most this many times n: linear is 4, quadratic 16.
    private const double MaxGrowth = 5.0;

    [TestMethod]
    public void ThousandsOfDocumentsInOneFileAreAllAnalyzed()
    {
        const int apps = 2500;

        var run = LintPipeline.Run(InputFile.FromText(Path, Stream(apps, helm: false, broken: false)));

        Assert.AreEqual(3 * apps, run.Result.Statistics.Resources);
        var typos = run.In(Path).Where(d => d.Id == "ML1001").ToList();
        Assert.HasCount(apps / 10, typos);
        Assert.IsTrue(typos.All(d => d.Location.Span.Start.Line == ServiceSelectorLine(AppOf(d)) && d.Location.HelmSource is null));
    }

    [TestMethod]
    public void ThousandsOfHelmDocumentsKeepTheirSources()
    {
        const int apps = 2500;

        var run = LintPipeline.Run(InputFile.FromText(Path, Stream(apps, helm: true, broken: false)));

        var typos = run.In(Path).Where(d => d.Id == "ML1001").ToList();
        Assert.HasCount(apps / 10, typos);
        foreach (var typo in typos)
        {
            Assert.AreEqual($"umbrella/templates/app-{AppOf(typo):D5}/service.yaml", typo.Location.HelmSource);
        }
    }

    [TestMethod]
    public void ThousandsOfBrokenDocumentsAreEachReportedAndTheRestAnalyzed()
    {
        const int apps = 2000;

        var run = LintPipeline.Run(InputFile.FromText(Path, Stream(apps, helm: false, broken: true)));

        // Each app's ConfigMap is broken YAML; the parser resumes at the next '---', so every Deployment and Service survives.
        Assert.HasCount(apps, run.In(Path).Where(d => d.Id == "ML9001").ToList());
        Assert.AreEqual(2 * apps, run.Result.Statistics.Resources);
        Assert.HasCount(apps / 10, run.In(Path).Where(d => d.Id == "ML1001").ToList());
    }

    [TestMethod]
    [DataRow(false, false, DisplayName = "valid documents")]
    [DataRow(true, false, DisplayName = "Helm-rendered documents")]
    [DataRow(false, true, DisplayName = "a syntax error in every third document")]
    public void WorkPerDocumentDoesNotGrowWithTheFile(bool helm, bool broken)
    {
        const int apps = 1000;
        var small = InputFile.FromText(Path, Stream(apps, helm, broken));
        var large = InputFile.FromText(Path, Stream(4 * apps, helm, broken));
        var options = LintPipeline.Options();
        LintPipeline.SharedEngine.Analyze([small], options); // JIT and one-time allocations are not charged to the small run.

        var (_, smallBytes) = LintPipeline.MeasureAllocations(() => LintPipeline.SharedEngine.Analyze([small], options));
        var (_, largeBytes) = LintPipeline.MeasureAllocations(() => LintPipeline.SharedEngine.Analyze([large], options));

        var growth = (double)largeBytes / smallBytes;
        Assert.IsLessThanOrEqualTo(MaxGrowth, growth, $"allocations grew {growth:F1}× from {apps} to {4 * apps} apps in one file ({smallBytes:N0} → {largeBytes:N0} bytes)");
    }

    /// <summary>Lines per app, separators included: ConfigMap 6, Deployment 20, Service 11; Helm adds a Source comment to each.</summary>
    private static string Stream(int apps, bool helm, bool broken)
    {
        var text = new StringBuilder();
        for (var i = 0; i < apps; i++)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"app-{i:D5}");
            var selected = i % 10 == 0 ? "ap-" + name[4..] : name;
            Document(text, helm, $"umbrella/templates/{name}/configmap.yaml", broken
                ? $"apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: {name}}}\ndata:\n  key: value: nope\n"
                : $"apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: {name}}}\ndata:\n  key: value\n");
            Document(text, helm, $"umbrella/templates/{name}/deployment.yaml", $"""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: {name}
                spec:
                  selector:
                    matchLabels:
                      app: {name}
                  template:
                    metadata:
                      labels:
                        app: {name}
                    spec:
                      containers:
                        - name: main
                          image: example.com/{name}:1
                          ports:
                            - name: http
                              containerPort: 8080

                """);
            Document(text, helm, $"umbrella/templates/{name}/service.yaml", $"""
                apiVersion: v1
                kind: Service
                metadata:
                  name: {name}
                spec:
                  selector:
                    app: {selected}
                  ports:
                    - port: 80
                      targetPort: http

                """);
        }

        return text.ToString();
    }

    private static void Document(StringBuilder text, bool helm, string source, string body)
    {
        text.Append("---\n");
        if (helm)
        {
            text.Append("# Source: ").Append(source).Append('\n');
        }

        text.Append(body);
    }

    private static int AppOf(Core.Engine.Diagnostic diagnostic) =>
        int.Parse(diagnostic.Resource!.Name.AsSpan(4), CultureInfo.InvariantCulture);

    /// <summary>Line of "selector:" in app <paramref name="app"/>'s Service, in a stream without Helm comments.</summary>
    private static int ServiceSelectorLine(int app) => (app * 37) + 33;
}
