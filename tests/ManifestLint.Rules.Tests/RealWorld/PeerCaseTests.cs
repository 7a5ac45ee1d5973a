using ManifestLint.Core.Engine;
using ManifestLint.TestSupport;

namespace ManifestLint.Rules.Tests.RealWorld;

/// <summary>
/// The minimal cases found by running kube-linter's, kube-score's and netpol-analyzer's fixtures and real projects through
/// ManifestLint (../shared/testdata/peer-cases, its README gives each one's expected behaviour). Each is linted alone with
/// every rule at its default severity; the warnings and errors of reference and input rules must be exactly the expected
/// ones (the cases' minimal Deployments have no memory limits, which is not what they are about).
/// </summary>
[TestClass]
public sealed class PeerCaseTests
{
    /// <summary>Expected warnings and errors per case, as "ID text-the-message-contains"; none means quiet.</summary>
    private static readonly Dictionary<string, string[]> Expected = new(StringComparer.Ordinal)
    {
        ["01-keda-scaledobject-pdb-false-positive.yaml"] = [],
        ["02a-service-lost-namespace-no-ML1001.yaml"] =
            ["ML1001 pods with these labels exist only in namespace 'prod' (Service 'api' has no metadata.namespace, so it is in 'default')"],
        ["02b-hpa-pdb-netpol-statefulset-lost-namespace.yaml"] =
        [
            "ML1401 it exists only in namespace 'prod' (HorizontalPodAutoscaler 'api' has no metadata.namespace",
            "ML1403 pods with these labels exist only in namespace 'prod' (PodDisruptionBudget 'api' has no metadata.namespace",
            "ML1201 pods with these labels exist only in namespace 'prod' (NetworkPolicy 'api' has no metadata.namespace",
            "ML1005 it exists only in namespace 'default' (Service 'db' has no metadata.namespace",
            "ML1001 pods with these labels exist only in namespace 'prod' (Service 'db' has no metadata.namespace",
        ],
        ["02c-ingress-lost-namespace-control-ML1101-fires.yaml"] = ["ML1101 it exists only in namespace 'prod'"],
        ["02d-configmap-serviceaccount-lost-namespace.yaml"] =
        [
            "ML1301 it exists only in namespace 'prod' (Deployment 'api' has no metadata.namespace",
            "ML1305 it exists only in namespace 'prod' (Deployment 'api' has no metadata.namespace",
        ],
        ["02e-control-ML1001-fires-once-an-unrelated-deployment-is-added.yaml"] = ["ML1001 pods with these labels exist only in namespace 'prod'"],
        ["03-typed-podlist-items-dropped.yaml"] = [],
        ["04-controller-added-pod-labels-ML1001-false-positive.yaml"] = [],
        ["04b-controller-added-pod-labels-pdb-netpol.yaml"] = [],
        ["05-quoted-digit-targetport-confusing-message.yaml"] =
            ["ML1003 targetPort '8080'/TCP is not declared by any container of the pods it selects (the quotes make it a port name, not the number 8080; a port name must contain a letter"],
        ["06-large-crd-without-aliases.yaml"] = [],
    };

    private static string Folder => TestPaths.InShared("testdata", "peer-cases");

    public static IEnumerable<object[]> Cases => Expected.Keys.Order(StringComparer.Ordinal).Select(k => new object[] { k });

    [TestMethod]
    public void Every_peer_case_has_an_expectation()
    {
        var files = Directory.GetFiles(Folder, "*.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        CollectionAssert.AreEquivalent(files, Expected.Keys.ToList(), "a peer case was added or removed: give it its expected result here");
    }

    [TestMethod]
    [DynamicData(nameof(Cases))]
    public void Peer_case_gives_exactly_its_expected_findings(string file)
    {
        var result = LintRunner.Run(new LintRequest
        {
            Paths = [file],
            BaseDirectory = Folder,
            ConfigPath = FixtureWorkspace.EmptyConfigPath.Value,
            UseEditorConfig = false,
        }, RuleCatalog.CreateEngine()).Result;

        var actual = result.Active.Where(d => d.Severity >= Severity.Warning && RealWorldTests.IsReferenceOrInputRule(d.Rule)).ToList();
        var unmatched = new List<Diagnostic>(actual);
        var missing = new List<string>();
        foreach (var expected in Expected[file])
        {
            var (id, text) = (expected[..6], expected[7..]);
            var match = unmatched.FirstOrDefault(d => d.Id == id && d.Message.Contains(text, StringComparison.Ordinal));
            if (match is null)
            {
                missing.Add(expected);
            }
            else
            {
                unmatched.Remove(match);
            }
        }

        Assert.IsTrue(missing.Count == 0 && unmatched.Count == 0,
            $"{file}:\nmissing: {string.Join("\n  ", missing)}\nunexpected: {string.Join("\n  ", unmatched.Select(d => $"{d.Id} {d.Location}: {d.Message}"))}");
    }

    [TestMethod]
    public void Items_of_a_typed_list_without_their_own_kind_are_objects_of_the_listed_kind()
    {
        var result = LintRunner.Run(new LintRequest
        {
            Paths = ["03-typed-podlist-items-dropped.yaml"],
            BaseDirectory = Folder,
            ConfigPath = FixtureWorkspace.EmptyConfigPath.Value,
            UseEditorConfig = false,
        }, RuleCatalog.CreateEngine()).Result;

        Assert.IsNotNull(result.Index.Find("Pod", "shop", "api-7d9f"), "the PodList item is a Pod, as the API and kubectl read it");
    }
}
