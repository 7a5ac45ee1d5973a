namespace ManifestLint.TestSupport.JsonSchema;

/// <summary>
/// A JSON Schema draft-04 validator built on System.Text.Json only. "format" is treated as an annotation
/// and never fails validation. Instances are safe to share across threads.
/// </summary>
public sealed class JsonSchemaValidator
{
    /// <summary>Location of the OASIS SARIF 2.1.0 schema inside the shared/ folder.</summary>
    public const string Sarif210SchemaPath = "schemas/sarif-schema-2.1.0.json";

    private readonly SchemaRegistry _registry;
    private readonly PatternCache _patterns = new();

    /// <param name="schema">The root schema document; it is copied, so later changes to it have no effect.</param>
    /// <param name="options">Base URI and remote document resolution; defaults suit a self-contained schema.</param>
    public JsonSchemaValidator(JsonNode schema, JsonSchemaValidatorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (schema is not JsonObject)
        {
            throw new JsonSchemaException($"A draft-04 schema must be a JSON object, found {JsonData.Describe(schema)}.");
        }

        options ??= new JsonSchemaValidatorOptions();
        _registry = new SchemaRegistry(schema.DeepClone(), options.BaseUri, options.RemoteDocumentResolver);
    }

    public JsonSchemaValidator(JsonElement schema, JsonSchemaValidatorOptions? options = null)
        : this(ToNode(schema) ?? throw new JsonSchemaException("A draft-04 schema must be a JSON object, found null."), options)
    {
    }

    /// <summary>The validator for the official SARIF 2.1.0 schema found under shared/ (see <see cref="SharedFolder"/>).</summary>
    /// <exception cref="FileNotFoundException">shared/schemas/sarif-schema-2.1.0.json is not beside the checkout.</exception>
    public static JsonSchemaValidator ForSarif210() => FromFile(SharedFolder.Locate(Sarif210SchemaPath));

    /// <summary>Loads a schema file; its file URI is the base for relative references.</summary>
    public static JsonSchemaValidator FromFile(string path, JsonSchemaValidatorOptions? options = null)
    {
        var fullPath = Path.GetFullPath(path);
        using var stream = File.OpenRead(fullPath);
        var schema = JsonNode.Parse(stream) ?? throw new JsonSchemaException($"Schema file '{fullPath}' holds null.");
        return new JsonSchemaValidator(schema, (options ?? new JsonSchemaValidatorOptions()) with { BaseUri = new Uri(fullPath) });
    }

    /// <summary>All the ways <paramref name="instance"/> breaks the schema; empty when it is valid.</summary>
    /// <exception cref="JsonSchemaException">The schema is unusable (bad $ref, circular $ref, malformed keyword).</exception>
    public IReadOnlyList<SchemaError> Validate(JsonNode? instance)
    {
        var errors = new List<SchemaError>();
        new Evaluation(_registry, _patterns).Evaluate(instance, (JsonObject)_registry.Root, "", errors);
        return errors;
    }

    public IReadOnlyList<SchemaError> Validate(JsonElement instance) => Validate(ToNode(instance));

    public bool IsValid(JsonNode? instance) => Validate(instance).Count == 0;

    private static JsonNode? ToNode(JsonElement element) => JsonNode.Parse(element.GetRawText());
}
