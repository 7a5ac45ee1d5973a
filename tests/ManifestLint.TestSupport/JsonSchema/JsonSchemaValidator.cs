using Json.Schema;
using EvaluatedSchema = Json.Schema.JsonSchema;

namespace ManifestLint.TestSupport.JsonSchema;

/// <summary>
/// Validates JSON against a schema with JsonSchema.Net (the evaluator the product uses for custom resources). JsonSchema.Net
/// 8 evaluates draft-06 and later, so a draft-04 document (the OASIS SARIF 2.1.0 schema) is read as draft-07: its
/// <c>id</c> becomes <c>$id</c> and boolean exclusive bounds become numbers, which is all that differs for such a schema.
/// "format" is an annotation, never a failure. Instances are safe to share across threads.
/// </summary>
public sealed class JsonSchemaValidator
{
    /// <summary>Location of the OASIS SARIF 2.1.0 schema inside the shared/ folder.</summary>
    public const string Sarif210SchemaPath = "schemas/sarif-schema-2.1.0.json";

    private static int _serial;

    private readonly EvaluatedSchema _schema;

    /// <param name="schema">The root schema document; it is copied, so later changes to it have no effect.</param>
    public JsonSchemaValidator(JsonNode schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (schema.DeepClone() is not JsonObject document)
        {
            throw new JsonSchemaException("A schema must be a JSON object.");
        }

        AsDraft07(document, isPropertyMap: false);
        document["$schema"] = "http://json-schema.org/draft-07/schema#";
        // Every document gets a URI of its own, and its root $id (SARIF's OASIS URI) is dropped: JsonSchema.Net would
        // register the document under both and refuse the second, and the schema's references are all local (#/...).
        document.Remove("$id");
        var baseUri = new Uri($"https://manifestlint.invalid/test-schemas/{Interlocked.Increment(ref _serial)}.json");
        try
        {
            _schema = EvaluatedSchema.FromText(document.ToJsonString(), new BuildOptions { SchemaRegistry = new SchemaRegistry(), Dialect = Dialect.Draft07 }, baseUri);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException)
        {
            throw new JsonSchemaException($"The schema is unusable: {ex.Message}", ex);
        }
    }

    /// <summary>The validator for the official SARIF 2.1.0 schema found under shared/ (see <see cref="SharedFolder"/>).</summary>
    /// <exception cref="FileNotFoundException">shared/schemas/sarif-schema-2.1.0.json is not beside the checkout.</exception>
    public static JsonSchemaValidator ForSarif210() => FromFile(SharedFolder.Locate(Sarif210SchemaPath));

    public static JsonSchemaValidator FromFile(string path) =>
        new(JsonNode.Parse(File.ReadAllText(Path.GetFullPath(path))) ?? throw new JsonSchemaException($"Schema file '{path}' holds null."));

    /// <summary>All the ways <paramref name="instance"/> breaks the schema; empty when it is valid.</summary>
    public IReadOnlyList<SchemaError> Validate(JsonNode? instance)
    {
        var element = JsonSerializer.SerializeToElement(instance);
        var results = _schema.Evaluate(element, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid)
        {
            return [];
        }

        return [.. new[] { results }.Concat(results.Details ?? [])
            .Where(d => !d.IsValid && d.Errors is { Count: > 0 } && !InsideBranch(d.EvaluationPath.ToString()))
            .SelectMany(d => d.Errors!.Select(e => new SchemaError(d.InstanceLocation.ToString(), "#" + d.EvaluationPath, e.Key, e.Value)))];
    }

    /// <summary>
    /// A failure inside one branch of anyOf/oneOf/not is not an error of the instance (another branch may hold, and when
    /// none does the combinator itself reports it): one error per mistake, as draft-04 validators reported.
    /// </summary>
    private static bool InsideBranch(string evaluationPath) =>
        new[] { "/anyOf/", "/oneOf/", "/not/" }.Any(c => evaluationPath.Contains(c, StringComparison.Ordinal));

    public IReadOnlyList<SchemaError> Validate(JsonElement instance) => Validate(JsonNode.Parse(instance.GetRawText()));

    public bool IsValid(JsonNode? instance) => Validate(instance).Count == 0;

    /// <summary>The draft-04 spellings that draft-07 reads differently: <c>id</c>, and boolean exclusive bounds.</summary>
    private static void AsDraft07(JsonObject schema, bool isPropertyMap)
    {
        if (!isPropertyMap)
        {
            if (schema["id"] is JsonValue id && id.TryGetValue<string>(out var uri))
            {
                schema.Remove("id");
                schema["$id"] = uri;
            }

            foreach (var (bound, exclusive) in new[] { ("minimum", "exclusiveMinimum"), ("maximum", "exclusiveMaximum") })
            {
                if (schema[exclusive] is JsonValue flag && flag.TryGetValue<bool>(out var isExclusive))
                {
                    schema.Remove(exclusive);
                    if (isExclusive && schema[bound] is JsonValue limit)
                    {
                        schema.Remove(bound);
                        schema[exclusive] = limit.DeepClone();
                    }
                }
            }
        }

        foreach (var (key, value) in schema.ToList())
        {
            switch (value)
            {
                case JsonObject child:
                    // The values of properties/definitions/patternProperties are schemas; their keys are names, never keywords.
                    AsDraft07(child, isPropertyMap: !isPropertyMap && key is "properties" or "definitions" or "patternProperties");
                    break;
                case JsonArray items:
                    foreach (var item in items.OfType<JsonObject>())
                    {
                        AsDraft07(item, isPropertyMap: false);
                    }

                    break;
            }
        }
    }
}
