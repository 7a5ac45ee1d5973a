using ManifestLint.Core.Loading;

namespace ManifestLint.Rules.Tests.Schema;

/// <summary>When a schema finding explains a cross-resource symptom, the two findings say so.</summary>
[TestClass]
public sealed class SchemaAndCrossResourceRulesTests
{
    private const string MisspelledContainerPort = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: api}
        spec:
          selector: {matchLabels: {app: api}}
          template:
            metadata: {labels: {app: api}}
            spec:
              containers:
                - name: api
                  image: api:1
                  ports:
                    - name: http
                      contianerPort: 8080
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: api}
        spec:
          selector: {app: api}
          ports:
            - port: 80
              targetPort: 8080
        """;

    [TestMethod]
    public void A_misspelled_containerPort_is_reported_as_the_cause_of_the_Service_finding()
    {
        var diagnostics = RuleCatalog.CreateEngine().Analyze([InputFile.FromText("app.yaml", MisspelledContainerPort)]).Active.ToList();

        var cause = diagnostics.Single(d => d.Id == RuleIds.UnknownField);
        Assert.Contains("did you mean 'containerPort'?", cause.Message);
        var symptom = diagnostics.Single(d => d.Id == RuleIds.ServiceTargetPortNotDeclared);
        Assert.Contains("the pods' ports have a schema error at spec.template.spec.containers[0].ports[0].contianerPort", symptom.Message);
        Assert.AreEqual(cause.Location, symptom.RelatedLocations[0].Location, "the Service's finding points at the schema error");
        Assert.Contains("fix the schema error", symptom.Help!);
    }

    [TestMethod]
    public void Without_the_schema_rules_the_Service_finding_stands_alone()
    {
        var engine = new Core.Engine.AnalysisEngine([.. RuleCatalog.Analyzers.Where(a => a.SupportedRules.All(r => r.Category != Core.Engine.RuleCategories.Schema))]);
        var symptom = engine.Analyze([InputFile.FromText("app.yaml", MisspelledContainerPort)]).Active.Single(d => d.Id == RuleIds.ServiceTargetPortNotDeclared);
        Assert.DoesNotContain("schema error", symptom.Message);
    }
}
