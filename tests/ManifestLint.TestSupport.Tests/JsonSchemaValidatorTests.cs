using ManifestLint.TestSupport.JsonSchema;

namespace ManifestLint.TestSupport.Tests;

/// <summary>Behaviour the suite covers thinly or not at all, and the validator's own API contract.</summary>
[TestClass]
public sealed class JsonSchemaValidatorTests
{
    [TestMethod]
    [DataRow("""{"type":"integer"}""", "1.0", true, DisplayName = "1.0 is an integer")]
    [DataRow("""{"type":"integer"}""", "1e2", true, DisplayName = "1e2 is an integer")]
    [DataRow("""{"type":"integer"}""", "1.5", false, DisplayName = "1.5 is not an integer")]
    [DataRow("""{"uniqueItems":true}""", "[1, 1.0]", false, DisplayName = "1 and 1.0 are equal")]
    [DataRow("""{"uniqueItems":true}""", """[{"a":1,"b":2},{"b":2,"a":1.00}]""", false, DisplayName = "key order is irrelevant")]
    [DataRow("""{"enum":[{"a":[1]}]}""", """{"a":[1.0]}""", true, DisplayName = "enum uses deep equality")]
    [DataRow("""{"multipleOf":0.0001}""", "0.0075", true, DisplayName = "0.0075 is a multiple of 0.0001")]
    [DataRow("""{"multipleOf":0.0001}""", "0.00751", false, DisplayName = "0.00751 is not a multiple of 0.0001")]
    [DataRow("""{"multipleOf":0.01}""", "19.99", true, DisplayName = "19.99 is a multiple of 0.01")]
    [DataRow("""{"multipleOf":0.5}""", "1e308", true, DisplayName = "1e308 is a multiple of 0.5")]
    [DataRow("""{"minimum":0,"exclusiveMinimum":true}""", "1e-50", true, DisplayName = "tiny positive beats exclusive 0")]
    [DataRow("""{"maximum":18446744073709551615}""", "18446744073709551616", false, DisplayName = "bignum comparison is exact")]
    [DataRow("""{"maxLength":1}""", "\"\U0001F4A9\"", true, DisplayName = "astral char is one code point")]
    [DataRow("""{"minLength":2}""", "\"\U0001F4A9\"", false, DisplayName = "astral char is not two characters")]
    [DataRow("""{"pattern":"b"}""", "\"abc\"", true, DisplayName = "pattern is an unanchored search")]
    [DataRow("""{"pattern":"^abc$"}""", "\"abc\\n\"", false, DisplayName = "$ does not match before a trailing newline")]
    [DataRow("""{"format":"date-time"}""", "\"not a date\"", true, DisplayName = "format is an annotation only")]
    public void Validates(string schema, string instance, bool expected)
    {
        var validator = new JsonSchemaValidator(JsonNode.Parse(schema)!);

        var errors = validator.Validate(JsonNode.Parse(instance));

        Assert.AreEqual(expected, errors.Count == 0, string.Join(" | ", errors));
    }

    [TestMethod]
    public void RefPointerUnescapesTildeSlashAndPercent()
    {
        var schema = JsonNode.Parse("""
            {
              "definitions": {"a/b": {"type": "string"}, "c~d": {"minLength": 2}, "e%f": {"maxLength": 3}},
              "allOf": [{"$ref": "#/definitions/a~1b"}, {"$ref": "#/definitions/c~0d"}, {"$ref": "#/definitions/e%25f"}]
            }
            """)!;
        var validator = new JsonSchemaValidator(schema);

        Assert.IsTrue(validator.IsValid(JsonValue.Create("xyz")));
        Assert.HasCount(3, validator.Validate(JsonValue.Create(1)).Concat(validator.Validate(JsonValue.Create("x"))).Concat(validator.Validate(JsonValue.Create("wxyz"))));
    }

    [TestMethod]
    public void ErrorLocationsAreEscapedJsonPointers()
    {
        var validator = new JsonSchemaValidator(JsonNode.Parse("""{"properties":{"a/b~c":{"type":"string"}}}""")!);

        var error = Assert.ContainsSingle(validator.Validate(JsonNode.Parse("""{"a/b~c":1}""")));

        Assert.AreEqual(new SchemaError("/a~1b~0c", "#/properties/a~1b~0c/type", "type", "Expected type string but found number."), error);
    }

