namespace ManifestLint.TestSupport.JsonSchema;

/// <summary>JSON data-model view of <see cref="JsonNode"/>: types and equality as JSON Schema defines them.</summary>
internal static class JsonData
{
    public const string Null = "null";
    public const string Boolean = "boolean";
    public const string Object = "object";
    public const string Array = "array";
    public const string Number = "number";
    public const string String = "string";

    /// <summary>The primitive type name; numbers are always "number" here, "integer" is decided by the caller.</summary>
    public static string TypeOf(JsonNode? node) => node switch
    {
        null => Null,
        JsonObject => Object,
        JsonArray => Array,
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => String,
            JsonValueKind.Number => Number,
            JsonValueKind.True or JsonValueKind.False => Boolean,
            JsonValueKind.Null => Null,
            var kind => throw new JsonSchemaException($"Unsupported JSON value kind {kind}."),
        },
        _ => throw new JsonSchemaException($"Unsupported JSON node {node.GetType().Name}."),
    };

    public static bool TryGetString(JsonNode? node, out string value)
    {
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String)
        {
            value = v.GetValue<string>();
            return true;
        }

        value = "";
        return false;
    }

    public static bool TryGetNumber(JsonNode? node, out JsonNumber value)
    {
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.Number)
        {
            value = JsonNumber.From(v);
            return true;
        }

        value = default;
        return false;
    }

    public static bool TryGetBoolean(JsonNode? node, out bool value)
    {
        var kind = node is JsonValue v ? v.GetValueKind() : JsonValueKind.Undefined;
        value = kind == JsonValueKind.True;
        return kind is JsonValueKind.True or JsonValueKind.False;
    }

    /// <summary>
    /// JSON equality, unlike <see cref="JsonNode.DeepEquals"/>: numbers compare by value (1 == 1.0)
    /// and object members ignore order.
    /// </summary>
    public static bool DeepEquals(JsonNode? left, JsonNode? right)
    {
        var type = TypeOf(left);
        if (type != TypeOf(right))
        {
            return false;
        }

        return type switch
        {
            Null => true,
            Boolean => left!.GetValueKind() == right!.GetValueKind(),
            Number => JsonNumber.From((JsonValue)left!) == JsonNumber.From((JsonValue)right!),
            String => string.Equals(left!.GetValue<string>(), right!.GetValue<string>(), StringComparison.Ordinal),
            Array => ArraysEqual((JsonArray)left!, (JsonArray)right!),
            _ => ObjectsEqual((JsonObject)left!, (JsonObject)right!),
        };
    }

    /// <summary>Compact JSON for messages, cut so that a huge value cannot swamp a test report.</summary>
    public static string Describe(JsonNode? node)
    {
        var text = node?.ToJsonString() ?? "null";
        return text.Length <= 60 ? text : text[..57] + "...";
    }

    private static bool ArraysEqual(JsonArray left, JsonArray right) =>
        left.Count == right.Count && left.Zip(right).All(pair => DeepEquals(pair.First, pair.Second));

    private static bool ObjectsEqual(JsonObject left, JsonObject right) =>
        left.Count == right.Count
        && left.All(member => right.TryGetPropertyValue(member.Key, out var other) && DeepEquals(member.Value, other));
}
