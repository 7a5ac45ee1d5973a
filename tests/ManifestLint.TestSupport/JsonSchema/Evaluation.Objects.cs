namespace ManifestLint.TestSupport.JsonSchema;

/// <summary>Object keywords.</summary>
internal sealed partial class Evaluation
{
    private void Required(KeywordContext c)
    {
        var names = c.Value as JsonArray ?? throw new JsonSchemaException($"{c.Where} expects an array of strings.");
        if (c.Instance is not JsonObject obj)
        {
            return;
        }

        foreach (var name in names)
        {
            if (!JsonData.TryGetString(name, out var property))
            {
                throw new JsonSchemaException($"{c.Where} lists a non-string property name.");
            }

            if (!obj.ContainsKey(property))
            {
                Fail(c, $"Missing required property '{property}'.");
            }
        }
    }

    private void Properties(KeywordContext c)
    {
        var schemas = c.Value as JsonObject ?? throw new JsonSchemaException($"{c.Where} expects an object.");
        if (c.Instance is not JsonObject obj)
        {
            return;
        }

        foreach (var (name, value) in obj)
        {
            if (schemas.TryGetPropertyValue(name, out var schema))
            {
                Evaluate(value, c.SubSchema(schema), JsonPointer.Append(c.Location, name), c.Errors);
            }
        }
    }

    private void PatternProperties(KeywordContext c)
    {
        var schemas = c.Value as JsonObject ?? throw new JsonSchemaException($"{c.Where} expects an object.");
        if (c.Instance is not JsonObject obj)
        {
            return;
        }

        foreach (var (name, value) in obj)
        {
            foreach (var (pattern, schema) in schemas)
            {
                if (patterns.IsMatch(pattern, name))
                {
                    Evaluate(value, c.SubSchema(schema), JsonPointer.Append(c.Location, name), c.Errors);
                }
            }
        }
    }

    private void AdditionalProperties(KeywordContext c)
    {
        if (c.Instance is not JsonObject obj)
        {
            return;
        }

        var additional = obj.Where(member => !IsDeclared(c.Schema, member.Key)).ToList();
        if (JsonData.TryGetBoolean(c.Value, out var allowed))
        {
            if (!allowed)
            {
                foreach (var member in additional)
                {
                    Fail(c, $"Property '{member.Key}' is not allowed.");
                }
            }

            return;
        }

        var schema = c.SubSchema(c.Value);
        foreach (var (name, value) in additional)
        {
            Evaluate(value, schema, JsonPointer.Append(c.Location, name), c.Errors);
        }
    }

    private bool IsDeclared(JsonObject schema, string name) =>
        (schema["properties"] is JsonObject properties && properties.ContainsKey(name))
        || (schema["patternProperties"] is JsonObject patternProperties && patternProperties.Any(p => patterns.IsMatch(p.Key, name)));

    private void Dependencies(KeywordContext c)
    {
        var dependencies = c.Value as JsonObject ?? throw new JsonSchemaException($"{c.Where} expects an object.");
        if (c.Instance is not JsonObject obj)
        {
            return;
        }

        foreach (var (trigger, dependency) in dependencies)
        {
            if (!obj.ContainsKey(trigger))
            {
                continue;
            }

            if (dependency is JsonArray names)
            {
                RequireDependents(c, obj, trigger, names);
            }
            else
            {
                Evaluate(obj, c.SubSchema(dependency), c.Location, c.Errors);
            }
        }
    }

    private void RequireDependents(KeywordContext c, JsonObject obj, string trigger, JsonArray names)
    {
        foreach (var name in names)
        {
            if (!JsonData.TryGetString(name, out var property))
            {
                throw new JsonSchemaException($"{c.Where} lists a non-string property name for '{trigger}'.");
            }

            if (!obj.ContainsKey(property))
            {
                Fail(c, $"Property '{trigger}' requires property '{property}'.");
            }
        }
    }

    private void MinProperties(KeywordContext c)
    {
        var limit = c.NonNegativeInteger();
        if (c.Instance is JsonObject obj && obj.Count < limit)
        {
            Fail(c, $"Object has {obj.Count} properties, fewer than the minimum {limit}.");
        }
    }

    private void MaxProperties(KeywordContext c)
    {
        var limit = c.NonNegativeInteger();
        if (c.Instance is JsonObject obj && obj.Count > limit)
        {
            Fail(c, $"Object has {obj.Count} properties, more than the maximum {limit}.");
        }
    }
}
