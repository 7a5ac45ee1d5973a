using ManifestLint.Core.Loading;

namespace ManifestLint.Rules.Tests.Schema;

/// <summary>ML2010's help is about the format at hand: base64 advice does nothing for a replica count past int32.</summary>
[TestClass]
public sealed class FormatHelpTests
{
    [TestMethod]
    [DataRow("apiVersion: v1\nkind: Secret\nmetadata: {name: db}\ndata: {password: not-base64!}\n", "base64 -w0")]
    [DataRow("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 3000000000\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: c, image: nginx:1.27}]}\n",
        "use an integer from -2147483648 to 2147483647")]
    public void The_help_names_what_the_format_needs(string manifest, string help)
    {
        var finding = RuleCatalog.CreateEngine().Analyze([InputFile.FromText("app.yaml", manifest)]).Active.Single(d => d.Id == RuleIds.ValueNotInFormat);

        Assert.Contains(help, finding.Help!);
    }
}