    [TestMethod]
    [DataRow("""{"$ref":"#"}""", DisplayName = "self reference")]
    [DataRow("""{"definitions":{"a":{"$ref":"#/definitions/b"},"b":{"$ref":"#/definitions/a"}},"$ref":"#/definitions/a"}""", DisplayName = "two-step cycle")]
    [DataRow("""{"definitions":{"a":{"allOf":[{"$ref":"#/definitions/a"}]}},"anyOf":[{"$ref":"#/definitions/a"}]}""", DisplayName = "cycle through allOf")]
    public void CircularRefThrowsInsteadOfOverflowing(string schema)
    {
        var validator = new JsonSchemaValidator(JsonNode.Parse(schema)!);

        var ex = Assert.ThrowsExactly<JsonSchemaException>(() => validator.Validate(JsonValue.Create(1)));

        Assert.Contains("Circular $ref", ex.Message);
    }

    [TestMethod]
    public void RecursionThatConsumesTheInstanceIsNotACycle()
    {
        var validator = new JsonSchemaValidator(JsonNode.Parse("""{"properties":{"child":{"$ref":"#"}},"required":["name"]}""")!);

        Assert.IsTrue(validator.IsValid(JsonNode.Parse("""{"name":1,"child":{"name":2,"child":{"name":3}}}""")));
        Assert.IsFalse(validator.IsValid(JsonNode.Parse("""{"name":1,"child":{"name":2,"child":{}}}""")));
    }

    [TestMethod]
    [DataRow("""{"$ref":"#/definitions/missing"}""", "missing", DisplayName = "dangling pointer")]
    [DataRow("""{"$ref":"http://example.com/other.json"}""", "RemoteDocumentResolver", DisplayName = "remote without resolver")]
    [DataRow("""{"$ref":"#nowhere"}""", "#nowhere", DisplayName = "unknown location-independent id")]
    public void UnresolvableRefThrowsClearly(string schema, string messageFragment)
    {
        var validator = new JsonSchemaValidator(JsonNode.Parse(schema)!);

        var ex = Assert.ThrowsExactly<JsonSchemaException>(() => validator.Validate(null));

        Assert.Contains(messageFragment, ex.Message);
    }

    [TestMethod]
    public void Draft04MetaSchemaIsBuiltIn()
    {
        var validator = new JsonSchemaValidator(JsonNode.Parse("""{"$ref":"http://json-schema.org/draft-04/schema#"}""")!);

        Assert.IsTrue(validator.IsValid(JsonNode.Parse("""{"type":"string","minLength":1}""")));
        Assert.IsFalse(validator.IsValid(JsonNode.Parse("""{"type":1}""")));
    }

    [TestMethod]
    public void JsonElementOverloadsMatchJsonNode()
    {
        using var schema = JsonDocument.Parse("""{"required":["a"]}""");
        using var instance = JsonDocument.Parse("{}");
        var validator = new JsonSchemaValidator(schema.RootElement);

        var error = Assert.ContainsSingle(validator.Validate(instance.RootElement));

        Assert.AreEqual("required", error.Keyword);
    }

    [TestMethod]
    public void ValidatorIsUnaffectedByLaterSchemaMutation()
    {
        var schema = JsonNode.Parse("""{"type":"string"}""")!;
        var validator = new JsonSchemaValidator(schema);

        schema["type"] = "number";

        Assert.IsTrue(validator.IsValid(JsonValue.Create("text")));
    }

    [TestMethod]
    public void SharedFolderLookupFailsWithAClearMessage()
    {
        var start = Directory.CreateTempSubdirectory("manifestlint-no-shared-").FullName;
        try
        {
            var ex = Assert.ThrowsExactly<FileNotFoundException>(() => SharedFolder.Locate(JsonSchemaValidator.Sarif210SchemaPath, start));

            Assert.Contains("shared/schemas/sarif-schema-2.1.0.json", ex.Message);
            Assert.Contains(start, ex.Message);
        }
        finally
        {
            Directory.Delete(start);
        }
    }
}
