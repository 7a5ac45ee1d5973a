using ManifestLint.TestSupport.JsonSchema;

namespace ManifestLint.TestSupport.Tests;

[TestClass]
public sealed class SarifSchemaTests
{
    private const string Driver = """{"driver":{"name":"x"}}""";

    private static readonly Lazy<JsonSchemaValidator> Sarif = new(JsonSchemaValidator.ForSarif210);

    [TestMethod]
    public void SchemaLoadsFromSharedFolder()
    {
        var path = SharedFolder.Locate(JsonSchemaValidator.Sarif210SchemaPath);

        Assert.IsTrue(File.Exists(path));
        Assert.IsNotNull(Sarif.Value);
    }

    [TestMethod]
    public void SchemaReadAsDraft07IsAValidDraft07Schema()
    {
        // The draft-04 SARIF schema is evaluated as draft-07: the converted document must itself be a valid draft-07 schema.
        var sarifSchema = JsonNode.Parse(File.ReadAllText(SharedFolder.Locate(JsonSchemaValidator.Sarif210SchemaPath)))!;
        var metaSchema = new JsonSchemaValidator(JsonNode.Parse("""{"$ref":"http://json-schema.org/draft-07/schema#"}""")!);
        sarifSchema["$schema"] = "http://json-schema.org/draft-07/schema#";
        sarifSchema["$id"] = sarifSchema["id"]!.DeepClone();
        sarifSchema.AsObject().Remove("id");

        var errors = metaSchema.Validate(sarifSchema);

        Assert.IsEmpty(errors, string.Join(Environment.NewLine, errors));
    }

    [TestMethod]
    public void MinimalLogIsValid()
    {
        var errors = Sarif.Value.Validate(JsonNode.Parse($$"""{"version":"2.1.0","runs":[{"tool":{{Driver}},"results":[]}]}"""));

        Assert.IsEmpty(errors, string.Join(Environment.NewLine, errors));
    }

    [TestMethod]
    public void RealisticLogIsValid()
    {
        var log = """
            {
              "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
              "version": "2.1.0",
              "runs": [{
                "tool": {"driver": {"name": "ManifestLint", "version": "0.1.0", "informationUri": "https://example.com",
                  "rules": [{"id": "ML001", "shortDescription": {"text": "No latest tag"}, "defaultConfiguration": {"level": "warning"}}]}},
                "results": [{
                  "ruleId": "ML001", "ruleIndex": 0, "level": "error", "message": {"text": "Image uses :latest."},
                  "locations": [{"physicalLocation": {"artifactLocation": {"uri": "deploy.yaml", "uriBaseId": "%SRCROOT%"},
                    "region": {"startLine": 12, "startColumn": 7, "endLine": 12, "endColumn": 30}}}],
                  "partialFingerprints": {"primaryLocationLineHash": "abc:1"}
                }]
              }]
            }
            """;

        var errors = Sarif.Value.Validate(JsonNode.Parse(log));

        Assert.IsEmpty(errors, string.Join(Environment.NewLine, errors));
    }

    [TestMethod]
    [DataRow("""{"version":"2.0.0","runs":[]}""", "/version", "enum", "\"2.1.0\"", DisplayName = "wrong version")]
    [DataRow("""{"version":"2.1.0","runs":[{"tool":TOOL,"results":[{"ruleId":"r"}]}]}""", "/runs/0/results/0", "required", "'message'", DisplayName = "result without message")]
    [DataRow(
        """{"version":"2.1.0","runs":[{"tool":TOOL,"results":[{"message":{"text":"m"},"locations":[{"physicalLocation":{"artifactLocation":{"uri":"a.yaml"},"region":{"startLine":0}}}]}]}]}""",
        "/runs/0/results/0/locations/0/physicalLocation/region/startLine",
        "minimum",
        "minimum 1",
        DisplayName = "region startLine 0")]
    [DataRow("""{"version":"2.1.0","runs":[{"tool":TOOL,"results":[{"message":{"text":"m"},"level":"fatal"}]}]}""", "/runs/0/results/0/level", "enum", "\"fatal\"", DisplayName = "level not in enum")]
    [DataRow("""{"version":"2.1.0","runs":[{"tool":{"driver":{}},"results":[]}]}""", "/runs/0/tool/driver", "required", "'name'", DisplayName = "missing tool.driver.name")]
    public void InvalidLogFailsWithPreciseError(string log, string instanceLocation, string keyword, string messageFragment)
    {
        // messageFragment was our draft-04 validator's wording; JsonSchema.Net words its messages itself, so the place and
        // the keyword are what is checked.
        _ = messageFragment;
        var errors = Sarif.Value.Validate(JsonNode.Parse(log.Replace("TOOL", Driver, StringComparison.Ordinal)));

        var error = Assert.ContainsSingle(errors, string.Join(Environment.NewLine, errors));
        Assert.AreEqual(instanceLocation, error.InstanceLocation, error.ToString());
        Assert.AreEqual(keyword, error.Keyword, error.ToString());
        Assert.IsFalse(string.IsNullOrEmpty(error.Message));
        Assert.StartsWith("#/", error.SchemaLocation);
    }
}
