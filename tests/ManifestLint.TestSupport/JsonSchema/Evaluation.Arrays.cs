namespace ManifestLint.TestSupport.JsonSchema;

/// <summary>Array keywords.</summary>
internal sealed partial class Evaluation
{
    private void Items(KeywordContext c)
    {
        if (c.Instance is not JsonArray array)
        {
            return;
        }

        if (c.Value is JsonArray tuple)
        {
            for (var i = 0; i < Math.Min(tuple.Count, array.Count); i++)
            {
                Evaluate(array[i], c.SubSchema(tuple[i]), JsonPointer.Append(c.Location, i), c.Errors);
            }

            return;
        }

        var schema = c.SubSchema(c.Value);
        for (var i = 0; i < array.Count; i++)
        {
            Evaluate(array[i], schema, JsonPointer.Append(c.Location, i), c.Errors);
        }
    }

    private void AdditionalItems(KeywordContext c)
    {
        // Only meaningful after a tuple-form "items"; with a single items schema every element is already covered.
        if (c.Instance is not JsonArray array || c.Schema["items"] is not JsonArray tuple)
        {
            return;
        }

        if (JsonData.TryGetBoolean(c.Value, out var allowed))
        {
            if (!allowed && array.Count > tuple.Count)
            {
                Fail(c, $"Array has {array.Count} items but only {tuple.Count} are allowed.");
            }

            return;
        }

        var schema = c.SubSchema(c.Value);
        for (var i = tuple.Count; i < array.Count; i++)
        {
            Evaluate(array[i], schema, JsonPointer.Append(c.Location, i), c.Errors);
        }
    }

    private void MinItems(KeywordContext c)
    {
        var limit = c.NonNegativeInteger();
        if (c.Instance is JsonArray array && array.Count < limit)
        {
            Fail(c, $"Array has {array.Count} items, fewer than the minimum {limit}.");
        }
    }

    private void MaxItems(KeywordContext c)
    {
        var limit = c.NonNegativeInteger();
        if (c.Instance is JsonArray array && array.Count > limit)
        {
            Fail(c, $"Array has {array.Count} items, more than the maximum {limit}.");
        }
    }

    private void UniqueItems(KeywordContext c)
    {
        if (!JsonData.TryGetBoolean(c.Value, out var unique))
        {
            throw new JsonSchemaException($"{c.Where} expects a boolean.");
        }

        if (!unique || c.Instance is not JsonArray array)
        {
            return;
        }

        for (var i = 0; i < array.Count; i++)
        {
            for (var j = i + 1; j < array.Count; j++)
            {
                if (JsonData.DeepEquals(array[i], array[j]))
                {
                    Fail(c, $"Items {i} and {j} are equal ({JsonData.Describe(array[i])}), but items must be unique.");
                    return;
                }
            }
        }
    }
}
