namespace ManifestLint.TestSupport.JsonSchema;

/// <summary>
/// One Validate call: walks instance and schema together and collects errors.
/// Keyword groups live in the Evaluation.*.cs partial files.
/// </summary>
internal sealed partial class Evaluation(SchemaRegistry registry, PatternCache patterns)
{
    // $ref schemas currently being applied, per instance location: meeting one again means
    // the schema loops without consuming any of the instance.
    private readonly HashSet<(JsonObject Schema, string InstanceLocation)> _activeRefs = [];

    public void Evaluate(JsonNode? instance, JsonObject schema, string location, List<SchemaError> errors)
    {
        if (schema.TryGetPropertyValue("$ref", out var reference) && JsonData.TryGetString(reference, out var target))
        {
            // Draft-04: $ref replaces the whole schema object, siblings are ignored.
            EvaluateRef(instance, schema, target, location, errors);
            return;
        }

        foreach (var (keyword, value) in schema)
        {
            EvaluateKeyword(instance, schema, keyword, value, location, errors);
        }
    }

    private void EvaluateKeyword(JsonNode? instance, JsonObject schema, string keyword, JsonNode? value, string location, List<SchemaError> errors)
    {
        var context = new KeywordContext(instance, schema, keyword, value, location, errors);
        switch (keyword)
        {
            case "type": Type(context); break;
            case "enum": Enum(context); break;
            case "allOf": AllOf(context); break;
            case "anyOf": AnyOf(context); break;
            case "oneOf": OneOf(context); break;
            case "not": Not(context); break;
            case "multipleOf": MultipleOf(context); break;
            case "minimum": Minimum(context); break;
            case "maximum": Maximum(context); break;
            case "minLength": MinLength(context); break;
            case "maxLength": MaxLength(context); break;
            case "pattern": Pattern(context); break;
            case "items": Items(context); break;
            case "additionalItems": AdditionalItems(context); break;
            case "minItems": MinItems(context); break;
            case "maxItems": MaxItems(context); break;
            case "uniqueItems": UniqueItems(context); break;
            case "required": Required(context); break;
            case "properties": Properties(context); break;
            case "patternProperties": PatternProperties(context); break;
            case "additionalProperties": AdditionalProperties(context); break;
            case "dependencies": Dependencies(context); break;
            case "minProperties": MinProperties(context); break;
            case "maxProperties": MaxProperties(context); break;

            // "format" is an annotation here (draft-04 makes it optional); exclusiveMinimum/Maximum are read by
            // minimum/maximum; id, definitions, title, description, default and unknown keywords do not validate.
            default: break;
        }
    }

    private void EvaluateRef(JsonNode? instance, JsonObject holder, string reference, string location, List<SchemaError> errors)
    {
        if (!_activeRefs.Add((holder, location)))
        {
            throw new JsonSchemaException(
                $"Circular $ref '{reference}' at {registry.LocationOf(holder, "$ref")}: it re-enters itself for instance location '{location}' without consuming any data.");
        }

        try
        {
            Evaluate(instance, registry.Resolve(reference, holder), location, errors);
        }
        finally
        {
            _activeRefs.Remove((holder, location));
        }
    }

    /// <summary>Runs a subschema on the side; used where failures decide the outcome rather than being reported directly.</summary>
    private List<SchemaError> Trial(JsonNode? instance, JsonObject schema, string location)
    {
        var errors = new List<SchemaError>();
        Evaluate(instance, schema, location, errors);
        return errors;
    }

    private void Fail(KeywordContext context, string message) =>
        context.Errors.Add(new SchemaError(context.Location, registry.LocationOf(context.Schema, context.Keyword), context.Keyword, message));

    private readonly record struct KeywordContext(
        JsonNode? Instance,
        JsonObject Schema,
        string Keyword,
        JsonNode? Value,
        string Location,
        List<SchemaError> Errors)
    {
        public string Where => $"'{Keyword}' at {JsonPointer.Of(Schema)}";

        public JsonObject SubSchema(JsonNode? node) =>
            node as JsonObject ?? throw new JsonSchemaException($"{Where} expects a schema object, found {JsonData.Describe(node)}.");

        public JsonArray SchemaArray() =>
            Value as JsonArray is { Count: > 0 } array
                ? array
                : throw new JsonSchemaException($"{Where} expects a non-empty array of schemas.");

        public int NonNegativeInteger()
        {
            if (JsonData.TryGetNumber(Value, out var number) && number.TryGetInt32(out var count) && count >= 0)
            {
                return count;
            }

            throw new JsonSchemaException($"{Where} expects a non-negative integer, found {JsonData.Describe(Value)}.");
        }

        public JsonNumber Number() =>
            JsonData.TryGetNumber(Value, out var number)
                ? number
                : throw new JsonSchemaException($"{Where} expects a number, found {JsonData.Describe(Value)}.");

        public bool SiblingFlag(string name)
        {
            var sibling = Schema[name];
            if (sibling is null)
            {
                return false;
            }

            return JsonData.TryGetBoolean(sibling, out var flag)
                ? flag
                : throw new JsonSchemaException($"'{name}' at {JsonPointer.Of(Schema)} expects a boolean.");
        }
    }
}
