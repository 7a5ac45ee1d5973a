namespace ManifestLint.Cli.Tests;

/// <summary>
/// <c>crds:</c> in .manifestlint.yaml: a repository keeps its CRDs in crds/, outside the folder it lints, and its custom
/// resources are judged against them; without the setting they stay quiet, as their CRD is nowhere in the input.
/// </summary>
[TestClass]
public sealed class ConfiguredCrdTests
{
    private const string WidgetCrd = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: widgets.example.com}
        spec:
          group: example.com
          scope: Namespaced
          names: {kind: Widget, plural: widgets}
          versions:
            - name: v1
              served: true
              storage: true
              schema:
                openAPIV3Schema:
                  type: object
                  properties:
                    spec:
                      type: object
                      properties:
                        size: {type: integer, maximum: 10}

        """;

    // A v1beta1 CRD (ML2007 if it were linted) whose schema still applies: objects stay open, the values are checked.
    private const string GadgetCrdV1Beta1 = """
        apiVersion: apiextensions.k8s.io/v1beta1
        kind: CustomResourceDefinition
        metadata: {name: gadgets.example.com}
        spec:
          group: example.com
          version: v1alpha1
          scope: Namespaced
          names: {kind: Gadget, plural: gadgets}
          validation:
            openAPIV3Schema:
              type: object
              properties:
                spec:
                  type: object
                  properties:
                    mode: {type: string, enum: [fast, safe]}

        """;

    private const string Resources = """
        apiVersion: example.com/v1
        kind: Widget
        metadata: {name: big}
        spec:
          size: 11
        ---
        apiVersion: example.com/v1alpha1
        kind: Gadget
        metadata: {name: quick}
        spec:
          mode: turbo
          extra: kept by a v1beta1 CRD, which does not prune unknown fields

        """;

    private static TempTree Repository(string? config) => new TempTree()
        .Write(".git/HEAD", "ref: refs/heads/main\n")
        .Write(".manifestlint.yaml", config ?? "")
        .Write("crds/widgets.yaml", WidgetCrd)
        .Write("crds/legacy/gadgets.yaml", GadgetCrdV1Beta1)
        .Write("deploy/resources.yaml", Resources);

    [TestMethod]
    public void Custom_resources_are_judged_against_the_configured_crds_folder_outside_the_linted_one()
    {
        using var tree = Repository("crds: [crds/]\n");

        var run = tree.Run("deploy", "--format", "github");

        Assert.AreEqual(ExitCodes.Findings, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Out, "file=deploy/resources.yaml,line=5,col=9,endLine=5,endColumn=11,title=ML2006::spec.size of Widget: 11 should be at most 10");
        StringAssert.Contains(run.Out, "file=deploy/resources.yaml,line=11,col=9,endLine=11,endColumn=14,title=ML2003::spec.mode is 'turbo', which is not one of the allowed values: fast, safe");
        Assert.DoesNotContain("title=ML2001", run.Out, "a v1beta1 CRD keeps unknown fields");
        Assert.DoesNotContain("file=crds/", run.Out, "the CRD files are read for their CRDs, not linted");
    }

    [TestMethod]
    public void Without_crds_the_custom_resources_stay_quiet()
    {
        using var tree = Repository(null);

        var run = tree.Run("deploy");

        Assert.AreEqual(ExitCodes.Success, run.ExitCode, run.ToString());
    }

    [TestMethod]
    public void A_crds_path_that_does_not_exist_is_a_configuration_error_at_its_entry()
    {
        using var tree = Repository("ignorePaths: [vendor]\ncrds:\n  - crds/\n  - vendor/crds/\n");

        var run = tree.Run("deploy");

        Assert.AreEqual(ExitCodes.UsageError, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, ".manifestlint.yaml(4,5): CRD path 'vendor/crds/' does not exist");
    }

    [TestMethod]
    public void A_crd_file_that_does_not_parse_is_reported_where_it_is_and_the_rest_still_judges()
    {
        using var tree = Repository("crds: [crds/]\n").Write("crds/broken.yaml", "apiVersion: apiextensions.k8s.io/v1\nkind: [CustomResourceDefinition\n");

        var run = tree.Run("deploy", "--format", "github");

        Assert.AreEqual(ExitCodes.Findings, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Out, "file=crds/broken.yaml,line=3,col=1,endLine=3,endColumn=2,title=ML9001::YAML syntax error");
        StringAssert.Contains(run.Out, "(in a CRD file of 'crds:' in .manifestlint.yaml)");
        StringAssert.Contains(run.Out, "title=ML2006::spec.size of Widget: 11 should be at most 10", "the other CRD files still validate");
    }

    [TestMethod]
    public void A_crds_folder_that_is_also_linted_is_read_once()
    {
        using var tree = Repository("crds: [crds/]\n").Write("crds/broken.yaml", "apiVersion: apiextensions.k8s.io/v1\nkind: [CustomResourceDefinition\n");

        var run = tree.Run(".", "--format", "github");

        StringAssert.Contains(run.Out, "file=crds/legacy/gadgets.yaml,line=1,col=13,endLine=1,endColumn=41,title=ML2007::", "linted as input, the v1beta1 CRD is reported");
        StringAssert.Contains(run.Out, "title=ML2006::spec.size of Widget: 11 should be at most 10");
        Assert.AreEqual(1, run.Out.Split('\n').Count(l => l.Contains("file=crds/broken.yaml", StringComparison.Ordinal)), run.Out);
        Assert.DoesNotContain("in a CRD file of 'crds:'", run.Out, "its problem is the input's, reported once");
        Assert.DoesNotContain("ML1601", run.Out, "one definition of each CRD");
    }
}
